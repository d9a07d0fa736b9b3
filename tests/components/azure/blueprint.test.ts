/**
 * AzureBlueprint end to end under mocks. Each profile is built once (beforeAll) and frozen; the tests read the
 * frozen graphs, which keeps the file fast.
 */
import * as pulumi from "@pulumi/pulumi";
import { AZURE_BLUEPRINT_TYPE, AzureBlueprint } from "../../../src/components/azure/blueprint.js";
import type { BlueprintConfig } from "../../../src/config/schema.js";
import type { SecretVariable } from "../../../src/contract/types.js";
import type { CapturedResource } from "../../../src/preview/graph-capture.js";
import { MOCK_RANDOM_PREFIX, MOCK_SUBSCRIPTION_ID } from "../../../src/preview/mocks.js";
import { DIGEST_IMAGES, ENTRA_ADMIN, azureConfig } from "../../helpers/azure-config.js";
import { snapshotGraph, type GraphSnapshot } from "../../helpers/graph-snapshot.js";
import { promiseOf, usePulumiMocks } from "../../helpers/pulumi.js";

const mocked = usePulumiMocks({ region: "westeurope" });
const OPENAI_VALUE = "sk-live-azure-test-0123456789";
const NEXT_API_IMAGE = "ghcr.io/acme/api@sha256:2222222222222222222222222222222222222222222222222222222222222222";
const OPERATOR_SECRETS: Partial<Record<SecretVariable, pulumi.Input<string>>> = {
  OPENAI_API_KEY: pulumi.secret(OPENAI_VALUE),
  STRIPE_SECRET_KEY: pulumi.secret("sk_test_stripe"),
  STRIPE_WEBHOOK_SECRET: pulumi.secret("whsec_test"),
};

interface Built {
  readonly blueprint: AzureBlueprint;
  readonly graph: GraphSnapshot;
  readonly outputs: Record<string, unknown>;
}

async function build(config: BlueprintConfig, profile: string): Promise<Built> {
  mocked.graph.reset();
  const blueprint = new AzureBlueprint(config.name, { config, profile, operatorSecrets: OPERATOR_SECRETS });
  const outputs = (await promiseOf(pulumi.output(blueprint.outputs))) as unknown as Record<string, unknown>;
  return { blueprint, graph: await snapshotGraph(mocked.graph), outputs };
}

type AppInputs = {
  configuration: { secrets?: Record<string, unknown>[]; ingress?: { external: boolean; allowInsecure: boolean; transport: string } };
  template: { containers: { image: string; env: Record<string, unknown>[]; probes?: { httpGet?: { httpHeaders?: unknown[] } }[] }[] };
};
const inputsOf = (r: CapturedResource) => r.inputs as unknown as AppInputs;
const workloads = (g: GraphSnapshot) => [...g.byType("azure-native:app:ContainerApp"), ...g.byType("azure-native:app:Job")];

let production: Built;
let staging: Built;
beforeAll(async () => {
  production = await build(azureConfig("production"), "azure-production");
  staging = await build(azureConfig("staging", { app: { exposeApi: false }, migrationImage: NEXT_API_IMAGE }), "azure-staging");
}, 120_000); // two whole stacks (about 200 resources each); slow when the full suite shares the machine

