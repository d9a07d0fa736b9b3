/**
 * `asc preview --offline` on the shipped Azure profiles, in-process: plan JSON v1, private data plane, secrets only
 * as Key Vault references, and no plaintext secret anywhere in the output.
 */
import { runAsc } from "../helpers/cli.js";
import type { PlanResource, PlanV1 } from "../../src/preview/plan.js";
import { MOCK_RANDOM_PREFIX } from "../../src/preview/mocks.js";

const SEEDED_SECRETS = {
  ASC_OPENAI_API_KEY: "sk-test-KNOWN-azure-openai-0101",
  ASC_STRIPE_SECRET_KEY: "sk_live_KNOWN_azure_stripe_0102",
  ASC_STRIPE_WEBHOOK_SECRET: "whsec_KNOWN_azure_webhook_0103",
};

let result: { code: number; stdout: string; stderr: string };
let plan: PlanV1;
beforeAll(async () => {
  result = await runAsc(["preview", "--profile", "azure-production", "--offline", "--json"], { env: SEEDED_SECRETS });
  plan = JSON.parse(result.stdout) as PlanV1;
}, 120_000); // the whole program in-process; slow when the suite shares the machine
const ofType = (type: string): PlanResource[] => plan.resources.filter((r) => r.type === type);

describe("offline preview of azure-production", () => {
  it("GIVEN the shipped profile WHEN previewed THEN it exits 0 with plan JSON v1 and no policy violation", () => {
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(plan).toMatchObject({ version: 1, profile: "azure-production", cloud: "azure", tier: "production" });
    expect(plan.summary.violations).toEqual({ mandatory: 0, advisory: 0 });
  });

  it("THEN it holds the Container Apps platform, its data services and the migration job", () => {
    for (const type of [
      "azure-native:resources:ResourceGroup",
      "azure-native:operationalinsights:Workspace",
      "azure-native:network:VirtualNetwork",
      "azure-native:app:ManagedEnvironment",
      "azure-native:keyvault:Vault",
      "azure-native:dbforpostgresql:Server",
      "azure-native:redisenterprise:RedisEnterprise",
      "azure-native:redisenterprise:Database",
      "azure-native:storage:StorageAccount",
      "azure-native:app:Job",
    ]) expect({ type, count: ofType(type).length }).toEqual({ type, count: 1 });
    expect(ofType("azure-native:app:ContainerApp").map((a) => a.name).sort()).toEqual(["asc-prod-api-app", "asc-prod-web-app", "asc-prod-worker-app"]);
    expect(ofType("azure-native:privatedns:PrivateZone")).toHaveLength(4);
  });

  it("THEN the cache is Azure Managed Redis: no Azure Cache for Redis resource is left in the plan", () => {
    expect(JSON.stringify(plan)).not.toContain("azure-native:redis:");
    expect(ofType("azure-native:privatedns:PrivateZone").map((z) => z.inputs.privateZoneName)).toContain("privatelink.redis.azure.net");
  });

  it("THEN every container app and the job take secrets only as Key Vault references read with their identity", () => {
    for (const r of [...ofType("azure-native:app:ContainerApp"), ...ofType("azure-native:app:Job")]) {
      const secrets = (r.inputs.configuration as { secrets?: Array<Record<string, unknown>> }).secrets ?? [];
      // The web receives no secret unless FRONTEND_LOG_SHARED_SECRET is configured.
      if (r.name !== "asc-prod-web-app") expect({ app: r.name, secrets: secrets.length > 0 }).toEqual({ app: r.name, secrets: true });
      for (const s of secrets) {
        expect(Object.keys(s).sort()).toEqual(["identity", "keyVaultUrl", "name"]);
        expect(s.keyVaultUrl).toMatch(/^https:\/\/[a-z0-9-]+\.vault\.azure\.net\/secrets\/[a-z0-9-]+\/[0-9a-f]{32}$/);
      }
    }
  });

  it("THEN Postgres, Redis and Key Vault are closed to the public network", () => {
    expect(ofType("azure-native:dbforpostgresql:Server")[0].inputs.network).toMatchObject({ publicNetworkAccess: "Disabled" });
    expect(ofType("azure-native:redisenterprise:RedisEnterprise")[0].inputs).toMatchObject({ publicNetworkAccess: "Disabled", minimumTlsVersion: "1.2" });
    expect(ofType("azure-native:redisenterprise:Database")[0].inputs).toMatchObject({ clientProtocol: "Encrypted", port: 10000 });
    expect(ofType("azure-native:keyvault:Vault")[0].inputs.properties).toMatchObject({ publicNetworkAccess: "Disabled", enableRbacAuthorization: true, enablePurgeProtection: true });
  });

  it("THEN the shipped profile's storage lets a browser PUT to a SAS URL from the web origin: public Blob endpoint, no anonymous access, no shared keys, CORS PUT from the web", () => {
    const account = ofType("azure-native:storage:StorageAccount")[0].inputs;
    expect(account).toMatchObject({ publicNetworkAccess: "Enabled", networkRuleSet: { defaultAction: "Allow" }, allowBlobPublicAccess: false, allowSharedKeyAccess: false, enableHttpsTrafficOnly: true });
    const webOrigin = (plan.outputs.urls as { web: string }).web;
    expect(webOrigin).toMatch(/^https:\/\/asc-prod-web\./);
    const rules = (ofType("azure-native:storage:BlobServiceProperties")[0].inputs.cors as { corsRules: { allowedOrigins: string[]; allowedMethods: string[] }[] }).corsRules;
    expect(rules.some((r) => r.allowedOrigins.includes(webOrigin) && r.allowedMethods.includes("PUT"))).toBe(true);
    // The app still reaches Blob privately, through the private endpoint.
    expect(ofType("azure-native:network:PrivateEndpoint").map((e) => (e.inputs.privateLinkServiceConnections as { groupIds: string[] }[])[0].groupIds[0])).toContain("blob");
  });

  it("THEN Postgres takes Microsoft Entra sign-in beside the password, with the profile's placeholder group as its Entra administrator", () => {
    const server = ofType("azure-native:dbforpostgresql:Server")[0];
    expect(server.inputs.authConfig).toEqual({ activeDirectoryAuth: "Enabled", passwordAuth: "Enabled", tenantId: expect.any(String) });
    const [admin] = ofType("azure-native:dbforpostgresql:AdministratorsMicrosoftEntra");
    expect(admin.inputs).toMatchObject({ objectId: "aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb", principalName: "asc-prod-db-admins", principalType: "Group", tenantId: (server.inputs.authConfig as { tenantId: string }).tenantId });
    expect(admin.dependencies).toContain(ofType("azure-native:dbforpostgresql:Configuration").find((c) => c.inputs.configurationName === "connection_throttle.enable")!.urn);
  });

  it("THEN the environment and its infrastructure resource group are named from asc:name, create-only", () => {
    const [env] = ofType("azure-native:app:ManagedEnvironment");
    expect(env.inputs).toMatchObject({ environmentName: "asc-prod-env", infrastructureResourceGroup: expect.stringMatching(/^asc-prod-cae-infra-[0-9a-f]{8}$/) });
  });

  it("THEN the api is internal and only the contract's public paths reach it, through the environment's HTTP route configuration", () => {
    const api = ofType("azure-native:app:ContainerApp").find((a) => a.name === "asc-prod-api-app")!;
    expect((api.inputs.configuration as { ingress: { external: boolean } }).ingress.external).toBe(false);
    const [routes] = ofType("azure-native:app:HttpRouteConfig");
    const rules = (routes.inputs.properties as { rules: { routes: { match: Record<string, unknown> }[]; targets: unknown[] }[] }).rules;
    expect(rules.flatMap((r) => r.routes.map((route) => route.match))).toEqual(["/health", "/health/ready", "/.well-known/jwks.json", "/webhooks/stripe"].map((path) => ({ path, caseSensitive: true })));
    expect(rules.flatMap((r) => r.targets)).toEqual([{ containerApp: "asc-prod-api" }]);
    expect(plan.contract.web!.find((e) => e.name === "API_BASE_URL")!.value).toMatch(/^https:\/\/asc-prod-api\.internal\./);
  });

  it("THEN the outputs hold the job a runner starts, and the contract carries Azure's variables", () => {
    expect(plan.outputs.migration).toEqual({ cloud: "azure", jobName: "asc-prod-migrate", resourceGroupName: expect.any(String), subscriptionId: expect.any(String) });
    const api = plan.contract.api!;
    expect(api.find((e) => e.name === "DATABASE_URL")).toEqual({ name: "DATABASE_URL", source: "secret", ref: expect.stringMatching(/\.vault\.azure\.net\/secrets\/database-url\/[0-9a-f]{32}$/) });
    expect(api.map((e) => e.name)).toEqual(expect.arrayContaining(["AZURE_KEY_VAULT_URL", "AZURE_KV_SIGNING_SECRET_NAME", "AZURE_MANAGED_IDENTITY_CLIENT_ID", "AZURE_BLOB_ACCOUNT_URL", "AZURE_BLOB_CONTAINER"]));
    expect(plan.contract.migrate).toEqual(plan.contract.api!.map((e) => (e.name === "AZURE_MANAGED_IDENTITY_CLIENT_ID" ? { ...e, value: expect.any(String) } : e)));
  });

  it("THEN no seeded or generated secret value appears anywhere in the output", () => {
    const everything = result.stdout + result.stderr;
    for (const secret of Object.values(SEEDED_SECRETS)) expect(everything).not.toContain(secret);
    expect(everything).not.toContain(MOCK_RANDOM_PREFIX);
    expect(everything).toContain('"[secret]"');
  });
});

