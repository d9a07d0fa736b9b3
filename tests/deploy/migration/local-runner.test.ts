import path from "node:path";
import { fileURLToPath } from "node:url";
import { LocalCommandMigrationRunner, resolveLocalMigrationEnv } from "../../../src/deploy/migration/local-runner.js";
import type { EnvEntry } from "../../../src/contract/types.js";
import type { LocalMigrationTarget, MigrationRequest } from "../../../src/deploy/types.js";
import { startPostgres, type TestPostgres } from "../../helpers/postgres.js";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const fixture = (name: string) => [process.execPath, `tests/fixtures/migrations/${name}`];
const SECRET_KEY = "sk-live-4f9a8b7c6d5e4f3a2b1c";

const CONTRACT: EnvEntry<string>[] = [
  { name: "ENVIRONMENT", source: "literal", value: "development" },
  { name: "APP_PUBLIC_URL", source: "output", value: "http://localhost:3000" },
  { name: "DATABASE_URL", source: "secret", ref: { store: "aws-secrets-manager", arn: "arn:aws:secretsmanager:eu-west-1:1:secret:db" } },
  { name: "SECRET_KEY", source: "secret", ref: { store: "aws-secrets-manager", arn: "arn:aws:secretsmanager:eu-west-1:1:secret:key" } },
];

