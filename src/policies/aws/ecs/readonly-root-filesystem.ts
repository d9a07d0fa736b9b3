/**
 * Containers cannot write to their root filesystem.
 * @severity medium
 */
import { AWS } from "../resource-types.js";
import { asRecord, expectInput, isTrue } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";
import { WRITABLE_ROOT_FILESYSTEM_LABEL } from "../../../contract/writable-paths.js";
import { checkEachContainer } from "./containers.js";


export const ecsReadonlyRootFilesystem = defineRule({
  name: "asc-aws-ecs-readonly-root-filesystem",
  cloud: "aws",
  description:
    "Every container of a task definition has a read-only root filesystem; outside production a container labelled asc.exemption.writable-root-filesystem (asc:aws.writableRootFilesystem) may keep a writable one.",
  severity: "medium",
  frameworks: { checkov: ["CKV_AWS_336"], securityHub: ["ECS.5"] },
  mandatoryTiers: EVERY_TIER,
  remediation:
    "Set readonlyRootFilesystem: true on every container definition and mount a volume at each path the image writes (/tmp, /app/.next/cache), declared VOLUME in the image and owned by its uid.",
  resourceTypes: AWS.ecsTaskDefinition,
  check: (_type, props, ctx) =>
    checkEachContainer(props, (container, label) => {
      const exempt = asRecord(container.dockerLabels)?.[WRITABLE_ROOT_FILESYSTEM_LABEL] !== undefined;
      if (exempt && ctx.tier !== "production") return [];
      return expectInput(container, {
        path: "readonlyRootFilesystem",
        label: `${label}: readonlyRootFilesystem`,
        ok: isTrue,
        must: exempt ? "true (the writable-root-filesystem exemption is refused in production)" : "true",
      });
    }),
});
