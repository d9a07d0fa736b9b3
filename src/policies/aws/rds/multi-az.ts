/**
 * The production database survives the loss of an availability zone.
 * @severity medium
 */
import { AWS } from "../resource-types.js";
import { expectInput, isTrue } from "../../props.js";
import { defineRule, PRODUCTION_ONLY } from "../../rule.js";

export const rdsMultiAz = defineRule({
  name: "asc-aws-rds-multi-az",
  cloud: "aws",
  description: "An RDS instance is Multi-AZ (mandatory in production).",
  severity: "medium",
  frameworks: { checkov: ["CKV_AWS_157"], securityHub: ["RDS.5"] },
  mandatoryTiers: PRODUCTION_ONLY,
  remediation: "Set multiAz: true (asc:database.highAvailability: true).",
  configKeys: ["database.highAvailability"],
  resourceTypes: AWS.rdsInstance,
  check: (_type, props) => expectInput(props, { path: "multiAz", ok: isTrue, must: "true", missingNote: "the AWS default is a single AZ" }),
});
