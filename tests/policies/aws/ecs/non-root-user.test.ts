import { ecsNonRootUser } from "../../../../src/policies/aws/ecs/non-root-user.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { containerDefinitionProblems, TASK_DEFINITION_TYPE, taskDefinition } from "./fixtures.js";

describeRule(ecsNonRootUser, {
  type: TASK_DEFINITION_TYPE,
  compliant: taskDefinition(),
  passes: [
    { title: "a named unprivileged user", props: taskDefinition({ user: "app" }) },
    { title: "uid 10001", props: taskDefinition({ user: "10001" }) },
  ],
  violations: [
    { title: "user root", props: taskDefinition({ user: "root" }), expected: ['container "api": user is "root"; it must be a non-root user such as "1000:1000"'] },
    { title: "uid 0 with a group", props: taskDefinition({ user: "0:1000" }), expected: ['container "api": user is "0:1000"; it must be a non-root user such as "1000:1000"'] },
    {
      title: "no user",
      props: taskDefinition({ user: undefined }),
      expected: [`container "api": user is not set (the container runs as the image's user, usually root); it must be a non-root user such as "1000:1000"`],
    },
    { title: "an empty user", props: taskDefinition({ user: "" }), expected: ['container "api": user is ""; it must be a non-root user such as "1000:1000"'] },
    ...containerDefinitionProblems,
  ],
});
