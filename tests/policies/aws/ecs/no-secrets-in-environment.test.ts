import { ecsNoSecretsInEnvironment } from "../../../../src/policies/aws/ecs/no-secrets-in-environment.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { compliantContainer, containerDefinitionProblems, TASK_DEFINITION_TYPE, taskDefinition } from "./fixtures.js";

const withEnv = (name: string, value = "x") => taskDefinition({ environment: [...compliantContainer.environment, { name, value }] });
const message = (name: string) => `container "api": environment variable ${name} looks like a secret; pass it in secrets (valueFrom a Secrets Manager ARN), not environment`;

describeRule(ecsNoSecretsInEnvironment, {
  type: TASK_DEFINITION_TYPE,
  compliant: taskDefinition(),
  passes: [
    { title: "a per-purpose Redis URL left empty", props: withEnv("RATE_LIMIT_REDIS_URL", "") },
    { title: "AZURE_KV_SIGNING_SECRET_NAME (a name, not a secret)", props: withEnv("AZURE_KV_SIGNING_SECRET_NAME") },
    { title: "a container without environment", props: taskDefinition({ environment: undefined }) },
  ],
  violations: [
    ...["DB_PASSWORD", "STRIPE_WEBHOOK_SECRET", "SLACK_STATUS_BOT_TOKEN", "OPENAI_API_KEY", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "AUTH_JWKS_ETAG_SALT"].map((name) => ({
      title: `${name} in environment`,
      props: withEnv(name),
      expected: [message(name)],
    })),
    { title: "a secret whose value is a Pulumi secret", props: withEnv("AUTH_PASSWORD_PEPPER", "[secret]"), expected: [message("AUTH_PASSWORD_PEPPER")] },
    ...containerDefinitionProblems,
  ],
});
