/**
 * The ALB mitigates HTTP desync (request smuggling) instead of only monitoring it.
 * @severity medium
 */
import { AWS } from "../resource-types.js";
import { expectInput } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";
import { isApplicationLoadBalancer } from "./load-balancer-kind.js";

export const albDesyncMode = defineRule({
  name: "asc-aws-alb-desync-mode",
  cloud: "aws",
  description: 'An application load balancer\'s desyncMitigationMode is "defensive" (the AWS default) or "strictest", never "monitor".',
  severity: "medium",
  frameworks: { checkov: ["CKV_AWS_328"], securityHub: ["ELB.12"] },
  mandatoryTiers: EVERY_TIER,
  remediation: 'Set desyncMitigationMode: "strictest" (or leave it unset for "defensive").',
  resourceTypes: AWS.loadBalancer,
  check: (_type, props) =>
    isApplicationLoadBalancer(props)
      ? expectInput(props, { path: "desyncMitigationMode", ok: (v) => v === "defensive" || v === "strictest", must: '"defensive" or "strictest"', whenMissing: "compliant" })
      : [],
});