describe("AzureBlueprint (production)", () => {
  it("GIVEN a production profile WHEN built THEN exactly these resource types are created", () => {
    const counts: Record<string, number> = {};
    for (const r of production.graph.resources) counts[r.type] = (counts[r.type] ?? 0) + 1;
    expect(counts).toEqual({
      [AZURE_BLUEPRINT_TYPE]: 1,
      "asc:azure:Foundation": 1,
      "asc:azure:Network": 1,
      "asc:azure:ContainerAppsEnvironment": 1,
      "asc:azure:KeyVault": 1,
      "asc:azure:Database": 1,
      "asc:azure:Cache": 1,
      "asc:azure:ObjectStorage": 1,
      "asc:azure:ServiceIdentity": 4,
      "asc:azure:ContainerApp": 3,
      "asc:azure:MigrationJob": 1,
      "asc:azure:ApiPublicRoutes": 1,
      "azure-native:app:HttpRouteConfig": 1,
      "azure-native:resources:ResourceGroup": 1,
      "azure-native:operationalinsights:Workspace": 1,
      "azure-native:network:VirtualNetwork": 1,
      "azure-native:network:Subnet": 3,
      "azure-native:privatedns:PrivateZone": 4,
      "azure-native:privatedns:VirtualNetworkLink": 4,
      "azure-native:network:PrivateEndpoint": 3,
      "azure-native:network:PrivateDnsZoneGroup": 3,
      "azure-native:app:ManagedEnvironment": 1,
      "azure-native:keyvault:Vault": 1,
      "azure-native:keyvault:Secret": 14,
      "azure-native:dbforpostgresql:Server": 1,
      "azure-native:dbforpostgresql:AdministratorsMicrosoftEntra": 1,
      "azure-native:dbforpostgresql:Configuration": 5,
      "azure-native:monitor:DiagnosticSetting": 1,
      "azure-native:dbforpostgresql:Database": 1,
      "azure-native:redisenterprise:RedisEnterprise": 1,
      "azure-native:redisenterprise:Database": 1,
      "azure-native:storage:StorageAccount": 1,
      "azure-native:storage:BlobServiceProperties": 1,
      "azure-native:storage:BlobContainer": 1,
      "azure-native:managedidentity:UserAssignedIdentity": 4,
      "azure-native:authorization:RoleAssignment": 44,
      "azure-native:app:ContainerApp": 3,
      "azure-native:app:Job": 1,
      "random:index/randomPassword:RandomPassword": 9,
    });
    const blueprintUrn = production.graph.byName("asc-prod").urn;
    const components = production.graph.resources.filter((r) => r.type.startsWith("asc:azure:") && r.type !== AZURE_BLUEPRINT_TYPE);
    expect(components.every((c) => c.parent === blueprintUrn)).toBe(true);
  });

  it("GIVEN every container app and the job WHEN built THEN each secret is a Key Vault reference read with the workload's own identity, and every secretRef resolves", () => {
    for (const workload of workloads(production.graph)) {
      const { configuration, template } = inputsOf(workload);
      const identity = (workload.inputs.identity as { userAssignedIdentities: string[] }).userAssignedIdentities[0];
      for (const secret of configuration.secrets ?? []) {
        expect(Object.keys(secret).sort()).toEqual(["identity", "keyVaultUrl", "name"]);
        // Versioned: a new value is a new URI, so exactly the workloads that read it roll (vault-secret.ts).
        expect(secret.keyVaultUrl).toMatch(new RegExp(`^https://asc-prod-azure-1ad441b9\\.vault\\.azure\\.net/secrets/${secret.name}/[0-9a-f]{32}$`));
        expect(secret.identity).toBe(identity);
      }
      const declared = new Set((configuration.secrets ?? []).map((s) => s.name));
      for (const env of template.containers[0].env) {
        expect("value" in env !== "secretRef" in env).toBe(true);
        if ("secretRef" in env) expect(declared.has(env.secretRef)).toBe(true);
      }
    }
    const api = inputsOf(production.graph.byName("asc-prod-api-app"));
    expect(api.template.containers[0].env.filter((e) => "secretRef" in e).map((e) => e.name)).toEqual([
      "DATABASE_URL", "REDIS_URL", "SECRET_KEY", "AUTH_PASSWORD_PEPPER", "AUTH_REFRESH_TOKEN_PEPPER", "AUTH_EMAIL_VERIFICATION_TOKEN_PEPPER",
      "AUTH_PASSWORD_RESET_TOKEN_PEPPER", "STATUS_SUBSCRIPTION_TOKEN_PEPPER", "AUTH_JWKS_ETAG_SALT", "OPENAI_API_KEY", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET",
    ]);
  });

  it.each([
    ["asc-prod-api-app", "asc-prod-api-identity", 16],
    ["asc-prod-worker-app", "asc-prod-worker-identity", 16],
    ["asc-prod-web-app", "asc-prod-web-identity", 0],
    ["asc-prod-migrate-job", "asc-prod-migrate-identity", 12],
  ])("GIVEN %s WHEN built THEN it depends on each role assignment of %s (%i)", (workload, identity, count) => {
    const { graph } = production;
    const identityUrn = graph.byName(identity).urn;
    const assignments = graph.byType("azure-native:authorization:RoleAssignment").filter((r) => r.parent === identityUrn);
    expect(assignments).toHaveLength(count);
    for (const a of assignments) expect(graph.byName(workload).dependencies).toContain(a.urn);
  });

  it("GIVEN every workload WHEN built THEN its identity reads exactly the secrets it references, one grant per secret, and nothing vault-wide", () => {
    const { graph } = production;
    const assignments = graph.byType("azure-native:authorization:RoleAssignment");
    expect(assignments.filter((a) => String(a.inputs.scope).includes("/Vault/") && !String(a.inputs.scope).includes("/Secret/"))).toEqual([]);
    const reads = (identity: string) =>
      assignments
        .filter((a) => a.parent === graph.byName(identity).urn && String(a.inputs.roleDefinitionId).endsWith("4633458b-17de-408a-b874-0445c86b69e6"))
        .map((a) => String(a.inputs.scope).split("/Secret/")[1])
        .sort();
    for (const [workload, identity] of [["asc-prod-api-app", "asc-prod-api-identity"], ["asc-prod-worker-app", "asc-prod-worker-identity"], ["asc-prod-web-app", "asc-prod-web-identity"], ["asc-prod-migrate-job", "asc-prod-migrate-identity"]]) {
      const referenced = (inputsOf(graph.byName(workload)).configuration.secrets ?? []).map((x) => String(x.name)).sort();
      expect({ workload, reads: reads(identity) }).toEqual({ workload, reads: referenced });
    }
    expect(reads("asc-prod-web-identity")).toEqual([]);
  });

  it("GIVEN the api and worker identities WHEN built THEN beyond their reads they may write only the keyset and signing secrets and use the blobs", () => {
    const { graph } = production;
    const others = (identity: string) =>
      graph
        .byType("azure-native:authorization:RoleAssignment")
        .filter((r) => r.parent === graph.byName(identity).urn && !String(r.inputs.roleDefinitionId).endsWith("4633458b-17de-408a-b874-0445c86b69e6"))
        .map((r) => [String(r.inputs.roleDefinitionId).split("/").pop(), String(r.inputs.scope).split("/").slice(-2).join("/")])
        .sort((a, b) => (a.join() < b.join() ? -1 : 1));
    expect(others("asc-prod-api-identity")).toEqual([
      ["b86a8fe4-44ce-4948-aee5-eccb2c155cd7", "Secret/auth-keyset"],
      ["b86a8fe4-44ce-4948-aee5-eccb2c155cd7", "Secret/auth-signing-secret"],
      ["ba92f5b4-2d11-453d-a403-e96b0029c9fe", "StorageAccount/ascprodazureprod1ad441b9"],
      ["db58b8e5-c6ad-4a2a-8342-4190687cbf4a", "StorageAccount/ascprodazureprod1ad441b9"],
    ]); // sorted by role GUID
    expect(others("asc-prod-worker-identity")).toEqual(others("asc-prod-api-identity"));
    expect(others("asc-prod-migrate-identity")).toEqual([]);
  });

  it("GIVEN the web WHEN built THEN its identity is platform-only (identitySettings lifecycle None); api, worker and job keep Main", () => {
    const { graph } = production;
    const lifecycle = (name: string) => ((graph.byName(name).inputs.configuration as { identitySettings: { lifecycle: string }[] }).identitySettings).map((i) => i.lifecycle);
    expect([lifecycle("asc-prod-web-app"), lifecycle("asc-prod-api-app"), lifecycle("asc-prod-worker-app"), lifecycle("asc-prod-migrate-job")]).toEqual([["None"], ["Main"], ["Main"], ["Main"]]);
  });

  it("GIVEN a profile WHEN built THEN the environment and its infrastructure resource group are named from asc:name, for new stacks only (ignoreChanges keeps an existing stack's)", () => {
    for (const [built, name] of [[production, "asc-prod"], [staging, "asc-stg"]] as const) {
      const env = built.graph.byType("azure-native:app:ManagedEnvironment")[0];
      expect(env.inputs.environmentName).toBe(`${name}-env`);
      expect(env.inputs.infrastructureResourceGroup).toMatch(new RegExp(`^${name}-cae-infra-[0-9a-f]{8}$`));
      expect(env.ignoreChanges).toEqual(["environmentName", "infrastructureResourceGroup"]);
    }
    expect(production.graph.byName("asc-prod-environment-env").inputs.infrastructureResourceGroup).toBe("asc-prod-cae-infra-1ad441b9");
  });

  it("GIVEN production WHEN built THEN api and web get at least 2 replicas, the environment is zone-redundant, Postgres is HA and geo-backed-up, storage is GRS", () => {
    const { graph } = production;
    const scale = (name: string) => (graph.byName(name).inputs.template as { scale: unknown }).scale;
    expect([scale("asc-prod-api-app"), scale("asc-prod-web-app"), scale("asc-prod-worker-app")]).toEqual([
      { minReplicas: 3, maxReplicas: 3 },
      { minReplicas: 3, maxReplicas: 3 },
      { minReplicas: 1, maxReplicas: 1 },
    ]);
    expect(graph.byName("asc-prod-environment-env").inputs.zoneRedundant).toBe(true);
    const server = graph.byName("asc-prod-db-server").inputs;
    expect([server.sku, server.highAvailability, server.backup]).toEqual([
      { name: "Standard_D2ds_v5", tier: "GeneralPurpose" },
      { mode: "ZoneRedundant", standbyAvailabilityZone: "" },
      { backupRetentionDays: 14, geoRedundantBackup: "Enabled" },
    ]);
    expect(graph.byName("asc-prod-db-server").protect).toBe(true);
    expect(graph.byName("asc-prod-storage-account").inputs.sku).toEqual({ name: "Standard_GRS" });
    expect((graph.byName("asc-prod-vault-vault").inputs.properties as Record<string, unknown>).enablePurgeProtection).toBe(true);
    expect(graph.byName("asc-prod-foundation-logs").inputs.retentionInDays).toBe(90);
  });

  it.each(["asc-prod-api-app", "asc-prod-web-app", "asc-prod-worker-app", "asc-prod-migrate-job"])(
    "GIVEN %s WHEN built THEN it depends on the Key Vault, Redis and Blob private DNS zone groups",
    (workload) => {
      const { graph } = production;
      const groups = ["asc-prod-vault-pe-dns", "asc-prod-cache-pe-dns", "asc-prod-storage-pe-dns"].map((n) => graph.byName(n));
      expect(groups.map((g) => g.type)).toEqual(Array(3).fill("azure-native:network:PrivateDnsZoneGroup"));
      for (const g of groups) expect(graph.byName(workload).dependencies).toContain(g.urn);
    },
  );

  it("GIVEN the web WHEN built THEN it is created after the api app, and its probes never call the api", () => {
    const { graph } = production;
    const web = graph.byName("asc-prod-web-app");
    expect(web.dependencies).toContain(graph.byName("asc-prod-api-app").urn);
    const paths = (inputsOf(web).template.containers[0].probes ?? []).map((p) => p.httpGet && (p.httpGet as unknown as { path: string }).path).filter(Boolean);
    expect(paths).toEqual(["/favicon.ico", "/favicon.ico"]);
    expect(graph.byName("asc-prod-api-app").dependencies).not.toContain(web.urn);
  });

  it("GIVEN the api image WHEN probes are built THEN every probe of the api and the worker sends Host: localhost", () => {
    for (const name of ["asc-prod-api-app", "asc-prod-worker-app"]) {
      const probes = inputsOf(production.graph.byName(name)).template.containers[0].probes ?? [];
      expect(probes).toHaveLength(3);
      for (const probe of probes) expect(probe.httpGet?.httpHeaders).toEqual([{ name: "Host", value: "localhost" }]);
    }
  });

  it("GIVEN the built stack WHEN its outputs are read THEN URLs follow the environment's domain and the runner gets the job, group and subscription", () => {
    const { outputs } = production;
    expect(outputs.urls).toEqual({ web: "https://asc-prod-web.mock.azurecontainerapps.io", api: "https://asc-prod-api-public.mock.azurecontainerapps.io" });
    expect(outputs.migration).toEqual({ cloud: "azure", subscriptionId: MOCK_SUBSCRIPTION_ID, resourceGroupName: "asc-prod-foundation-rg-mock", jobName: "asc-prod-migrate" });
    expect(outputs.services).toEqual({ api: "asc-prod-api", web: "asc-prod-web", worker: "asc-prod-worker" });
    expect(outputs.health).toEqual([
      { service: "api", url: "https://asc-prod-api-public.mock.azurecontainerapps.io/health" },
      { service: "api", url: "https://asc-prod-api-public.mock.azurecontainerapps.io/health/ready" },
      { service: "web", url: "https://asc-prod-web.mock.azurecontainerapps.io/api/health/ready" },
    ]);
    const contract = (outputs.contract as { outputs: Record<string, unknown> }).outputs;
    expect(contract).toEqual({
      webUrl: "https://asc-prod-web.mock.azurecontainerapps.io",
      apiHost: "asc-prod-api-public.mock.azurecontainerapps.io",
      apiInternalHost: "asc-prod-api.internal.mock.azurecontainerapps.io",
      apiBaseUrl: "https://asc-prod-api.internal.mock.azurecontainerapps.io",
      keysetSecretName: "auth-keyset",
      keyVaultUrl: "https://asc-prod-azure-1ad441b9.vault.azure.net/",
      signingSecretName: "auth-signing-secret",
      blobAccountUrl: "https://ascprodazureprod1ad441b9.blob.core.windows.net/",
      blobContainer: "app",
      managedIdentityClientIds: { api: "client-asc-prod-api-identity-uami", worker: "client-asc-prod-worker-identity-uami", web: "client-asc-prod-web-identity-uami", migrate: "client-asc-prod-migrate-identity-uami" },
    });
  });

  it("GIVEN production WHEN built THEN the cache is Azure Managed Redis with HA, one Encrypted EnterpriseCluster database 'default', and no Azure Cache for Redis remains", () => {
    const { graph } = production;
    expect(graph.resources.filter((r) => r.type.startsWith("azure-native:redis:"))).toEqual([]);
    const [cluster] = graph.byType("azure-native:redisenterprise:RedisEnterprise");
    expect([cluster.inputs.sku, cluster.inputs.highAvailability, cluster.inputs.minimumTlsVersion]).toEqual([{ name: "Balanced_B1" }, "Enabled", "1.2"]);
    const [database] = graph.byType("azure-native:redisenterprise:Database");
    expect(database.inputs).toMatchObject({ databaseName: "default", clientProtocol: "Encrypted", clusteringPolicy: "EnterpriseCluster", accessKeysAuthentication: "Enabled", port: 10000 });
    const zone = graph.byType("azure-native:privatedns:PrivateZone").map((z) => z.inputs.privateZoneName);
    expect(zone).toContain("privatelink.redis.azure.net");
    const api = inputsOf(graph.byName("asc-prod-api-app"));
    expect(api.template.containers[0].env.find((e) => e.name === "REDIS_URL")).toEqual({ name: "REDIS_URL", secretRef: "redis-url" });
    expect(api.configuration.secrets?.find((s) => s.name === "redis-url")?.keyVaultUrl).toMatch(/^https:\/\/asc-prod-azure-1ad441b9\.vault\.azure\.net\/secrets\/redis-url\/[0-9a-f]{32}$/);
  });

  it("GIVEN production WHEN built THEN Postgres logs connections and disconnections and throttles failed logins, one parameter after another", () => {
    const { graph } = production;
    const params = graph.byType("azure-native:dbforpostgresql:Configuration");
    const byName = Object.fromEntries(params.map((p) => [p.inputs.configurationName, p.inputs.value]));
    expect(byName).toMatchObject({ log_connections: "on", log_disconnections: "on", "connection_throttle.enable": "on" });
    for (const p of params) expect(p.inputs.source).toBe("user-override");
    expect(graph.byName("asc-prod-db-connection-throttle").dependencies).toContain(graph.byName("asc-prod-db-log-disconnections").urn);
  });

  it("GIVEN production WHEN built THEN Postgres takes Microsoft Entra sign-in beside the password, with the profile's Entra administrator in the subscription's tenant", () => {
    const { graph } = production;
    const [server] = graph.byType("azure-native:dbforpostgresql:Server");
    const auth = server.inputs.authConfig as { tenantId: string };
    expect(auth).toEqual({ activeDirectoryAuth: "Enabled", passwordAuth: "Enabled", tenantId: expect.stringMatching(/.+/) });
    const [admin] = graph.byType("azure-native:dbforpostgresql:AdministratorsMicrosoftEntra");
    expect(admin.inputs).toEqual({ resourceGroupName: expect.any(String), serverName: expect.any(String), ...ENTRA_ADMIN, tenantId: auth.tenantId });
  });

  it("GIVEN staging without an Entra administrator WHEN built THEN Entra authentication stays off and no administrator is created", () => {
    const { graph } = staging;
    expect(graph.byType("azure-native:dbforpostgresql:Server")[0].inputs.authConfig).toMatchObject({ activeDirectoryAuth: "Disabled", passwordAuth: "Enabled" });
    expect(graph.byType("azure-native:dbforpostgresql:AdministratorsMicrosoftEntra")).toEqual([]);
  });

  it("GIVEN production WHEN built THEN the vault's audit logs go to the stack's Log Analytics workspace", () => {
    const { graph } = production;
    const [setting] = graph.byType("azure-native:monitor:DiagnosticSetting");
    expect(setting.inputs).toEqual({
      name: "asc-audit",
      resourceUri: graph.byName("asc-prod-vault-vault").inputs.vaultName ? expect.stringMatching(/\/Vault\/asc-prod-azure-1ad441b9$/) : undefined,
      workspaceId: expect.stringMatching(/\/Workspace\/[^/]+$/),
      logs: [{ categoryGroup: "audit", enabled: true }],
    });
  });

  it("GIVEN operator and generated secrets WHEN built THEN no value appears in the graph or the outputs", () => {
    const dump = JSON.stringify(production.graph.resources) + JSON.stringify(production.outputs);
    expect(dump).not.toContain(OPENAI_VALUE);
    expect(dump).not.toContain("sk_test_stripe");
    expect(dump).not.toContain(MOCK_RANDOM_PREFIX);
  });
});

