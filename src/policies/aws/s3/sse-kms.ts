/**
 * Objects are encrypted with KMS keys.
 * @severity high
 */
import { AWS } from "../resource-types.js";
import { asArray, expectInput, lookup } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

const KMS_ALGORITHMS = ["aws:kms", "aws:kms:dsse"];
/**
 * ALB access logs can only be written to buckets encrypted with SSE-S3 (an AWS limitation). asc's LoadBalancer
 * names its log bucket `<name>-access-logs-…`; such a bucket may use AES256.
 */
const ALB_ACCESS_LOG_BUCKET = /-access-logs-[a-z0-9-]*$/;

export const s3SseKms = defineRule({
  name: "asc-aws-s3-sse-kms",
  cloud: "aws",
  description: 'A bucket\'s default encryption is SSE-KMS (sseAlgorithm "aws:kms" or "aws:kms:dsse"); ALB access-log buckets (`*-access-logs-*`) may use SSE-S3, the only encryption ALB log delivery supports.',
  severity: "high",
  frameworks: { checkov: ["CKV_AWS_145"], securityHub: ["S3.17"] },
  mandatoryTiers: EVERY_TIER,
  remediation:
    'Create an aws.s3.BucketServerSideEncryptionConfiguration with rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: <key ARN> }, bucketKeyEnabled: true }].',
  resourceTypes: AWS.s3Encryption,
  check: (_type, props) => {
    const rules = lookup(props, "rules");
    if (rules.state === "opaque") return [];
    const list = rules.state === "set" ? asArray(rules.value) ?? [] : [];
    if (list.length === 0) return ['rules is not set; it must hold a rule whose applyServerSideEncryptionByDefault.sseAlgorithm is "aws:kms"'];
    const bucket = lookup(props, "bucket");
    const accessLogBucket = bucket.state === "set" && typeof bucket.value === "string" && ALB_ACCESS_LOG_BUCKET.test(bucket.value);
    return list.flatMap((rule, i) =>
      expectInput(rule, {
        path: "applyServerSideEncryptionByDefault.sseAlgorithm",
        label: `rules[${i}].applyServerSideEncryptionByDefault.sseAlgorithm`,
        ok: (v) => typeof v === "string" && (KMS_ALGORITHMS.includes(v) || (accessLogBucket && v === "AES256")),
        must: '"aws:kms" (or "aws:kms:dsse")',
      }),
    );
  },
});
