/**
 * Production databases accept IAM authentication (or carry an explicit exemption).
 * @severity medium
 */
import { AWS } from "../resource-types.js";
import { expectInput, isTrue } from "../../props.js";
import { defineRule, PRODUCTION_ONLY } from "../../rule.js";

export const rdsIamAuth = defineRule({
  name: "asc-aws-rds-iam-auth",
  cloud: "aws",
  description: "An RDS instance has IAM database authentication enabled (mandatory in production unless exempted in asc:policyExemptions).",
  severity: "medium",
  frameworks: { checkov: ["CKV_AWS_161"], securityHub: ["RDS.10"] },
  mandatoryTiers: PRODUCTION_ONLY,
  remediation:
    "Set iamDatabaseAuthenticationEnabled: true (asc:database.iamAuthentication: true), or add an asc:policyExemptions entry for asc-aws-rds-iam-auth with a reason and an expiry.",
  configKeys: ["database.iamAuthentication"],
  resourceTypes: AWS.rdsInstance,
  check: (_type, props) => expectInput(props, { path: "iamDatabaseAuthenticationEnabled", ok: isTrue, must: "true" }),
});
