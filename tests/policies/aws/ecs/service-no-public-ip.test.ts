import { ecsServiceNoPublicIp } from "../../../../src/policies/aws/ecs/service-no-public-ip.js";
import { describeRule, withInput } from "../../../helpers/policy-rules.js";

const compliant = {
  cluster: "arn:aws:ecs:eu-west-1:123456789012:cluster/asc",
  desiredCount: 2,
  networkConfiguration: { subnets: ["subnet-1", "subnet-2"], securityGroups: ["sg-1"], assignPublicIp: false },
  deploymentCircuitBreaker: { enable: true, rollback: true },
};

describeRule(ecsServiceNoPublicIp, {
  type: "aws:ecs/service:Service",
  compliant,
  passes: [{ title: "assignPublicIp unset (false)", props: withInput(compliant, "networkConfiguration.assignPublicIp", undefined) }],
  violations: [
    { title: "a public IP", props: withInput(compliant, "networkConfiguration.assignPublicIp", true), expected: ["networkConfiguration.assignPublicIp is true; it must be false"] },
  ],
});
