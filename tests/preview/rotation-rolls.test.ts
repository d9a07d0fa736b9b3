/**
 * A rotation changes exactly what reads the rotated secret. Two offline plans of aws-production, one with
 * asc:secrets.rotation.databasePassword bumped: the mocks regenerate a random value when its keepers change and
 * give each stored value its own Secrets Manager version id (as the real services do), and task definitions
 * reference versions (`<arn>:::<version-id>`), so the diff of non-secret inputs is the password's random resource
 * and the task definitions of the api, the worker and the migration (and the services moving to them): not the web.
 */
import { runAsc } from "../helpers/cli.js";
import type { PlanV1 } from "../../src/preview/plan.js";

async function plan(profile: string, sets: string[] = []): Promise<PlanV1> {
  const result = await runAsc(["preview", "--profile", profile, "--offline", "--json", ...sets.flatMap((s) => ["--set", s])]);
  expect(result.stderr).toBe("");
  return JSON.parse(result.stdout) as PlanV1;
}

function changed(before: PlanV1, after: PlanV1): string[] {
  const old = new Map(before.resources.map((r) => [r.urn, JSON.stringify(r.inputs)]));
  return after.resources.filter((r) => old.get(r.urn) !== JSON.stringify(r.inputs)).map((r) => r.name).sort();
}

/** aws-production as shipped, planned once for the tests that compare against it. */
let awsBaseline: Promise<PlanV1> | undefined;
const awsProduction = (): Promise<PlanV1> => (awsBaseline ??= plan("aws-production"));

describe("asc secrets rotate rolls exactly what reads the secret", () => {
  it("GIVEN databasePassword's epoch bumped on AWS THEN only its random value, the api, worker and migration task definitions and the two services on them change", async () => {
    // One after the other: an offline preview sets the process-wide Pulumi mocks.
    const before = await awsProduction();
    const after = await plan("aws-production", ["secrets.rotation.databasePassword=1"]);
    // The services change only to the new task definition revision: that is the roll, and the web has none.
    expect(changed(before, after)).toEqual(["asc-prod-api-service", "asc-prod-api-task-definition", "asc-prod-db-password", "asc-prod-migrate-task-definition", "asc-prod-worker-service", "asc-prod-worker-task-definition"]);
    // The change in a task definition is the DATABASE_URL reference's version, nothing else.
    const secretsOf = (p: PlanV1, name: string) => JSON.parse(String(p.resources.find((r) => r.name === name)!.inputs.containerDefinitions))[0].secrets as { name: string; valueFrom: string }[];
    const old = new Map(secretsOf(before, "asc-prod-api-task-definition").map((s) => [s.name, s.valueFrom]));
    const diff = secretsOf(after, "asc-prod-api-task-definition").filter((s) => s.valueFrom !== old.get(s.name));
    expect(diff.map((s) => s.name)).toEqual(["DATABASE_URL"]);
    expect(diff[0].valueFrom).toMatch(/^arn:aws:secretsmanager:[^:]+:\d+:secret:[^:]+:::[0-9a-f-]{36}$/);
  });

  it("GIVEN no rotation THEN two plans of the same profile are identical (the version ids are stable)", async () => {
    const a = await awsProduction();
    const b = await plan("aws-production");
    expect(changed(a, b)).toEqual([]);
  });

  it("GIVEN databasePassword's epoch bumped on Azure THEN only the apps and the job that reference DATABASE_URL change, through its versioned Key Vault URI", async () => {
    const before = await plan("azure-production");
    const after = await plan("azure-production", ["secrets.rotation.databasePassword=1"]);
    const kinds = new Set(["azure-native:app:ContainerApp", "azure-native:app:Job"]);
    const workloads = changed(before, after).filter((n) => kinds.has(after.resources.find((r) => r.name === n)!.type));
    expect(workloads).toEqual(["asc-prod-api-app", "asc-prod-migrate-job", "asc-prod-worker-app"].sort());
    const uriOf = (p: PlanV1) => JSON.stringify(p.resources.find((r) => r.name === "asc-prod-api-app")!.inputs).match(/https:\/\/[^"]+\/secrets\/database-url\/[0-9a-f]{32}/)?.[0];
    expect(uriOf(before)).toBeDefined();
    expect(uriOf(after)).not.toBe(uriOf(before));
  });
});
