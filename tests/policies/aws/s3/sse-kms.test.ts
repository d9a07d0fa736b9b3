import { s3SseKms } from "../../../../src/policies/aws/s3/sse-kms.js";
import { describeRule, withInput } from "../../../helpers/policy-rules.js";

const compliant = {
  bucket: "asc-prod-uploads",
  rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:aws:kms:eu-west-1:123456789012:key/1" }, bucketKeyEnabled: true }],
};
const MISSING = 'rules is not set; it must hold a rule whose applyServerSideEncryptionByDefault.sseAlgorithm is "aws:kms"';

describeRule(s3SseKms, {
  type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  compliant,
  passes: [
    { title: "dual-layer KMS", props: withInput(compliant, "rules[0].applyServerSideEncryptionByDefault.sseAlgorithm", "aws:kms:dsse") },
    { title: "an unknown rule", props: { ...compliant, rules: ["[unknown]"] } },
    { title: "SSE-S3 on an ALB access-log bucket", props: withInput({ ...compliant, bucket: "asc-prod-lb-access-logs-1a2b3c4" }, "rules[0].applyServerSideEncryptionByDefault.sseAlgorithm", "AES256") },
    { title: "SSE-S3 on the app bucket's server-access-log bucket", props: withInput({ ...compliant, bucket: "asc-prod-storage-access-logs-5d6e7f8" }, "rules[0].applyServerSideEncryptionByDefault.sseAlgorithm", "AES256") },
    { title: "SSE-S3 on a bucket whose name is not known yet (judged at up)", props: withInput({ ...compliant, bucket: "[unknown]" }, "rules[0].applyServerSideEncryptionByDefault.sseAlgorithm", "AES256") },
  ],
  violations: [
    {
      title: "aws:kms:dsse is fine but SSE-S3 is not, even on a bucket whose name only mentions logs",
      props: withInput({ ...compliant, bucket: "asc-prod-access-logs" }, "rules[0].applyServerSideEncryptionByDefault.sseAlgorithm", "AES256"),
      expected: ['rules[0].applyServerSideEncryptionByDefault.sseAlgorithm is "AES256"; it must be "aws:kms" (or "aws:kms:dsse")'],
    },
    {
      title: "SSE-S3 on a bucket that only contains access-logs in the middle of its name",
      props: withInput({ ...compliant, bucket: "asc-prod-access-logs.example.com" }, "rules[0].applyServerSideEncryptionByDefault.sseAlgorithm", "AES256"),
      expected: ['rules[0].applyServerSideEncryptionByDefault.sseAlgorithm is "AES256"; it must be "aws:kms" (or "aws:kms:dsse")'],
    },
    {
      title: "SSE-S3",
      props: withInput(compliant, "rules[0].applyServerSideEncryptionByDefault.sseAlgorithm", "AES256"),
      expected: ['rules[0].applyServerSideEncryptionByDefault.sseAlgorithm is "AES256"; it must be "aws:kms" (or "aws:kms:dsse")'],
    },
    {
      title: "a rule without default encryption",
      props: { bucket: "b", rules: [{ bucketKeyEnabled: true }] },
      expected: ['rules[0].applyServerSideEncryptionByDefault.sseAlgorithm is not set; it must be "aws:kms" (or "aws:kms:dsse")'],
    },
    { title: "no rules", props: { bucket: "b" }, expected: [MISSING] },
    { title: "empty rules", props: { bucket: "b", rules: [] }, expected: [MISSING] },
  ],
});
