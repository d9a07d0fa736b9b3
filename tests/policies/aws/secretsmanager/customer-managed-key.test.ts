import { secretsManagerCustomerManagedKey } from "../../../../src/policies/aws/secretsmanager/customer-managed-key.js";
import { describeRule } from "../../../helpers/policy-rules.js";

const compliant = { name: "asc/prod/database-url", kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/1", recoveryWindowInDays: 30 };
const MUST = "it must be the ARN or id of a customer-managed KMS key";

describeRule(secretsManagerCustomerManagedKey, {
  type: "aws:secretsmanager/secret:Secret",
  compliant,
  violations: [
    { title: "no key", props: { name: "asc/prod/x" }, expected: [`kmsKeyId is not set (the AWS managed key aws/secretsmanager is used); ${MUST}`] },
    { title: "the AWS managed alias", props: { ...compliant, kmsKeyId: "alias/aws/secretsmanager" }, expected: [`kmsKeyId is "alias/aws/secretsmanager"; ${MUST}`] },
  ],
});
