import * as pulumi from "@pulumi/pulumi";
import { CONTAINER_APP_TYPE, ContainerAppService, resolveContainerAppServiceArgs, type ContainerAppServiceArgs } from "../../../src/components/azure/container-app.js";
import { apiProbes } from "../../../src/components/azure/container-env.js";
import type { EnvEntry } from "../../../src/contract/types.js";
import { snapshotGraph } from "../../helpers/graph-snapshot.js";
import { promiseOf, usePulumiMocks } from "../../helpers/pulumi.js";

const mocked = usePulumiMocks({ region: "westeurope" });

/** Stands in for an identity's role assignment: any resource the workload must wait for. */
class RoleAssignmentStandIn extends pulumi.CustomResource {
  constructor(name: string) {
    super("test:index:RoleAssignment", name, {});
  }
}
const IDENTITY = "/identities/api";
const ENV: EnvEntry<pulumi.Input<string>>[] = [
  { name: "ENVIRONMENT", source: "literal", value: "production" },
  { name: "DATABASE_URL", source: "secret", ref: { store: "azure-key-vault", secretUri: "https://kv.vault.azure.net/secrets/database-url", secretName: "database-url" } },
];
const BASE: ContainerAppServiceArgs = {
  resourceGroupName: "rg",
  location: "westeurope",
  environmentId: "/environments/env",
  service: "api",
  appName: "asc-prod-api",
  image: "ghcr.io/acme/api@sha256:abc",
  cpu: 1,
  memory: "2Gi",
  replicas: 3,
  environment: ENV,
  identityId: IDENTITY,
  ingress: { targetPort: 8000, external: false },
  probes: apiProbes(),
  tags: { project: "asc" },
};

describe("resolveContainerAppServiceArgs", () => {
  it("GIVEN no grants, probes or tags WHEN resolved THEN they default to empty", () => {
    expect(resolveContainerAppServiceArgs({ ...BASE, probes: undefined, tags: undefined })).toMatchObject({ accessGrants: [], probes: [], tags: {} });
  });

  it.each<[Partial<ContainerAppServiceArgs>, string]>([
    [{ appName: "Asc_Api" }, 'ContainerAppService api appName: "Asc_Api" is not a container app name; allowed: 2-32 lowercase letters, digits and single hyphens, starting with a letter.'],
    [{ replicas: -1 }, "ContainerAppService api replicas: -1 is not a replica count; allowed: whole numbers from 0 to 300."],
    [{ ingress: { targetPort: 70000, external: true } }, "ContainerAppService api ingress.targetPort: 70000 is not a TCP port; allowed: 1 to 65535."],
  ])("GIVEN %j WHEN resolved THEN it throws the exact message", (overrides, message) => {
    expect(() => resolveContainerAppServiceArgs({ ...BASE, ...overrides })).toThrow(message);
  });
});

