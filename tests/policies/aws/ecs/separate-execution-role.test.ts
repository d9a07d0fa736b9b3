import { ecsSeparateExecutionRole } from "../../../../src/policies/aws/ecs/separate-execution-role.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { TASK_DEFINITION_TYPE, taskDefinition } from "./fixtures.js";

const compliant = taskDefinition();
const role = "arn:aws:iam::123456789012:role/asc-prod-api-execution";

describeRule(ecsSeparateExecutionRole, {
  type: TASK_DEFINITION_TYPE,
  compliant,
  passes: [
    { title: "no task role", props: { ...compliant, taskRoleArn: undefined } },
    { title: "both roles not known yet", props: { ...compliant, executionRoleArn: "[unknown]", taskRoleArn: "[unknown]" } },
  ],
  violations: [
    {
      title: "the same role twice",
      props: { ...compliant, taskRoleArn: role },
      expected: [`executionRoleArn and taskRoleArn are both "${role}"; the task role must be a separate role without the execution role's rights`],
    },
  ],
});
