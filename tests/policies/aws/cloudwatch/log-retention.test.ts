import { cloudwatchLogRetention } from "../../../../src/policies/aws/cloudwatch/log-retention.js";
import { describeRule } from "../../../helpers/policy-rules.js";

const compliant = { name: "/asc/prod/api", retentionInDays: 90 };

describeRule(cloudwatchLogRetention, {
  type: "aws:cloudwatch/logGroup:LogGroup",
  compliant,
  violations: [
    { title: "no retention", props: { name: "/asc/prod/api" }, expected: ["retentionInDays is not set (logs are kept forever); it must be a number of days such as 30"] },
    { title: "retention 0 (forever)", props: { ...compliant, retentionInDays: 0 }, expected: ["retentionInDays is 0; it must be a number of days such as 30"] },
  ],
});
