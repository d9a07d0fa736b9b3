/**
 * Production services that serve traffic keep two tasks up; a service held for a first deploy runs none.
 * @severity medium
 */
import { HOLD_FIRST_DEPLOY, HOLD_TAG, isHeldForFirstDeploy } from "../../../config/hold.js";
import { AWS } from "../resource-types.js";
import { asNumber, expectInput, lookup, show } from "../../props.js";
import { defineRule, PRODUCTION_ONLY } from "../../rule.js";

export const MIN_PRODUCTION_TASKS = 2;

export const ecsServiceMinTasks = defineRule({
  name: "asc-aws-ecs-service-min-tasks",
  cloud: "aws",
  description:
    `An ECS service behind a load balancer runs at least ${MIN_PRODUCTION_TASKS} tasks (desiredCount; mandatory in production). Services without one, such as the worker, are skipped. ` +
    `A service tagged ${HOLD_TAG}: ${HOLD_FIRST_DEPLOY} (asc deploy's first-deploy provision, before the first migration) must run 0 tasks instead.`,
  severity: "medium",
  frameworks: {},
  mandatoryTiers: PRODUCTION_ONLY,
  remediation: `Set desiredCount to ${MIN_PRODUCTION_TASKS} or more (asc:services.<service>.replicas); a held service keeps desiredCount 0 until asc deploy releases it.`,
  configKeys: ["services.<service>.replicas"],
  resourceTypes: AWS.ecsService,
  check: (_type, props) => {
    const tags = lookup(props, "tags");
    if (tags.state === "opaque") return [];
    if (tags.state === "set" && isHeldForFirstDeploy(tags.value)) {
      const count = lookup(props, "desiredCount");
      return count.state === "set" && asNumber(count.value) !== 0 ? [`desiredCount is ${show(count.value)} on a service tagged ${HOLD_TAG}: ${HOLD_FIRST_DEPLOY}; a held service must run 0 tasks`] : [];
    }
    const loadBalancers = lookup(props, "loadBalancers");
    if (loadBalancers.state !== "set" || (Array.isArray(loadBalancers.value) && loadBalancers.value.length === 0)) return [];
    return expectInput(props, { path: "desiredCount", ok: (v) => (asNumber(v) ?? 0) >= MIN_PRODUCTION_TASKS, must: `at least ${MIN_PRODUCTION_TASKS}`, missingNote: "ECS starts none" });
  },
});
