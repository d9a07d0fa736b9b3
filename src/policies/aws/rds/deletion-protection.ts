/**
 * The production database cannot be deleted by accident.
 * @severity high
 */
import { AWS } from "../resource-types.js";
import { expectInput, isTrue } from "../../props.js";
import { defineRule, PRODUCTION_ONLY } from "../../rule.js";

export const rdsDeletionProtection = defineRule({
  name: "asc-aws-rds-deletion-protection",
  cloud: "aws",
  description: "An RDS instance has deletion protection (mandatory in production).",
  severity: "high",
  frameworks: { checkov: ["CKV_AWS_293"], securityHub: ["RDS.8"] },
  mandatoryTiers: PRODUCTION_ONLY,
  remediation: "Set deletionProtection: true (asc:database.deletionProtection: true).",
  configKeys: ["database.deletionProtection"],
  resourceTypes: AWS.rdsInstance,
  check: (_type, props) => expectInput(props, { path: "deletionProtection", ok: isTrue, must: "true", missingNote: "the AWS default is false" }),
});
