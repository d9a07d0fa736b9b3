/**
 * Every bucket has its protections attached: a public-access block, default encryption, versioning and a bucket
 * policy. The per-resource S3 rules check those resources' settings; only the whole stack shows one missing.
 * @severity high
 */
import { AWS } from "../resource-types.js";
import { defineRule, EVERY_TIER, type StackResourceView } from "../../rule.js";

const COMPANIONS: readonly { readonly types: readonly string[]; readonly what: string }[] = [
  { types: AWS.s3PublicAccessBlock, what: "aws.s3.BucketPublicAccessBlock" },
  { types: AWS.s3Encryption, what: "aws.s3.BucketServerSideEncryptionConfiguration" },
  { types: AWS.s3Versioning, what: "aws.s3.BucketVersioning" },
  { types: AWS.s3BucketPolicy, what: "aws.s3.BucketPolicy" },
];

function missingCompanions(bucket: StackResourceView, resources: readonly StackResourceView[]): string[] {
  const attached = resources.filter((r) => r.dependencies.includes(bucket.urn));
  return COMPANIONS.filter((c) => !attached.some((r) => (c.types as readonly string[]).includes(r.type))).map((c) => c.what);
}

export const s3BucketProtections = defineRule({
  name: "asc-aws-s3-bucket-protections",
  cloud: "aws",
  description: "Every bucket has a public-access block, default encryption, versioning and a bucket policy attached (stack-level: it looks at what refers to each bucket).",
  severity: "high",
  frameworks: { checkov: ["CKV2_AWS_6", "CKV_AWS_145", "CKV_AWS_21"], securityHub: ["S3.8", "S3.17", "S3.14"] },
  mandatoryTiers: EVERY_TIER,
  remediation: "Attach the missing resources to the bucket (see the asc-aws-s3-* rules for their settings), or create buckets with asc's ObjectStorage component, which attaches all of them.",
  resourceTypes: AWS.s3Bucket,
  check: () => [],
  checkStack: (resources) =>
    resources
      .filter((r) => (AWS.s3Bucket as readonly string[]).includes(r.type))
      .flatMap((bucket) => {
        const missing = missingCompanions(bucket, resources);
        return missing.length === 0 ? [] : [{ urn: bucket.urn, message: `the bucket has no ${missing.join(", no ")} attached` }];
      }),
});
