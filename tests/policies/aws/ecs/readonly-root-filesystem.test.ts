import { ecsReadonlyRootFilesystem } from "../../../../src/policies/aws/ecs/readonly-root-filesystem.js";
import { describeRule, policyContext } from "../../../helpers/policy-rules.js";
import { containerDefinitionProblems, TASK_DEFINITION_TYPE, taskDefinition } from "./fixtures.js";

const EXEMPT = taskDefinition({ readonlyRootFilesystem: false, dockerLabels: { "asc.exemption.writable-root-filesystem": "the image cannot run read-only" } });

describeRule(ecsReadonlyRootFilesystem, {
  type: TASK_DEFINITION_TYPE,
  compliant: taskDefinition({}, { name: "web" }),
  passes: [
    { title: "container definitions given as an array", props: { containerDefinitions: [{ name: "api", readonlyRootFilesystem: true }] } },
    { title: "the labelled writable-root-filesystem exemption in staging", props: EXEMPT, ctx: policyContext("staging") },
    { title: "the labelled writable-root-filesystem exemption in dev", props: EXEMPT, ctx: policyContext("dev") },
  ],
  violations: [
    { title: "a writable root filesystem", props: taskDefinition({ readonlyRootFilesystem: false }), expected: ['container "api": readonlyRootFilesystem is false; it must be true'] },
    {
      title: "a second container without the setting",
      props: taskDefinition({}, { name: "sidecar", readonlyRootFilesystem: undefined }),
      expected: ['container "sidecar": readonlyRootFilesystem is not set; it must be true'],
    },
    { title: "an unnamed container", props: taskDefinition({ name: undefined, readonlyRootFilesystem: false }), expected: ["container #0: readonlyRootFilesystem is false; it must be true"] },
    {
      title: "the labelled exemption in production",
      props: EXEMPT,
      expected: ['container "api": readonlyRootFilesystem is false; it must be true (the writable-root-filesystem exemption is refused in production)'],
    },
    { title: "a label of another name in staging", props: taskDefinition({ readonlyRootFilesystem: false, dockerLabels: { "asc.exemption": "x" } }), ctx: policyContext("staging"), expected: ['container "api": readonlyRootFilesystem is false; it must be true'] },
    ...containerDefinitionProblems,
  ],
});
