/**
 * A failed deployment rolls back by itself.
 * @severity medium
 */
import { AWS } from "../resource-types.js";
import { expectInput, isTrue, lookup } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

export const ecsCircuitBreakerRollback = defineRule({
  name: "asc-aws-ecs-circuit-breaker-rollback",
  cloud: "aws",
  description: "An ECS service (with the ECS deployment controller) has the deployment circuit breaker on, with rollback.",
  severity: "medium",
  frameworks: {},
  mandatoryTiers: EVERY_TIER,
  remediation: "Set deploymentCircuitBreaker: { enable: true, rollback: true } on the service.",
  resourceTypes: AWS.ecsService,
  check: (_type, props) => {
    const controller = lookup(props, "deploymentController.type");
    if (controller.state === "opaque" || (controller.state === "set" && controller.value !== "ECS")) return [];
    if (lookup(props, "deploymentCircuitBreaker").state === "missing") return ["deploymentCircuitBreaker is not set; it must be { enable: true, rollback: true }"];
    return [
      ...expectInput(props, { path: "deploymentCircuitBreaker.enable", ok: isTrue, must: "true" }),
      ...expectInput(props, { path: "deploymentCircuitBreaker.rollback", ok: isTrue, must: "true" }),
    ];
  },
});