describe("AzureBlueprint (the api's public surface)", () => {
  it("GIVEN production with exposeApi and billing WHEN built THEN the api's ingress is internal and the environment's route host forwards only the contract's public paths to it, after the api exists", () => {
    const { graph } = production;
    const routes = graph.byName("asc-prod-api-routes-routes");
    expect(routes.type).toBe("azure-native:app:HttpRouteConfig");
    expect(routes.inputs).toMatchObject({ environmentName: expect.any(String), httpRouteName: "asc-prod-api-public" });
    const [rule] = (routes.inputs.properties as { rules: { routes: { match: { path: string; caseSensitive: boolean } }[]; targets: unknown[] }[] }).rules;
    expect(rule.routes.map((r) => r.match)).toEqual(["/health", "/health/ready", "/.well-known/jwks.json", "/webhooks/stripe"].map((path) => ({ path, caseSensitive: true })));
    expect(rule.targets).toEqual([{ containerApp: "asc-prod-api" }]);
    expect(routes.dependencies).toContain(graph.byName("asc-prod-api-app").urn);
    expect(inputsOf(graph.byName("asc-prod-api-app")).configuration.ingress?.external).toBe(false);
  });

  it("GIVEN production WHEN built THEN the api answers its route host and its internal host, and the web calls the internal one", () => {
    const env = (name: string) => Object.fromEntries(inputsOf(production.graph.byName(name)).template.containers[0].env.map((e) => [e.name, e.value ?? e.secretRef]));
    expect(env("asc-prod-api-app").ALLOWED_HOSTS).toBe("asc-prod-api-public.mock.azurecontainerapps.io,127.0.0.1,localhost,asc-prod-api.internal.mock.azurecontainerapps.io");
    expect(env("asc-prod-web-app").API_BASE_URL).toBe("https://asc-prod-api.internal.mock.azurecontainerapps.io");
  });

  it("GIVEN staging with exposeApi false WHEN built THEN there is no route configuration and the api is internal", () => {
    expect(staging.graph.byType("azure-native:app:HttpRouteConfig")).toEqual([]);
    expect(inputsOf(staging.graph.byName("asc-stg-api-app")).configuration.ingress?.external).toBe(false);
  });
});

