/**
 * The ALB drops HTTP headers with invalid names instead of passing them to targets.
 * @severity medium
 */
import { AWS } from "../resource-types.js";
import { expectInput, isTrue } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";
import { isApplicationLoadBalancer } from "./load-balancer-kind.js";

export const albDropInvalidHeaders = defineRule({
  name: "asc-aws-alb-drop-invalid-headers",
  cloud: "aws",
  description: "An application load balancer drops headers with invalid names (request smuggling defence).",
  severity: "medium",
  frameworks: { checkov: ["CKV_AWS_131"], securityHub: ["ELB.4"] },
  mandatoryTiers: EVERY_TIER,
  remediation: "Set dropInvalidHeaderFields: true on the load balancer.",
  resourceTypes: AWS.loadBalancer,
  check: (_type, props) =>
    isApplicationLoadBalancer(props) ? expectInput(props, { path: "dropInvalidHeaderFields", ok: isTrue, must: "true", missingNote: "the AWS default is false" }) : [],
});
