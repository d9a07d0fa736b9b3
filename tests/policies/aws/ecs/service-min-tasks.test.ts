import { ecsServiceMinTasks } from "../../../../src/policies/aws/ecs/service-min-tasks.js";
import { describeRule, withInput, withInputs } from "../../../helpers/policy-rules.js";

const compliant = {
  cluster: "arn:aws:ecs:eu-west-1:123456789012:cluster/asc",
  desiredCount: 2,
  loadBalancers: [{ targetGroupArn: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api/1", containerName: "api", containerPort: 8000 }],
  tags: { project: "app", tier: "production" },
};
const held = withInputs(compliant, { desiredCount: 0, tags: { project: "app", tier: "production", "asc-hold": "first-deploy" } });

describeRule(ecsServiceMinTasks, {
  type: "aws:ecs/service:Service",
  compliant,
  passes: [
    { title: "3 tasks", props: withInput(compliant, "desiredCount", 3) },
    { title: "a worker without a load balancer on 1 task", props: withInputs(compliant, { loadBalancers: [], desiredCount: 1 }) },
    { title: "a service held for the first deploy at 0 tasks (the hold marker, not an exemption)", props: held },
  ],
  violations: [
    { title: "1 task", props: withInput(compliant, "desiredCount", 1), expected: ["desiredCount is 1; it must be at least 2"] },
    { title: "0 tasks without the hold marker", props: withInput(compliant, "desiredCount", 0), expected: ["desiredCount is 0; it must be at least 2"] },
    { title: "a hold marker of another kind", props: withInput(held, "tags.asc-hold", "forever"), expected: ["desiredCount is 0; it must be at least 2"] },
    { title: "no desiredCount", props: withInput(compliant, "desiredCount", undefined), expected: ["desiredCount is not set (ECS starts none); it must be at least 2"] },
    { title: "a held service that runs tasks", props: withInput(held, "desiredCount", 2), expected: ["desiredCount is 2 on a service tagged asc-hold: first-deploy; a held service must run 0 tasks"] },
  ],
});