describe("AzureBlueprint (privacy and ingress)", () => {
  it.each(["production", "staging"] as const)("GIVEN %s WHEN built THEN Postgres, Redis and Key Vault refuse public traffic; Blob takes only SAS uploads from browsers; all sit behind private networking", (tier) => {
    const { graph } = tier === "production" ? production : staging;
    const [server] = graph.byType("azure-native:dbforpostgresql:Server");
    expect((server.inputs.network as Record<string, unknown>).publicNetworkAccess).toBe("Disabled");
    expect(String((server.inputs.network as Record<string, unknown>).delegatedSubnetResourceId)).toMatch(/\/Subnet\/postgres$/);
    expect(graph.byType("azure-native:redisenterprise:RedisEnterprise")[0].inputs.publicNetworkAccess).toBe("Disabled");
    const account = graph.byType("azure-native:storage:StorageAccount")[0].inputs;
    // asc:azure.browserUploads defaults to true: browsers PUT to user-delegation SAS URLs; no anonymous access, no shared keys.
    expect([account.publicNetworkAccess, account.networkRuleSet, account.allowBlobPublicAccess, account.allowSharedKeyAccess]).toEqual(["Enabled", { defaultAction: "Allow", bypass: "AzureServices" }, false, false]);
    const vault = graph.byType("azure-native:keyvault:Vault")[0].inputs.properties as Record<string, unknown>;
    expect([vault.publicNetworkAccess, vault.networkAcls]).toEqual(["Disabled", { defaultAction: "Deny", bypass: "AzureServices" }]);
    const groups = graph.byType("azure-native:network:PrivateEndpoint").map((e) => (e.inputs.privateLinkServiceConnections as { groupIds: string[] }[])[0].groupIds[0]).sort();
    expect(groups).toEqual(["blob", "redisEnterprise", "vault"]);
  });

  it.each([
    ["production (exposeApi: routed, not external)", () => production.graph, { "asc-prod-api-app": false, "asc-prod-web-app": true, "asc-prod-worker-app": undefined }],
    ["staging (api not exposed)", () => staging.graph, { "asc-stg-api-app": false, "asc-stg-web-app": true, "asc-stg-worker-app": undefined }],
  ])("GIVEN %s WHEN built THEN only the intended apps have external ingress, all HTTPS-only", (_label, graphOf, expected) => {
    const graph = graphOf();
    const external = Object.fromEntries(graph.byType("azure-native:app:ContainerApp").map((a) => [a.name, inputsOf(a).configuration.ingress?.external]));
    expect(external).toEqual(expected);
    for (const app of graph.byType("azure-native:app:ContainerApp")) {
      const ingress = inputsOf(app).configuration.ingress;
      if (ingress) expect([ingress.allowInsecure, ingress.transport]).toEqual([false, "auto"]);
    }
  });

  it("GIVEN the api is not exposed WHEN built THEN the web reaches it on its internal host, which the api allows, and no api health check is published", () => {
    const env = (name: string) => Object.fromEntries(inputsOf(staging.graph.byName(name)).template.containers[0].env.map((e) => [e.name, e.value ?? e.secretRef]));
    expect(env("asc-stg-web-app").API_BASE_URL).toBe("https://asc-stg-api.internal.mock.azurecontainerapps.io");
    expect(env("asc-stg-api-app").ALLOWED_HOSTS).toBe("asc-stg-api.internal.mock.azurecontainerapps.io,127.0.0.1,localhost");
    expect(staging.outputs.health).toEqual([{ service: "web", url: "https://asc-stg-web.mock.azurecontainerapps.io/api/health/ready" }]);
  });
});

