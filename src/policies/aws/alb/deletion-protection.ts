/**
 * The production load balancer cannot be deleted by accident.
 * @severity medium
 */
import { AWS } from "../resource-types.js";
import { expectInput, isTrue } from "../../props.js";
import { defineRule, PRODUCTION_ONLY } from "../../rule.js";

export const albDeletionProtection = defineRule({
  name: "asc-aws-alb-deletion-protection",
  cloud: "aws",
  description: "The load balancer has deletion protection (mandatory in production).",
  severity: "medium",
  frameworks: { checkov: ["CKV_AWS_150"], securityHub: ["ELB.6"] },
  mandatoryTiers: PRODUCTION_ONLY,
  remediation: "Set enableDeletionProtection: true on the load balancer.",
  resourceTypes: AWS.loadBalancer,
  check: (_type, props) => expectInput(props, { path: "enableDeletionProtection", ok: isTrue, must: "true", missingNote: "the AWS default is false" }),
});