describe("offline preview of azure-dev", () => {
  it("GIVEN the dev profile THEN it exits 0 and shows only advisory results", async () => {
    const dev = await runAsc(["preview", "--profile", "azure-dev", "--offline"]);
    expect(dev.code).toBe(0);
    expect(dev.stdout).toMatch(/^Offline preview of azure-dev \(azure, dev\): \d+ resources/);
    expect(dev.stdout).toMatch(/^Policies: 0 mandatory, \d+ advisory violation\(s\)$/m);
  }, 120_000);
});

describe("offline preview with registry credentials", () => {
  it("GIVEN azure-staging with a GHCR user and its password WHEN previewed THEN every app and the job have registries with the password as a Key Vault reference, and the password appears nowhere", async () => {
    const password = "ghp_KNOWN_registry_token_0104";
    const run = await runAsc(
      ["preview", "--profile", "azure-staging", "--offline", "--json", "--set", "azure.registryCredentials.server=ghcr.io", "--set", "azure.registryCredentials.username=acme-bot"],
      { env: { ...SEEDED_SECRETS, ASC_REGISTRY_PASSWORD: password } },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const staging = JSON.parse(run.stdout) as PlanV1;
    const workloads = staging.resources.filter((r) => r.type === "azure-native:app:ContainerApp" || r.type === "azure-native:app:Job");
    expect(workloads.length).toBeGreaterThanOrEqual(4);
    for (const r of workloads) {
      const configuration = r.inputs.configuration as { registries?: unknown; secrets: Array<Record<string, unknown>> };
      expect({ workload: r.name, registries: configuration.registries }).toEqual({ workload: r.name, registries: [{ server: "ghcr.io", username: "acme-bot", passwordSecretRef: "registry-password" }] });
      expect(configuration.secrets).toContainEqual({ name: "registry-password", keyVaultUrl: expect.stringMatching(/\/secrets\/registry-password\/[0-9a-f]{32}$/), identity: expect.any(String) });
    }
    expect(run.stdout).not.toContain(password);
    expect(staging.summary.violations.mandatory).toBe(0);
  }, 120_000);
});
