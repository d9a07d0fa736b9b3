import { ecsReadonlyRootFilesystem } from "../../../../src/policies/aws/ecs/readonly-root-filesystem.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { containerDefinitionProblems, TASK_DEFINITION_TYPE, taskDefinition } from "./fixtures.js";

describeRule(ecsReadonlyRootFilesystem, {
  type: TASK_DEFINITION_TYPE,
  compliant: taskDefinition({}, { name: "web" }),
  passes: [{ title: "container definitions given as an array", props: { containerDefinitions: [{ name: "api", readonlyRootFilesystem: true }] } }],
  violations: [
    { title: "a writable root filesystem", props: taskDefinition({ readonlyRootFilesystem: false }), expected: ['container "api": readonlyRootFilesystem is false; it must be true'] },
    {
      title: "a second container without the setting",
      props: taskDefinition({}, { name: "sidecar", readonlyRootFilesystem: undefined }),
      expected: ['container "sidecar": readonlyRootFilesystem is not set; it must be true'],
    },
    { title: "an unnamed container", props: taskDefinition({ name: undefined, readonlyRootFilesystem: false }), expected: ["container #0: readonlyRootFilesystem is false; it must be true"] },
    ...containerDefinitionProblems,
  ],
});
