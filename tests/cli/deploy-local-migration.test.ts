/**
 * `asc deploy --migration-runner local` on a dev profile, end to end: the fake `pulumi` for the stack updates, the
 * real local runner, and a real Postgres. A migration that creates tables succeeds and is recorded in the report; a
 * failing one exits 5 and the services are not released (no second `pulumi up`).
 */
import path from "node:path";
import { fakeServices } from "../helpers/fake-pulumi/fake-services.js";
import { awsStackOutputs, fakePulumiWorld, type FakePulumiWorld } from "../helpers/fake-pulumi/world.js";
import { REPO_ROOT } from "../helpers/cli.js";
import { startPostgres, type TestPostgres } from "../helpers/postgres.js";

const V1 = { api: "ghcr.io/acme/api:v1", web: "ghcr.io/acme/web:v1" };
const V2 = { api: "ghcr.io/acme/api:v2", web: "ghcr.io/acme/web:v2" };
const fixture = (name: string) => path.join(REPO_ROOT, "tests/fixtures/migrations", name);
const devProfile = (migration: string) => `config:
  asc:cloud: aws
  asc:tier: dev
  asc:region: eu-west-1
  asc:name: app
  asc:images: { api: ${V2.api}, web: ${V2.web} }
  asc:devOverrides: { httpOnly: true }
  asc:migrations: { command: [node, ${JSON.stringify(fixture(migration))}] }
`;

let pg: TestPostgres;
beforeAll(async () => {
  pg = await startPostgres();
}, 60_000);
afterAll(async () => {
  await pg?.stop();
});

function world(migration: string): FakePulumiWorld {
  const w = fakePulumiWorld({ "aws-dev": devProfile(migration) });
  w.seedStack("aws-dev", awsStackOutputs({ release: V1 }));
  w.setUpOutputs(awsStackOutputs({ release: V2, taskRevision: 8 }));
  return w;
}

async function deployLocally(w: FakePulumiWorld, databaseUrl: string) {
  const { services } = fakeServices({ upCount: () => w.commands().filter((c) => c === "up").length });
  const { migrationRunner: _platformFake, ...rest } = services;
  return w.run(["deploy", "--profile", "aws-dev", "--image", `api=${V2.api}`, "--image", `web=${V2.web}`, "--migration-runner", "local"], { env: { ASC_OPENAI_API_KEY: "sk-test-openai-KNOWN-0007", DATABASE_URL: databaseUrl }, services: rest });
}

describe("asc deploy with a local migration against a real Postgres", () => {
  it("GIVEN a migration that creates tables THEN the tables exist, the run is recorded and the services are released (exit 0)", async () => {
    const databaseUrl = await pg.createDatabase("release_ok");
    const w = world("create-tables.mjs");
    const result = await deployLocally(w, databaseUrl);
    expect(result.code).toBe(0);
    expect(w.commands().filter((c) => c === "up")).toHaveLength(2);
    const [report] = w.reports();
    expect(report.json.migration).toMatchObject({ status: "succeeded", exitCode: 0 });
    expect(report.json.migration.logTail).toContain("INFO  [migrate] Running upgrade  -> 0001_create_tenants");
    expect(report.json.phases.map((p: { name: string; result: string }) => `${p.name}:${p.result}`)).toEqual(["validate:succeeded", "provision:succeeded", "migrate:succeeded", "release:succeeded", "verify:succeeded"]);
    const rows = await pg.query("SELECT version FROM migration_version", [], "release_ok");
    expect(rows).toEqual([{ version: "0001_create_tenants" }]);
    expect(JSON.stringify(report.json)).not.toContain(pg.password);
  });

  it("GIVEN a failing migration THEN exit 5, the database error is in the report, and the services are not released", async () => {
    const databaseUrl = await pg.createDatabase("release_fails");
    const w = world("failing.mjs");
    const result = await deployLocally(w, databaseUrl);
    expect(result.code).toBe(5);
    expect(w.commands().filter((c) => c === "up")).toHaveLength(1);
    const [report] = w.reports();
    expect(report.json.status).toBe("failed");
    expect(report.json.migration).toMatchObject({ status: "failed", exitCode: 3 });
    expect(report.json.migration.logTail).toContain('ERROR [migrate] relation "missing_table" does not exist');
    expect(report.json.phases.map((p: { name: string; result: string }) => `${p.name}:${p.result}`)).toEqual(["validate:succeeded", "provision:succeeded", "migrate:failed", "release:skipped", "verify:skipped"]);
    expect(result.stdout + result.stderr + report.markdown).not.toContain(pg.password);
  });

  it("GIVEN a staging profile THEN a local migration is refused before anything runs (exit 2)", async () => {
    const w = fakePulumiWorld({ "aws-staging": devProfile("create-tables.mjs").replace("asc:tier: dev", "asc:tier: staging").replace("asc:devOverrides: { httpOnly: true }", 'asc:domain: { web: app.example.com, api: api.example.com, certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/7a6b5c4d-3e2f-1a0b-9c8d-7e6f5a4b3c2d" }') });
    const result = await w.run(["deploy", "--profile", "aws-staging", "--migration-runner", "local"], { env: { ASC_OPENAI_API_KEY: "sk-x" } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--migration-runner: a staging database is private: migrations run inside the network");
    expect(w.invocations()).toEqual([]);
  });
});
