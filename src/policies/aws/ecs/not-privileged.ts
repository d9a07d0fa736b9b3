/**
 * Containers are not privileged.
 * @severity high
 */
import { AWS } from "../resource-types.js";
import { expectInput, isNotTrue } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";
import { checkEachContainer } from "./containers.js";

export const ecsNotPrivileged = defineRule({
  name: "asc-aws-ecs-not-privileged",
  cloud: "aws",
  description: "No container of a task definition is privileged (unset means false).",
  severity: "high",
  frameworks: { checkov: ["CKV_AWS_334"], securityHub: ["ECS.4"] },
  mandatoryTiers: EVERY_TIER,
  remediation: "Remove privileged: true from the container definition (Fargate refuses it anyway).",
  resourceTypes: AWS.ecsTaskDefinition,
  check: (_type, props) =>
    checkEachContainer(props, (container, label) =>
      expectInput(container, { path: "privileged", label: `${label}: privileged`, ok: isNotTrue, must: "false or unset", whenMissing: "compliant" }),
    ),
});
