import { ecsNotPrivileged } from "../../../../src/policies/aws/ecs/not-privileged.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { containerDefinitionProblems, TASK_DEFINITION_TYPE, taskDefinition } from "./fixtures.js";

describeRule(ecsNotPrivileged, {
  type: TASK_DEFINITION_TYPE,
  compliant: taskDefinition(),
  passes: [{ title: "privileged unset", props: taskDefinition({ privileged: undefined }) }],
  violations: [
    { title: "a privileged container", props: taskDefinition({}, { name: "agent", privileged: true }), expected: ['container "agent": privileged is true; it must be false or unset'] },
    ...containerDefinitionProblems,
  ],
});
