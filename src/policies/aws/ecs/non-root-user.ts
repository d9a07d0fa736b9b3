/**
 * Containers run as a non-root user.
 * @severity medium
 */
import { AWS } from "../resource-types.js";
import { expectInput } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";
import { checkEachContainer } from "./containers.js";

const ROOT_USER = /^(root|0)(:.*)?$/;

export const ecsNonRootUser = defineRule({
  name: "asc-aws-ecs-non-root-user",
  cloud: "aws",
  description: "Every container of a task definition sets `user` to a non-root user.",
  severity: "medium",
  frameworks: {},
  mandatoryTiers: EVERY_TIER,
  remediation: 'Set user to an unprivileged uid:gid such as "1000:1000" on every container definition.',
  resourceTypes: AWS.ecsTaskDefinition,
  check: (_type, props) =>
    checkEachContainer(props, (container, label) =>
      expectInput(container, {
        path: "user",
        label: `${label}: user`,
        ok: (v) => typeof v === "string" && v.trim() !== "" && !ROOT_USER.test(v.trim()),
        must: 'a non-root user such as "1000:1000"',
        missingNote: "the container runs as the image's user, usually root",
      }),
    ),
});
