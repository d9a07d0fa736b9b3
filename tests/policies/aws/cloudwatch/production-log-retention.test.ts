import { cloudwatchProductionLogRetention } from "../../../../src/policies/aws/cloudwatch/production-log-retention.js";
import { describeRule, policyContext } from "../../../helpers/policy-rules.js";

const compliant = { name: "/asc/prod/api", retentionInDays: 365, kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/1" };

describeRule(cloudwatchProductionLogRetention, {
  type: "aws:cloudwatch/logGroup:LogGroup",
  compliant,
  passes: [
    { title: "two years", props: { ...compliant, retentionInDays: 731 } },
    { title: "never expire (0; asc-aws-cloudwatch-log-retention judges that)", props: { ...compliant, retentionInDays: 0 } },
    { title: "no retention (asc-aws-cloudwatch-log-retention judges that)", props: { ...compliant, retentionInDays: undefined } },
    { title: "30 days in staging", props: { ...compliant, retentionInDays: 30 }, ctx: policyContext("staging") },
    { title: "7 days in dev", props: { ...compliant, retentionInDays: 7 }, ctx: policyContext("dev") },
  ],
  violations: [
    { title: "90 days in production", props: { ...compliant, retentionInDays: 90 }, expected: ["retentionInDays is 90; it must be at least 365 days in production"] },
    { title: "180 days as a string", props: { ...compliant, retentionInDays: "180" }, expected: ['retentionInDays is "180"; it must be at least 365 days in production'] },
  ],
});
