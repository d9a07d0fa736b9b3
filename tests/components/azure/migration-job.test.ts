import * as pulumi from "@pulumi/pulumi";
import { MIGRATION_JOB_TYPE, MigrationJob, resolveMigrationJobArgs, type MigrationJobArgs } from "../../../src/components/azure/migration-job.js";
import { snapshotGraph } from "../../helpers/graph-snapshot.js";
import { promiseOf, usePulumiMocks } from "../../helpers/pulumi.js";

const mocked = usePulumiMocks({ region: "westeurope" });

/** Stands in for an identity's role assignment: any resource the workload must wait for. */
class RoleAssignmentStandIn extends pulumi.CustomResource {
  constructor(name: string) {
    super("test:index:RoleAssignment", name, {});
  }
}
const IDENTITY = "/identities/migrate";
const BASE: MigrationJobArgs = {
  resourceGroupName: "rg",
  location: "westeurope",
  environmentId: "/environments/env",
  jobName: "asc-prod-migrate",
  image: "ghcr.io/acme/api@sha256:abc",
  command: ["alembic", "-c", "alembic.ini", "upgrade", "heads"],
  cpu: 1,
  memory: "2Gi",
  environment: [
    { name: "ENVIRONMENT", source: "literal", value: "production" },
    { name: "DATABASE_URL", source: "secret", ref: { store: "azure-key-vault", secretUri: "https://kv.vault.azure.net/secrets/database-url", secretName: "database-url" } },
  ],
  identityId: IDENTITY,
  timeoutSeconds: 900,
  retryLimit: 1,
  tags: { project: "asc" },
};

describe("resolveMigrationJobArgs", () => {
  it("GIVEN no retry limit WHEN resolved THEN failed runs are not retried", () => {
    expect(resolveMigrationJobArgs({ ...BASE, retryLimit: undefined })).toMatchObject({ retryLimit: 0, accessGrants: [] });
  });

  it.each<[Partial<MigrationJobArgs>, string]>([
    [{ jobName: "Migrate!" }, 'MigrationJob jobName: "Migrate!" is not a job name; allowed: 2-32 lowercase letters, digits and single hyphens, starting with a letter.'],
    [{ command: [] }, 'MigrationJob command: [] is not a command; pass the program and its arguments, e.g. ["alembic", "upgrade", "head"].'],
    [{ timeoutSeconds: 0 }, "MigrationJob timeoutSeconds: 0 is not a whole number of seconds of 1 or more."],
    [{ retryLimit: -1 }, "MigrationJob retryLimit: -1 is not a whole number of 0 or more."],
  ])("GIVEN %j WHEN resolved THEN it throws the exact message", (overrides, message) => {
    expect(() => resolveMigrationJobArgs({ ...BASE, ...overrides })).toThrow(message);
  });
});

describe("MigrationJob", () => {
  it("GIVEN the job WHEN created THEN it is a manual single-run job with the migration command, the contract as env and Key Vault references, its identity, and it waits for the grants", async () => {
    const grant = new RoleAssignmentStandIn("migrate-grant");
    const job = new MigrationJob("m", { ...BASE, accessGrants: [grant] });
    const [urn, grantUrn, name, rg] = await Promise.all([promiseOf(job.urn), promiseOf(grant.urn), promiseOf(job.jobName), promiseOf(job.resourceGroupName)]);
    const graph = await snapshotGraph(mocked.graph);
    const resource = graph.byName("m-job");
    expect(graph.byName("m").type).toBe(MIGRATION_JOB_TYPE);
    expect(resource).toMatchObject({ type: "azure-native:app:Job", parent: urn });
    expect(resource.dependencies).toContain(grantUrn);
    expect(resource.inputs).toEqual({
      resourceGroupName: "rg",
      location: "westeurope",
      jobName: "asc-prod-migrate",
      environmentId: "/environments/env",
      workloadProfileName: "Consumption",
      identity: { type: "UserAssigned", userAssignedIdentities: [IDENTITY] },
      configuration: {
        identitySettings: [{ identity: IDENTITY, lifecycle: "Main" }],
        triggerType: "Manual",
        manualTriggerConfig: { parallelism: 1, replicaCompletionCount: 1 },
        replicaTimeout: 900,
        replicaRetryLimit: 1,
        secrets: [{ name: "database-url", keyVaultUrl: "https://kv.vault.azure.net/secrets/database-url", identity: IDENTITY }],
      },
      template: {
        containers: [
          {
            name: "migrate",
            image: "ghcr.io/acme/api@sha256:abc",
            command: ["alembic", "-c", "alembic.ini", "upgrade", "heads"],
            env: [{ name: "ENVIRONMENT", value: "production" }, { name: "DATABASE_URL", secretRef: "database-url" }],
            resources: { cpu: 1, memory: "2Gi" },
          },
        ],
      },
      tags: { project: "asc", "asc-service": "migrate" },
    });
    expect([name, rg]).toEqual(["asc-prod-migrate", "rg"]);
  });
});

describe("MigrationJob registry", () => {
  it("GIVEN an ACR WHEN created THEN the job pulls with its own identity and adds no secret", async () => {
    const registry = { access: { kind: "identity" as const, server: "acmeprod.azurecr.io", registryId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acmeprod" } };
    const job = new MigrationJob("acr", { ...BASE, image: "acmeprod.azurecr.io/api@sha256:abc", registry });
    await promiseOf(job.jobId);
    const configuration = (await snapshotGraph(mocked.graph)).byName("acr-job").inputs.configuration as Record<string, unknown>;
    expect(configuration.registries).toEqual([{ server: "acmeprod.azurecr.io", identity: IDENTITY }]);
    expect(configuration.secrets).toEqual([{ name: "database-url", keyVaultUrl: "https://kv.vault.azure.net/secrets/database-url", identity: IDENTITY }]);
  });
});
