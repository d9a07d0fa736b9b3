/**
 * Every container ships its logs.
 * @severity medium
 */
import { AWS } from "../resource-types.js";
import { expectInput, isNonEmptyString, lookup } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";
import { checkEachContainer } from "./containers.js";

export const ecsLogConfiguration = defineRule({
  name: "asc-aws-ecs-log-configuration",
  cloud: "aws",
  description: "Every container of a task definition has a logConfiguration with a log driver.",
  severity: "medium",
  frameworks: { securityHub: ["ECS.9"] },
  mandatoryTiers: EVERY_TIER,
  remediation: 'Set logConfiguration: { logDriver: "awslogs", options: { "awslogs-group", "awslogs-region", "awslogs-stream-prefix" } } on every container definition.',
  resourceTypes: AWS.ecsTaskDefinition,
  check: (_type, props) =>
    checkEachContainer(props, (container, label) =>
      lookup(container, "logConfiguration").state === "missing"
        ? [`${label}: logConfiguration is not set; it must name a log driver such as awslogs`]
        : expectInput(container, { path: "logConfiguration.logDriver", label: `${label}: logConfiguration.logDriver`, ok: isNonEmptyString, must: 'a log driver such as "awslogs"' }),
    ),
});
