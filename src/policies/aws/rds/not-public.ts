/**
 * The database is not reachable from the internet.
 * @severity critical
 */
import { AWS } from "../resource-types.js";
import { expectInput, isNotTrue } from "../../props.js";
import { defineRule, OUTSIDE_DEV } from "../../rule.js";

export const rdsNotPublic = defineRule({
  name: "asc-aws-rds-not-public",
  cloud: "aws",
  description: "An RDS instance is not publicly accessible (unset means false).",
  severity: "critical",
  frameworks: { checkov: ["CKV_AWS_17"], securityHub: ["RDS.2"] },
  mandatoryTiers: OUTSIDE_DEV,
  devOverride: "publicDatabase",
  remediation: "Set publiclyAccessible: false and keep the instance in private subnets; in dev only, asc:devOverrides.publicDatabase relaxes this.",
  configKeys: ["devOverrides.publicDatabase"],
  resourceTypes: AWS.rdsInstance,
  check: (_type, props) => expectInput(props, { path: "publiclyAccessible", ok: isNotTrue, must: "false", whenMissing: "compliant" }),
});
