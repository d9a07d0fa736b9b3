import { secretsNoPlaintext } from "../../../../src/policies/shared/secrets/no-plaintext.js";
import { describeRule } from "../../../helpers/policy-rules.js";

const SUFFIX = "holds a plaintext secret; pass it as a Pulumi secret (pulumi.secret) or as a reference (a Secrets Manager ARN or a Key Vault secret URI)";
const container = {
  name: "api",
  environment: [
    { name: "ENVIRONMENT", value: "production" },
    { name: "AUTH_KEY_SECRET_NAME", value: "asc/prod/keyset" },
    { name: "RATE_LIMIT_REDIS_URL", value: "" },
  ],
  secrets: [{ name: "DATABASE_URL", valueFrom: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:url::" }],
};
const task = (...env: { name: string; value: string }[]) => ({ family: "asc", containerDefinitions: JSON.stringify([{ ...container, environment: [...container.environment, ...env] }]) });

describeRule(secretsNoPlaintext, {
  type: "aws:ecs/taskDefinition:TaskDefinition",
  compliant: task(),
  passes: [
    { title: "an RDS password that is a secret", type: "aws:rds/instance:Instance", props: { username: "asc", password: "[secret]", manageMasterUserPassword: false } },
    { title: "a Redis token not known yet", type: "aws:elasticache/replicationGroup:ReplicationGroup", props: { authToken: "[unknown]", authTokenUpdateStrategy: "ROTATE" } },
    { title: "a secret version holding a secret", type: "aws:secretsmanager/secretVersion:SecretVersion", props: { secretId: "arn:aws:secretsmanager:eu-west-1:1:secret:x", secretString: "[secret]" } },
    {
      title: "Container Apps env with secretRef and Key Vault secrets",
      type: "azure-native:app:ContainerApp",
      props: {
        configuration: { secrets: [{ name: "db", keyVaultUrl: "https://kv.vault.azure.net/secrets/db", identity: "id" }] },
        template: { containers: [{ name: "api", env: [{ name: "DATABASE_URL", secretRef: "db" }, { name: "AZURE_KV_SIGNING_SECRET_NAME", value: "signing" }] }] },
      },
    },
    { title: "Postgres password auth settings", type: "azure-native:dbforpostgresql:Server", props: { authConfig: { passwordAuth: "Enabled" }, administratorLoginPassword: "[secret]" } },
    { title: "a Key Vault secret holding a secret", type: "azure-native:keyvault:Secret", props: { properties: { value: "[secret]" } } },
    { title: "an app setting holding a Key Vault reference", type: "azure-native:web:WebApp", props: { siteConfig: { appSettings: [{ name: "STRIPE_SECRET_KEY", value: "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/stripe)" }] } } },
    { title: "secret-looking tags", type: "aws:s3/bucket:Bucket", props: { tags: { "secret-scan": "enabled-by-team" } } },
  ],
  violations: [
    { title: "a plaintext DATABASE_URL in ECS environment", props: task({ name: "DATABASE_URL", value: "postgresql://asc:pw@db:5432/asc" }), expected: [`containerDefinitions[0].environment[3] (DATABASE_URL) ${SUFFIX}`] },
    { title: "a plaintext RDS password", type: "aws:rds/instance:Instance", props: { username: "asc", password: "hunter22" }, expected: [`password ${SUFFIX}`] },
    { title: "a plaintext secret string", type: "aws:secretsmanager/secretVersion:SecretVersion", props: { secretString: '{"password":"x"}' }, expected: [`secretString ${SUFFIX}`] },
    {
      title: "a Container Apps secret value and a plaintext env var",
      type: "azure-native:app:ContainerApp",
      props: {
        configuration: { secrets: [{ name: "db-url", value: "postgresql://asc:pw@db/asc" }] },
        template: { containers: [{ name: "api", env: [{ name: "OPENAI_API_KEY", value: "sk-123" }] }] },
      },
      expected: [`configuration.secrets[0] (db-url) ${SUFFIX}`, `template.containers[0].env[0] (OPENAI_API_KEY) ${SUFFIX}`],
    },
    { title: "a plaintext Key Vault secret", type: "azure-native:keyvault:Secret", props: { properties: { value: "s3cr3t" } }, expected: [`properties.value ${SUFFIX}`] },
    { title: "a plaintext Postgres admin password", type: "azure-native:dbforpostgresql:Server", props: { administratorLoginPassword: "Passw0rd!" }, expected: [`administratorLoginPassword ${SUFFIX}`] },
    { title: "a plaintext connection string on a component", type: "asc:azure:Cache", props: { connectionString: "rediss://:pw@cache:6380" }, expected: [`connectionString ${SUFFIX}`] },
  ],
});
