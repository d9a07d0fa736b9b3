import { WEB_HEALTH_CHECK_PATH } from "../../../src/contract/public-surface.js";
import { API_PORT, PROBE_HOST_HEADER, WEB_PORT, apiProbes, toContainerAppEnvironment, webProbes } from "../../../src/components/azure/container-env.js";
import type { EnvEntry } from "../../../src/contract/types.js";

const ID = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/api";
const kv = (name: string, secretName: string): EnvEntry<string> => ({ name, source: "secret", ref: { store: "azure-key-vault", secretUri: `https://kv.vault.azure.net/secrets/${secretName}`, secretName } });

describe("toContainerAppEnvironment", () => {
  it("GIVEN literals, outputs and Key Vault secrets WHEN split THEN values go to env and secrets become secretRefs to Key Vault references read with the identity", () => {
    const result = toContainerAppEnvironment<string>(
      [
        { name: "ENVIRONMENT", source: "literal", value: "production" },
        { name: "APP_PUBLIC_URL", source: "output", value: "https://web.example" },
        kv("DATABASE_URL", "database-url"),
        kv("OPENAI_API_KEY", "openai-api-key"),
      ],
      ID,
    );
    expect(result).toEqual({
      env: [
        { name: "ENVIRONMENT", value: "production" },
        { name: "APP_PUBLIC_URL", value: "https://web.example" },
        { name: "DATABASE_URL", secretRef: "database-url" },
        { name: "OPENAI_API_KEY", secretRef: "openai-api-key" },
      ],
      secrets: [
        { name: "database-url", keyVaultUrl: "https://kv.vault.azure.net/secrets/database-url", identity: ID },
        { name: "openai-api-key", keyVaultUrl: "https://kv.vault.azure.net/secrets/openai-api-key", identity: ID },
      ],
    });
    expect(result.secrets.every((s) => !("value" in s))).toBe(true);
  });

  it("GIVEN two variables backed by one secret WHEN split THEN the secret is declared once", () => {
    const result = toContainerAppEnvironment<string>([kv("A", "shared"), kv("B", "shared")], ID);
    expect(result.secrets).toEqual([{ name: "shared", keyVaultUrl: "https://kv.vault.azure.net/secrets/shared", identity: ID }]);
    expect(result.env).toEqual([{ name: "A", secretRef: "shared" }, { name: "B", secretRef: "shared" }]);
  });

  it.each<[string, EnvEntry<string>[], string]>([
    ["a variable twice", [{ name: "X", source: "literal", value: "1" }, { name: "X", source: "literal", value: "2" }], "env contract: X appears twice; Container Apps would keep only one of the values. Pass each variable once."],
    [
      "a Secrets Manager reference",
      [{ name: "DATABASE_URL", source: "secret", ref: { store: "aws-secrets-manager", arn: "arn:aws:secretsmanager:eu-west-1:1:secret:x" } }],
      "env contract: DATABASE_URL references a secret in aws-secrets-manager; a container app can only read secrets from azure-key-vault. Bind DATABASE_URL to an azure-key-vault reference.",
    ],
    [
      "a secret name Container Apps refuses",
      [kv("X", "Upper_Case")],
      'env contract: X references the Key Vault secret "Upper_Case", which is not a Container Apps secret name; allowed: lowercase letters, digits, \'-\' and \'.\'. Rename the secret.',
    ],
  ])("GIVEN %s WHEN split THEN it throws the exact message", (_label, entries, message) => {
    expect(() => toContainerAppEnvironment(entries, ID)).toThrow(message);
  });
});

describe("probes", () => {
  it("GIVEN the api WHEN its probes are built THEN startup and liveness hit /health and readiness /health/ready on 8000, all with Host: localhost", () => {
    expect(PROBE_HOST_HEADER).toEqual([{ name: "Host", value: "localhost" }]);
    expect(apiProbes()).toEqual([
      { type: "Startup", httpGet: { path: "/health", port: API_PORT, httpHeaders: PROBE_HOST_HEADER }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 10 },
      { type: "Liveness", httpGet: { path: "/health", port: API_PORT, httpHeaders: PROBE_HOST_HEADER }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
      { type: "Readiness", httpGet: { path: "/health/ready", port: API_PORT, httpHeaders: PROBE_HOST_HEADER }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
    ]);
  });

  it("GIVEN the web WHEN its probes are built THEN liveness and readiness check /favicon.ico (no api call), never /api/health*", () => {
    expect(WEB_HEALTH_CHECK_PATH).toBe("/favicon.ico");
    expect(JSON.stringify(webProbes())).not.toContain("/api/health");
    expect(webProbes()).toEqual([
      { type: "Startup", tcpSocket: { port: WEB_PORT }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 10 },
      { type: "Liveness", httpGet: { path: "/favicon.ico", port: WEB_PORT }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
      { type: "Readiness", httpGet: { path: "/favicon.ico", port: WEB_PORT }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
    ]);
  });

  it("GIVEN every probe WHEN checked against Container Apps limits THEN failureThreshold ≤ 10 and initialDelaySeconds ≤ 60", () => {
    for (const p of [...apiProbes(), ...webProbes()]) {
      expect(p.failureThreshold).toBeLessThanOrEqual(10);
      expect(p.initialDelaySeconds ?? 0).toBeLessThanOrEqual(60);
    }
  });
});