describe("ContainerAppService", () => {
  it("GIVEN an internal api WHEN created THEN the app runs as its identity, reads secrets as Key Vault references, has HTTPS-only internal ingress, fixed replicas, and waits for its grants", async () => {
    const grant = new RoleAssignmentStandIn("grant");
    const service = new ContainerAppService("api", { ...BASE, accessGrants: [grant] });
    const [urn, grantUrn] = await Promise.all([promiseOf(service.urn), promiseOf(grant.urn), promiseOf(service.appName)]);
    const graph = await snapshotGraph(mocked.graph);
    const app = graph.byName("api-app");
    expect(graph.byName("api").type).toBe(CONTAINER_APP_TYPE);
    expect(app).toMatchObject({ type: "azure-native:app:ContainerApp", parent: urn });
    expect(app.dependencies).toContain(grantUrn);
    expect(app.inputs).toEqual({
      resourceGroupName: "rg",
      location: "westeurope",
      containerAppName: "asc-prod-api",
      environmentId: "/environments/env",
      workloadProfileName: "Consumption",
      identity: { type: "UserAssigned", userAssignedIdentities: [IDENTITY] },
      configuration: {
        identitySettings: [{ identity: IDENTITY, lifecycle: "Main" }],
        activeRevisionsMode: "Single",
        secrets: [{ name: "database-url", keyVaultUrl: "https://kv.vault.azure.net/secrets/database-url", identity: IDENTITY }],
        ingress: { external: false, targetPort: 8000, transport: "auto", allowInsecure: false, traffic: [{ latestRevision: true, weight: 100 }] },
      },
      template: {
        containers: [
          {
            name: "api",
            image: "ghcr.io/acme/api@sha256:abc",
            env: [{ name: "ENVIRONMENT", value: "production" }, { name: "DATABASE_URL", secretRef: "database-url" }],
            resources: { cpu: 1, memory: "2Gi" },
            probes: apiProbes(),
          },
        ],
        scale: { minReplicas: 3, maxReplicas: 3 },
      },
      tags: { project: "asc", "asc-service": "api" },
    });
  });

  it("GIVEN the worker without ingress and 0 replicas WHEN created THEN it has no ingress and Container Apps' minimum maxReplicas of 1", async () => {
    const worker = new ContainerAppService("worker", { ...BASE, service: "worker", appName: "asc-prod-worker", ingress: undefined, replicas: 0 });
    await Promise.all([promiseOf(worker.urn), promiseOf(worker.appName)]);
    const inputs = (await snapshotGraph(mocked.graph)).byName("worker-app").inputs as { configuration: Record<string, unknown>; template: { scale: unknown }; tags: unknown };
    expect(inputs.configuration).not.toHaveProperty("ingress");
    expect(inputs.template.scale).toEqual({ minReplicas: 0, maxReplicas: 1 });
    expect(inputs.tags).toEqual({ project: "asc", "asc-service": "worker" });
  });
});

describe("ContainerAppService runtimeIdentity", () => {
  it("GIVEN runtimeIdentity false WHEN created THEN the identity is platform-only (lifecycle None) and still reads Key Vault references", async () => {
    const web = new ContainerAppService("w", { ...BASE, service: "web", appName: "asc-prod-web", identityId: "/identities/web", runtimeIdentity: false });
    await promiseOf(web.appId);
    const graph = await snapshotGraph(mocked.graph);
    const configuration = graph.byName("w-app").inputs.configuration as { identitySettings: unknown };
    expect(configuration.identitySettings).toEqual([{ identity: "/identities/web", lifecycle: "None" }]);
  });
});

describe("ContainerAppService registry", () => {
  it("GIVEN a registry user on a platform-only identity WHEN created THEN registries names the password secret, a Key Vault reference read with the app's identity, next to the env's", async () => {
    const registry = { access: { kind: "password" as const, server: "ghcr.io", username: "acme-bot" }, password: { secretName: "registry-password", keyVaultUrl: "https://kv.vault.azure.net/secrets/registry-password/0123" } };
    const web = new ContainerAppService("r", { ...BASE, service: "web", appName: "asc-prod-web", identityId: "/identities/web", runtimeIdentity: false, registry });
    await promiseOf(web.appId);
    const configuration = (await snapshotGraph(mocked.graph)).byName("r-app").inputs.configuration as Record<string, unknown>;
    expect(configuration.registries).toEqual([{ server: "ghcr.io", username: "acme-bot", passwordSecretRef: "registry-password" }]);
    expect(configuration.secrets).toEqual([
      { name: "database-url", keyVaultUrl: "https://kv.vault.azure.net/secrets/database-url", identity: "/identities/web" },
      { name: "registry-password", keyVaultUrl: "https://kv.vault.azure.net/secrets/registry-password/0123", identity: "/identities/web" },
    ]);
    expect(configuration.identitySettings).toEqual([{ identity: "/identities/web", lifecycle: "None" }]);
  });

  it("GIVEN no registry WHEN created THEN the app has no registries (an anonymous pull)", async () => {
    const api = new ContainerAppService("anon", BASE);
    await promiseOf(api.appId);
    expect((await snapshotGraph(mocked.graph)).byName("anon-app").inputs.configuration).not.toHaveProperty("registries");
  });
});
