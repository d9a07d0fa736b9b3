/**
 * Overwritten and deleted objects can be recovered.
 * @severity medium
 */
import { AWS } from "../resource-types.js";
import { expectInput } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

export const s3Versioning = defineRule({
  name: "asc-aws-s3-versioning",
  cloud: "aws",
  description: 'A bucket has versioning enabled (versioningConfiguration.status "Enabled").',
  severity: "medium",
  frameworks: { checkov: ["CKV_AWS_21"], securityHub: ["S3.14"] },
  mandatoryTiers: EVERY_TIER,
  remediation: 'Create an aws.s3.BucketVersioning with versioningConfiguration: { status: "Enabled" } (add a lifecycle rule to expire old versions).',
  resourceTypes: AWS.s3Versioning,
  check: (_type, props) => expectInput(props, { path: "versioningConfiguration.status", ok: (v) => v === "Enabled", must: '"Enabled"' }),
});