describe("AzureBlueprint (release images)", () => {
  it("GIVEN asc:migrationImage WHEN built THEN the job runs it while the api and worker stay on asc:images.api", () => {
    const image = (name: string) => inputsOf(staging.graph.byName(name)).template.containers[0].image;
    expect(image("asc-stg-migrate-job")).toBe(NEXT_API_IMAGE);
    expect([image("asc-stg-api-app"), image("asc-stg-worker-app")]).toEqual([DIGEST_IMAGES.api, DIGEST_IMAGES.api]);
    expect(image("asc-stg-web-app")).toBe(DIGEST_IMAGES.web);
  });

  it("GIVEN a new api image WHEN the graph is rebuilt THEN only the api and worker apps and the migration job change", async () => {
    const config = azureConfig("production");
    const changed = await build({ ...config, images: { ...config.images, api: "ghcr.io/acme/api@sha256:1111111111111111111111111111111111111111111111111111111111111111" } }, "azure-production");
    const before = new Map(production.graph.resources.map((r) => [r.urn, JSON.stringify(r.inputs)]));
    const differing = changed.graph.resources.filter((r) => before.get(r.urn) !== JSON.stringify(r.inputs)).map((r) => r.name);
    expect(differing.sort()).toEqual(["asc-prod-api-app", "asc-prod-migrate-job", "asc-prod-worker-app"]);
    expect(changed.graph.resources).toHaveLength(production.graph.resources.length);
  });
});
