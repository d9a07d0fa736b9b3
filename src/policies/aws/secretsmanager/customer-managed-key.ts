/**
 * Secrets are encrypted with asc's own KMS key.
 * @severity medium
 */
import { AWS } from "../resource-types.js";
import { expectInput, isNonEmptyString } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

export const secretsManagerCustomerManagedKey = defineRule({
  name: "asc-aws-secretsmanager-customer-managed-key",
  cloud: "aws",
  description: "A Secrets Manager secret is encrypted with a customer-managed KMS key (kmsKeyId), not the AWS managed aws/secretsmanager key.",
  severity: "medium",
  frameworks: { checkov: ["CKV_AWS_149"] },
  mandatoryTiers: EVERY_TIER,
  remediation: "Set kmsKeyId to the ARN of asc's KMS key and grant the ECS execution role kms:Decrypt on it.",
  resourceTypes: AWS.secretsManagerSecret,
  check: (_type, props) =>
    expectInput(props, {
      path: "kmsKeyId",
      ok: (v) => isNonEmptyString(v) && v !== "alias/aws/secretsmanager",
      must: "the ARN or id of a customer-managed KMS key",
      missingNote: "the AWS managed key aws/secretsmanager is used",
    }),
});
