import { cloudwatchLogGroupKms } from "../../../../src/policies/aws/cloudwatch/log-group-kms.js";
import { describeRule } from "../../../helpers/policy-rules.js";

const compliant = { name: "/aws/rds/instance/asc-prod-db/postgresql", retentionInDays: 365, kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555" };

describeRule(cloudwatchLogGroupKms, {
  type: "aws:cloudwatch/logGroup:LogGroup",
  compliant,
  violations: [
    {
      title: "no key",
      props: { ...compliant, kmsKeyId: undefined },
      expected: ["kmsKeyId is not set (CloudWatch Logs' own encryption: no key policy governs who reads the logs); it must be the ARN of a KMS key CloudWatch Logs may use"],
    },
    { title: "an empty key", props: { ...compliant, kmsKeyId: "" }, expected: ['kmsKeyId is ""; it must be the ARN of a KMS key CloudWatch Logs may use'] },
  ],
});
