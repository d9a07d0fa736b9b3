import { ecsCircuitBreakerRollback } from "../../../../src/policies/aws/ecs/circuit-breaker-rollback.js";
import { describeRule, withInput } from "../../../helpers/policy-rules.js";

const compliant = {
  cluster: "arn:aws:ecs:eu-west-1:123456789012:cluster/asc",
  deploymentController: { type: "ECS" },
  deploymentCircuitBreaker: { enable: true, rollback: true },
};

describeRule(ecsCircuitBreakerRollback, {
  type: "aws:ecs/service:Service",
  compliant,
  passes: [
    { title: "no deployment controller (ECS by default)", props: { deploymentCircuitBreaker: { enable: true, rollback: true } } },
    { title: "a CodeDeploy controller", props: { deploymentController: { type: "CODE_DEPLOY" } } },
    { title: "an unknown rollback flag", props: withInput(compliant, "deploymentCircuitBreaker.rollback", "[unknown]") },
  ],
  violations: [
    { title: "no circuit breaker", props: { cluster: "asc" }, expected: ["deploymentCircuitBreaker is not set; it must be { enable: true, rollback: true }"] },
    { title: "rollback off", props: withInput(compliant, "deploymentCircuitBreaker.rollback", false), expected: ["deploymentCircuitBreaker.rollback is false; it must be true"] },
    {
      title: "the breaker off",
      props: { deploymentCircuitBreaker: { enable: false, rollback: false } },
      expected: ["deploymentCircuitBreaker.enable is false; it must be true", "deploymentCircuitBreaker.rollback is false; it must be true"],
    },
  ],
});
