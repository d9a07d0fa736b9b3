/**
 * Buckets can never be made public.
 * @severity critical
 */
import { AWS } from "../resource-types.js";
import { expectInput, isTrue } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

export const PUBLIC_ACCESS_BLOCK_SETTINGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

export const s3PublicAccessBlock = defineRule({
  name: "asc-aws-s3-public-access-block",
  cloud: "aws",
  description: "A bucket's public access block turns on all four settings: blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets.",
  severity: "critical",
  frameworks: { checkov: ["CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56"], securityHub: ["S3.8"] },
  mandatoryTiers: EVERY_TIER,
  remediation: "Create an aws.s3.BucketPublicAccessBlock for every bucket with all four settings true (presigned URLs keep working).",
  resourceTypes: AWS.s3PublicAccessBlock,
  check: (_type, props) => PUBLIC_ACCESS_BLOCK_SETTINGS.flatMap((path) => expectInput(props, { path, ok: isTrue, must: "true" })),
});
