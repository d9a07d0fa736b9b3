import { rdsEnhancedMonitoring } from "../../../../src/policies/aws/rds/enhanced-monitoring.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { compliantInstance, RDS_INSTANCE_TYPE } from "./fixtures.js";

describeRule(rdsEnhancedMonitoring, {
  type: RDS_INSTANCE_TYPE,
  compliant: compliantInstance,
  passes: [
    { title: "a 1-second interval", props: { ...compliantInstance, monitoringInterval: 1 } },
    { title: "the interval as a numeric string", props: { ...compliantInstance, monitoringInterval: "15" } },
  ],
  violations: [
    { title: "monitoring off", props: { ...compliantInstance, monitoringInterval: 0 }, expected: ["monitoringInterval is 0; it must be 1, 5, 10, 15, 30 or 60 seconds"] },
    {
      title: "no interval (the AWS default)",
      props: { ...compliantInstance, monitoringInterval: undefined, monitoringRoleArn: undefined },
      expected: ["monitoringInterval is not set (the AWS default is 0, no Enhanced Monitoring); it must be 1, 5, 10, 15, 30 or 60 seconds"],
    },
    { title: "an interval without a role", props: { ...compliantInstance, monitoringRoleArn: undefined }, expected: ["monitoringRoleArn is not set; it must be the ARN of the role RDS publishes the metrics with"] },
    { title: "an empty role ARN", props: { ...compliantInstance, monitoringRoleArn: "" }, expected: ['monitoringRoleArn is ""; it must be the ARN of the role RDS publishes the metrics with'] },
  ],
});
