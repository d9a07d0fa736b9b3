/**
 * Containers cannot write to their root filesystem.
 * @severity medium
 */
import { AWS } from "../resource-types.js";
import { expectInput, isTrue } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";
import { checkEachContainer } from "./containers.js";

export const ecsReadonlyRootFilesystem = defineRule({
  name: "asc-aws-ecs-readonly-root-filesystem",
  cloud: "aws",
  description: "Every container of a task definition has a read-only root filesystem.",
  severity: "medium",
  frameworks: { checkov: ["CKV_AWS_336"], securityHub: ["ECS.5"] },
  mandatoryTiers: EVERY_TIER,
  remediation: "Set readonlyRootFilesystem: true on every container definition; mount a volume for paths the app writes (e.g. /tmp).",
  resourceTypes: AWS.ecsTaskDefinition,
  check: (_type, props) =>
    checkEachContainer(props, (container, label) =>
      expectInput(container, { path: "readonlyRootFilesystem", label: `${label}: readonlyRootFilesystem`, ok: isTrue, must: "true" }),
    ),
});
