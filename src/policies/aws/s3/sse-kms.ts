/**
 * Objects are encrypted with KMS keys.
 * @severity high
 */
import { AWS } from "../resource-types.js";
import { asArray, expectInput, lookup } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

const KMS_ALGORITHMS = ["aws:kms", "aws:kms:dsse"];
/**
 * The exemption, by asc's naming convention: a log bucket asc creates (src/components/aws/log-bucket.ts) is named
 * `<component>-access-logs-<random>` and may use SSE-S3, the only default encryption its log delivery supports: ALB
 * access logs (Elastic Load Balancing User Guide, "Enable access logs for your Application Load Balancer") and S3
 * server access logs (Amazon S3 User Guide, "Enabling Amazon S3 server access logging": "Default server-side
 * encryption with AWS KMS keys (SSE-KMS) is not supported",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html). Any other bucket must use
 * KMS, whatever its name says about logs.
 */
const LOG_BUCKET = /-access-logs-[a-z0-9-]*$/;

export const s3SseKms = defineRule({
  name: "asc-aws-s3-sse-kms",
  cloud: "aws",
  description:
    'A bucket\'s default encryption is SSE-KMS (sseAlgorithm "aws:kms" or "aws:kms:dsse"). Exemption: a log bucket asc creates for ALB access logs or S3 server access logs, named `*-access-logs-<random>`, may use SSE-S3 ("AES256"), the only default encryption those log deliveries support; while the bucket\'s name is not known yet (a first preview) SSE-S3 is not judged.',
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
    // Not known before the bucket exists: whether it is a log bucket is judged at `up`, when the name is known.
    const mayUseSseS3 = bucket.state === "opaque" || (bucket.state === "set" && typeof bucket.value === "string" && LOG_BUCKET.test(bucket.value));
    return list.flatMap((rule, i) =>
      expectInput(rule, {
        path: "applyServerSideEncryptionByDefault.sseAlgorithm",
        label: `rules[${i}].applyServerSideEncryptionByDefault.sseAlgorithm`,
        ok: (v) => typeof v === "string" && (KMS_ALGORITHMS.includes(v) || (mayUseSseS3 && v === "AES256")),
        must: '"aws:kms" (or "aws:kms:dsse")',
      }),
    );
  },
});
