import { ecsLogConfiguration } from "../../../../src/policies/aws/ecs/log-configuration.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { containerDefinitionProblems, TASK_DEFINITION_TYPE, taskDefinition } from "./fixtures.js";

describeRule(ecsLogConfiguration, {
  type: TASK_DEFINITION_TYPE,
  compliant: taskDefinition(),
  passes: [{ title: "a firelens driver", props: taskDefinition({ logConfiguration: { logDriver: "awsfirelens" } }) }],
  violations: [
    { title: "no log configuration", props: taskDefinition({ logConfiguration: undefined }), expected: ['container "api": logConfiguration is not set; it must name a log driver such as awslogs'] },
    {
      title: "a log configuration without driver",
      props: taskDefinition({ logConfiguration: { options: {} } }),
      expected: ['container "api": logConfiguration.logDriver is not set; it must be a log driver such as "awslogs"'],
    },
    ...containerDefinitionProblems,
  ],
});
