/**
 * AzureBlueprint with a private registry (asc:azure.registryCredentials): registries on exactly the workloads whose
 * image is on it, the password in Key Vault read only by the identities that pull, or AcrPull on an ACR.
 */
import * as pulumi from "@pulumi/pulumi";
import { AzureBlueprint } from "../../../src/components/azure/blueprint.js";
import { AZURE_ROLES } from "../../../src/components/azure/roles.js";
import type { BlueprintConfig } from "../../../src/config/schema.js";
import { DIGEST_IMAGES, azureConfig } from "../../helpers/azure-config.js";
import { snapshotGraph, type GraphSnapshot } from "../../helpers/graph-snapshot.js";
import { promiseOf, usePulumiMocks } from "../../helpers/pulumi.js";

const mocked = usePulumiMocks({ region: "westeurope" });
const PASSWORD = "ghp_registry_token_KNOWN_0123456789";
const ACR_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/images/providers/Microsoft.ContainerRegistry/registries/acmeprod";
const WORKLOADS = { api: "asc-stg-api-app", worker: "asc-stg-worker-app", web: "asc-stg-web-app", migrate: "asc-stg-migrate-job" } as const;
const SECRETS = { OPENAI_API_KEY: pulumi.secret("sk-test"), STRIPE_SECRET_KEY: pulumi.secret("sk_test_x"), STRIPE_WEBHOOK_SECRET: pulumi.secret("whsec_x") };

async function build(config: BlueprintConfig, registryPassword?: string): Promise<GraphSnapshot> {
  mocked.graph.reset();
  const blueprint = new AzureBlueprint(config.name, { config, profile: "azure-staging", operatorSecrets: SECRETS, ...(registryPassword ? { registryPassword: pulumi.secret(registryPassword) } : {}) });
  await promiseOf(pulumi.output(blueprint.outputs));
  return snapshotGraph(mocked.graph);
}
const configurationOf = (graph: GraphSnapshot, name: string) =>
  graph.byName(name).inputs.configuration as { registries?: unknown[]; secrets?: { name: string; keyVaultUrl: string; identity: string }[]; identitySettings: { identity: string }[] };
/** The workload's own user-assigned identity (the one it runs as). */
const identityOf = (graph: GraphSnapshot, name: string) => configurationOf(graph, name).identitySettings[0]!.identity;
const grantsOf = (graph: GraphSnapshot, service: string) =>
  graph.byType("azure-native:authorization:RoleAssignment").filter((a) => a.parent === graph.byName(`asc-stg-${service}-identity`).urn);

describe("AzureBlueprint with a registry user (GHCR) and a public web image", () => {
  let graph: GraphSnapshot;
  beforeAll(async () => {
    const config = azureConfig("staging", { images: { api: DIGEST_IMAGES.api, web: "docker.io/acme/web:1.0.0" }, azure: { registryCredentials: { server: "ghcr.io", username: "acme-bot" } } });
    graph = await build(config, PASSWORD);
  }, 60_000);

  it("GIVEN the password WHEN built THEN Key Vault stores it as registry-password, a Pulumi secret", () => {
    const secret = graph.byName("asc-stg-vault-registry-password");
    expect(secret.inputs).toMatchObject({ secretName: "registry-password", properties: { value: "[secret]", contentType: "text/plain" } });
  });

  it.each(["api", "worker", "migrate"] as const)("GIVEN the %s on ghcr.io WHEN built THEN it has registries with the user and the password as a Key Vault reference read with its own identity", (service) => {
    const configuration = configurationOf(graph, WORKLOADS[service]);
    expect(configuration.registries).toEqual([{ server: "ghcr.io", username: "acme-bot", passwordSecretRef: "registry-password" }]);
    const reference = configuration.secrets!.find((s) => s.name === "registry-password")!;
    expect(reference.keyVaultUrl).toMatch(/^https:\/\/[a-z0-9-]+\.vault\.azure\.net\/secrets\/registry-password\/[0-9a-f]{32}$/);
    expect(reference.identity).toBe(identityOf(graph, WORKLOADS[service]));
    const reads = grantsOf(graph, service).filter((a) => String(a.inputs.scope).endsWith("/Secret/registry-password"));
    expect(reads.map((a) => String(a.inputs.roleDefinitionId).split("/").pop())).toEqual([AZURE_ROLES.keyVaultSecretsUser]);
    expect(graph.byName(WORKLOADS[service]).dependencies).toContain(reads[0]!.urn);
  });

  it("GIVEN the web image on docker.io WHEN built THEN the web has no registries and its identity may not read the password", () => {
    expect(configurationOf(graph, WORKLOADS.web)).not.toHaveProperty("registries");
    expect(grantsOf(graph, "web").filter((a) => String(a.inputs.scope).includes("registry-password"))).toEqual([]);
  });

  it("THEN the password value appears nowhere in the plan", () => {
    expect(JSON.stringify(graph.resources)).not.toContain(PASSWORD);
  });
});

describe("AzureBlueprint with an ACR", () => {
  it("GIVEN images on the ACR WHEN built THEN every workload pulls with its identity, each identity has AcrPull on the registry, and no password secret exists", async () => {
    const config = azureConfig("staging", {
      images: { api: "acmeprod.azurecr.io/api@sha256:" + "1".repeat(64), web: "acmeprod.azurecr.io/web@sha256:" + "2".repeat(64) },
      azure: { registryCredentials: { server: "acmeprod.azurecr.io", acrResourceId: ACR_ID } },
    });
    const graph = await build(config);
    for (const [service, workload] of Object.entries(WORKLOADS)) {
      const identityId = identityOf(graph, workload);
      expect({ workload, registries: configurationOf(graph, workload).registries }).toEqual({ workload, registries: [{ server: "acmeprod.azurecr.io", identity: identityId }] });
      const pulls = grantsOf(graph, service).filter((a) => String(a.inputs.roleDefinitionId).endsWith(AZURE_ROLES.acrPull));
      expect({ workload, scopes: pulls.map((a) => a.inputs.scope) }).toEqual({ workload, scopes: [ACR_ID] });
    }
    expect(graph.resources.filter((r) => r.name.endsWith("registry-password"))).toEqual([]);
  }, 60_000);
});
