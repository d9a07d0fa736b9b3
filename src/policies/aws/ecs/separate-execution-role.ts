/**
 * The task role (what the app may do) is not the execution role (what ECS needs to start it).
 * @severity medium
 */
import { AWS } from "../resource-types.js";
import { lookup, show } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

export const ecsSeparateExecutionRole = defineRule({
  name: "asc-aws-ecs-separate-execution-role",
  cloud: "aws",
  description: "A task definition's executionRoleArn and taskRoleArn are different roles.",
  severity: "medium",
  frameworks: { checkov: ["CKV_AWS_249"] },
  mandatoryTiers: EVERY_TIER,
  remediation: "Create a task role for the app's own AWS calls and keep the execution role (image pull, logs, secrets) separate.",
  resourceTypes: AWS.ecsTaskDefinition,
  check: (_type, props) => {
    const execution = lookup(props, "executionRoleArn");
    const task = lookup(props, "taskRoleArn");
    if (execution.state !== "set" || task.state !== "set" || execution.value !== task.value) return [];
    return [`executionRoleArn and taskRoleArn are both ${show(task.value)}; the task role must be a separate role without the execution role's rights`];
  },
});
