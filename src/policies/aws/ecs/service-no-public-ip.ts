/**
 * Services run in private subnets without public IPs.
 * @severity high
 */
import { AWS } from "../resource-types.js";
import { expectInput, isNotTrue } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

export const ecsServiceNoPublicIp = defineRule({
  name: "asc-aws-ecs-service-no-public-ip",
  cloud: "aws",
  description: "An ECS service does not assign public IPs to its tasks (unset means false).",
  severity: "high",
  frameworks: { checkov: ["CKV_AWS_333"], securityHub: ["ECS.2"] },
  mandatoryTiers: EVERY_TIER,
  remediation: "Set networkConfiguration.assignPublicIp: false and run the tasks in private subnets behind a NAT gateway.",
  resourceTypes: AWS.ecsService,
  check: (_type, props) =>
    expectInput(props, { path: "networkConfiguration.assignPublicIp", ok: isNotTrue, must: "false", whenMissing: "compliant" }),
});
