/**
 * Log data is encrypted with a customer-managed KMS key, whose key policy decides who may read it.
 * @severity medium
 */
import { AWS } from "../resource-types.js";
import { expectInput, isNonEmptyString } from "../../props.js";
import { defineRule, PRODUCTION_ONLY } from "../../rule.js";

export const cloudwatchLogGroupKms = defineRule({
  name: "asc-aws-cloudwatch-log-group-kms",
  cloud: "aws",
  description:
    "A CloudWatch log group is encrypted with a KMS key (kmsKeyId; mandatory in production). asc's LogEncryptionKey lets CloudWatch Logs use the key for this account's log groups; RDS's account-wide RDSOSMetrics group is created by RDS, not asc, and is outside the plan.",
  severity: "medium",
  frameworks: { checkov: ["CKV_AWS_158"] },
  mandatoryTiers: PRODUCTION_ONLY,
  remediation:
    "Set kmsKeyId on the log group to a KMS key whose key policy lets logs.<region>.amazonaws.com use it (asc's LogEncryptionKey component creates one).",
  resourceTypes: AWS.logGroup,
  check: (_type, props) =>
    expectInput(props, {
      path: "kmsKeyId",
      ok: isNonEmptyString,
      must: "the ARN of a KMS key CloudWatch Logs may use",
      missingNote: "CloudWatch Logs' own encryption: no key policy governs who reads the logs",
    }),
});