describe("LocalCommandMigrationRunner against a real Postgres", () => {
  let pg: TestPostgres;
  let databases = 0;
  beforeAll(async () => {
    pg = await startPostgres();
  });
  afterAll(async () => {
    await pg?.stop();
  });

  /** A fresh database per test, so tests never see each other's tables. */
  async function request(command: string[], overrides: Partial<MigrationRequest> = {}, extraEnv: Record<string, string> = {}) {
    databases += 1;
    const database = `app_${databases}`;
    const databaseUrl = await pg.createDatabase(database);
    const target: LocalMigrationTarget = { cloud: "local", cwd: REPO_ROOT, env: { DATABASE_URL: databaseUrl, SECRET_KEY, ...extraEnv } };
    const req: MigrationRequest = { runId: `run-${databases}`, image: "api:dev", command, env: CONTRACT, target, timeoutSeconds: 30, ...overrides };
    return { req, database, databaseUrl };
  }

  it("GIVEN a migration that creates tables WHEN it runs THEN it succeeds with exit code 0, the tables exist, the combined output is the tail and the run is timed", async () => {
    const { req, database } = await request(fixture("create-tables.mjs"));

    const result = await new LocalCommandMigrationRunner().run(req, new AbortController().signal);

    expect(result).toMatchObject({ status: "succeeded", exitCode: 0 });
    expect(result.reason).toBeUndefined();
    // stdout and stderr are two pipes: the order within each is kept, but not across them (the stderr line can land
    // after "done" on a loaded machine), so only the stdout lines' relative order is asserted.
    expect([...result.logTail].sort()).toEqual([
      "INFO  [migrate] Running upgrade  -> 0001_create_tenants",
      "INFO  [migrate] done",
      "INFO  [migrate] environment development, public URL http://localhost:3000",
    ]);
    expect(result.logTail.filter((line) => !line.includes("environment"))).toEqual(["INFO  [migrate] Running upgrade  -> 0001_create_tenants", "INFO  [migrate] done"]);
    const tables = await pg.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name", [], database);
    expect(tables.map((t) => t.table_name)).toEqual(["migration_version", "tenant_members", "tenants"]);
    expect(await pg.query("SELECT version FROM migration_version", [], database)).toEqual([{ version: "0001_create_tenants" }]);
    expect(Date.parse(result.endedAt) - Date.parse(result.startedAt)).toBe(result.durationMs);
    expect(new Date(result.startedAt).toISOString()).toBe(result.startedAt);
    expect(result.durationMs).toBeGreaterThan(0);
    expect(result.runRef).toMatch(/^[1-9][0-9]*$/);
  });

  it("GIVEN a migration whose SQL fails WHEN it runs THEN the status is failed with its exit code and the database error in the tail", async () => {
    const { req } = await request(fixture("failing.mjs"));

    const result = await new LocalCommandMigrationRunner().run(req, new AbortController().signal);

    expect(result).toMatchObject({ status: "failed", exitCode: 3, reason: "exited with code 3" });
    expect(result.logTail).toEqual(["INFO  [migrate] Running upgrade 0001 -> 0002_add_plan", 'ERROR [migrate] relation "missing_table" does not exist']);
  });

  it("GIVEN a migration that hangs in the database WHEN the signal aborts THEN the process is stopped and the status is cancelled", async () => {
    const { req, database } = await request(fixture("hanging.mjs"));
    const controller = new AbortController();

    const running = new LocalCommandMigrationRunner().run(req, controller.signal);
    await waitFor(async () => (await pg.query("SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'SELECT pg_sleep%'", [database])).length === 1);
    controller.abort();
    const result = await running;

    expect(result).toMatchObject({ status: "cancelled", reason: "cancelled; the process was stopped with SIGTERM" });
    expect(result.exitCode).toBeUndefined();
    expect(result.logTail).toEqual(["INFO  [migrate] waiting for the migration lock"]);
  });

  it("GIVEN a migration that hangs WHEN its timeout passes THEN the status is timed-out", async () => {
    const { req } = await request(fixture("hanging.mjs"), { timeoutSeconds: 0.5 });

    const result = await new LocalCommandMigrationRunner().run(req, new AbortController().signal);

    expect(result).toMatchObject({ status: "timed-out", reason: "timed out after 0.5 s; the process was stopped with SIGTERM" });
    expect(result.durationMs).toBeGreaterThanOrEqual(500);
  });

  it("GIVEN a migration that prints its secrets THEN known secret values and URL passwords are redacted from the tail", async () => {
    const { req, databaseUrl } = await request(fixture("prints-secrets.mjs"), {}, { CACHE_URL: "rediss://:cache-pass-123@cache.internal:6380/0" });

    const result = await new LocalCommandMigrationRunner().run(req, new AbortController().signal);

    expect(result.status).toBe("succeeded");
    expect(result.logTail).toEqual(["connecting to [redacted]", "using SECRET_KEY=[redacted]", "cache at rediss://:[redacted]@cache.internal:6380/0", "done"]);
    expect(result.logTail.join("\n")).not.toContain(pg.password);
    expect(databaseUrl).toContain(pg.password);
  });

  it("GIVEN no DATABASE_URL in the local env THEN nothing runs and the reason names the variable", async () => {
    const { req } = await request(fixture("create-tables.mjs"));
    const target: LocalMigrationTarget = { cloud: "local", cwd: REPO_ROOT, env: { SECRET_KEY } };

    const result = await new LocalCommandMigrationRunner().run({ ...req, target }, new AbortController().signal);

    expect(result).toMatchObject({ status: "failed", reason: "secrets cannot be resolved locally: set DATABASE_URL in the local target's env", logTail: [] });
    expect(result.runRef).toBeUndefined();
  });

  it("GIVEN a command that does not exist THEN the status is failed with the spawn error and no exit code", async () => {
    const { req } = await request(["asc-no-such-migrate-command"]);

    const result = await new LocalCommandMigrationRunner().run(req, new AbortController().signal);

    expect(result).toMatchObject({ status: "failed", reason: "spawn asc-no-such-migrate-command ENOENT" });
    expect(result.exitCode).toBeUndefined();
  });

  it("GIVEN an aborted signal THEN nothing runs and the status is cancelled", async () => {
    const { req } = await request(fixture("create-tables.mjs"));
    const controller = new AbortController();
    controller.abort();

    const result = await new LocalCommandMigrationRunner().run(req, controller.signal);

    expect(result).toMatchObject({ status: "cancelled", reason: "cancelled before the command was started", logTail: [] });
  });
});

describe("resolveLocalMigrationEnv", () => {
  it("GIVEN literal, output and secret entries THEN literals and outputs pass through, secrets come from the target, and the target wins", () => {
    const target: LocalMigrationTarget = { cloud: "local", cwd: "/app", env: { DATABASE_URL: "postgresql://u:p@h/db", ENVIRONMENT: "test" } };
    const req: MigrationRequest = { runId: "r", image: "i", command: ["x"], env: CONTRACT, target, timeoutSeconds: 1 };

    expect(resolveLocalMigrationEnv(req, target)).toEqual({
      env: { ENVIRONMENT: "test", APP_PUBLIC_URL: "http://localhost:3000", DATABASE_URL: "postgresql://u:p@h/db" },
      secretValues: ["postgresql://u:p@h/db"],
      missingSecrets: [],
      unsetSecrets: ["SECRET_KEY"],
    });
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
