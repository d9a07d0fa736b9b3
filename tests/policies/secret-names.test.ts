import { isSafeSecretValue, looksLikeSecretName } from "../../src/policies/secret-names.js";

describe("looksLikeSecretName", () => {
  it.each([
    "password", "administratorLoginPassword", "authToken", "apiKey", "secretString", "connectionString",
    "DB_PASSWORD", "STRIPE_WEBHOOK_SECRET", "SLACK_STATUS_BOT_TOKEN", "OPENAI_API_KEY", "SECRET_KEY", "DATABASE_URL", "REDIS_URL",
    "SECURITY_TOKEN_REDIS_URL", "AUTH_PASSWORD_PEPPER", "AUTH_JWKS_ETAG_SALT", "privateKey", "sharedKey",
  ])("GIVEN %s WHEN judged THEN it looks secret", (name) => {
    expect(looksLikeSecretName(name)).toBe(true);
  });

  it.each([
    "AUTH_KEY_SECRET_NAME", "AZURE_KV_SIGNING_SECRET_NAME", "AWS_SM_SIGNING_SECRET_ARN", "secretRef", "passwordSecretRef", "secretArn", "kmsKeyId",
    "masterUserSecretKmsKeyId", "authTokenUpdateStrategy", "passwordAuth", "SECRETS_PROVIDER", "AUTH_KEY_STORAGE_BACKEND", "keyVaultUrl", "publicKey", "ENVIRONMENT", "APP_PUBLIC_URL",
  ])("GIVEN %s WHEN judged THEN it does not look secret", (name) => {
    expect(looksLikeSecretName(name)).toBe(false);
  });
});

describe("isSafeSecretValue", () => {
  it.each([
    "", "  ", "[secret]", "[unknown]", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf", "arn:aws-us-gov:kms:us-gov-west-1:1:key/1",
    "https://asc-kv.vault.azure.net/secrets/db", "@Microsoft.KeyVault(SecretUri=https://asc-kv.vault.azure.net/secrets/db)", "Enabled", "off",
  ])("GIVEN %p WHEN judged THEN it is safe", (value) => {
    expect(isSafeSecretValue(value)).toBe(true);
  });

  it.each(["hunter22", "postgresql://asc:pw@db:5432/asc", "sk_live_123", "https://example.com/secrets/db", "arnold"])("GIVEN %p WHEN judged THEN it is a plaintext secret", (value) => {
    expect(isSafeSecretValue(value)).toBe(false);
  });
});
