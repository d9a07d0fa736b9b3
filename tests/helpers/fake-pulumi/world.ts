/**
 * A throwaway asc project wired to the fake `pulumi` (bin/pulumi here): a temp project with profiles, a state
 * folder, the argv log, a file:// backend and a passphrase. Tests run asc in-process against it and read back
 * what was called.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SECRET_VARIABLES } from "../../../src/contract/types.js";
import type { CliContext } from "../../../src/cli/context.js";
import { run } from "../../../src/cli/main.js";
import { startFakeEngineServer, type FakeEngineServer } from "./engine-server.mjs";
import { writeStackState } from "./stack-state.mjs";
import { testTempDir } from "../temp-dir.js";

export const FAKE_PULUMI_ROOT = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(FAKE_PULUMI_ROOT, "../../..");

export const DIGEST_A = `sha256:${"a".repeat(64)}`;
export const DIGEST_B = `sha256:${"b".repeat(64)}`;

export interface Invocation {
  readonly argv: string[];
  readonly cwd: string;
  readonly passphrase: boolean;
  readonly backend: string | null;
}

export interface AscRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface FakePulumiWorld {
  readonly root: string;
  readonly state: string;
  readonly reportDir: string;
  /** Env for asc (and, through the Automation API, for the fake): PATH with the fake first, backend, passphrase, log. */
  readonly env: Record<string, string>;
  /** Every call the fake received, in order. */
  invocations(): Invocation[];
  /** The command of each call: "version", "stack select", "config", "up", "stack output", … */
  commands(): string[];
  /** The --message of each `up`, in order. */
  upMessages(): string[];
  /** A stack that exists with these outputs (secretOutputs: paths masked as "[secret]": "key", or "key.nested" inside one). */
  seedStack(stack: string, outputs: Record<string, unknown>, secretOutputs?: string[]): void;
  /**
   * The stack's earlier updates, oldest first, as the backend would have recorded them (versions from 1, one hour
   * apart, in updateInfoJSON's shape); the stack must have been seeded.
   */
  seedHistory(stack: string, updates: readonly { message: string; result?: "succeeded" | "failed"; kind?: string }[]): void;
  /** The outputs the stack holds after each successful `up`. */
  setUpOutputs(outputs: Record<string, unknown>, secretOutputs?: string[]): void;
  reports(): { json: Record<string, any>; markdown: string; files: string[] }[];
  run(argv: readonly string[], options?: { env?: Record<string, string | undefined>; signal?: AbortSignal; prompt?: (q: string) => Promise<string>; services?: CliContext["services"]; onStdout?: (chunk: string) => void; isTTY?: boolean }): Promise<AscRun>;
}

/**
 * The test file's fake engine server (engine-server.mjs), started with its first world and closed when the file ends
 * (per-file-cleanup.cjs runs what is in globalThis.__ascAfterFile).
 */
let engine: Promise<FakeEngineServer> | undefined;
function fakeEngine() {
  engine ??= startFakeEngineServer().then((started) => {
    const g = globalThis as { __ascAfterFile?: (() => Promise<void>)[] };
    (g.__ascAfterFile ??= []).push(() => started.close());
    return started;
  });
  return engine;
}

const commandOf = (argv: string[]) => (argv[0] === "stack" ? `stack ${argv[1]}` : argv[0]);

export function fakePulumiWorld(profiles: Record<string, string>): FakePulumiWorld {
  const root = testTempDir("asc-deploy-");
  writeFileSync(path.join(root, "Pulumi.yaml"), readFileSync(path.join(REPO_ROOT, "Pulumi.yaml")));
  mkdirSync(path.join(root, "stacks"));
  for (const [name, text] of Object.entries(profiles)) writeFileSync(path.join(root, "stacks", `Pulumi.${name}.yaml`), text);
  const state = path.join(root, ".fake-pulumi");
  mkdirSync(path.join(state, "stacks"), { recursive: true });
  const log = path.join(state, "argv.log");
  const upOutputs = path.join(state, "up-outputs.json");
  const reportDir = path.join(root, "var", "reports");
  const env: Record<string, string> = {
    PATH: `${path.join(FAKE_PULUMI_ROOT, "bin")}${path.delimiter}${process.env.PATH ?? ""}`,
    PULUMI_BACKEND_URL: `file://${path.join(root, ".backend")}`,
    PULUMI_CONFIG_PASSPHRASE: "correct-horse-battery-staple",
    FAKE_PULUMI_STATE: state,
    FAKE_PULUMI_LOG: log,
    USER: "tester",
  };
  const invocations = (): Invocation[] => (existsSync(log) ? readFileSync(log, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Invocation) : []);
  return {
    root,
    state,
    reportDir,
    env,
    invocations,
    commands: () => invocations().map((i) => commandOf(i.argv)),
    upMessages: () => invocations().filter((i) => i.argv[0] === "up").map((i) => i.argv[i.argv.indexOf("--message") + 1]),
    seedStack(stack, outputs, secretOutputs = []) {
      writeStackState(path.join(state, "stacks", `${stack}.json`), { outputs, secretOutputs, history: [] });
    },
    seedHistory(stack, updates) {
      const file = path.join(state, "stacks", `${stack}.json`);
      const current = JSON.parse(readFileSync(file, "utf8")) as { outputs: Record<string, unknown>; secretOutputs: string[] };
      const history = updates.map((u, i) => {
        const at = new Date(Date.UTC(2026, 10, 1, i)).toISOString();
        return { version: i + 1, kind: u.kind ?? "update", startTime: at, message: u.message, environment: { "exec.kind": "auto.inline" }, config: {}, result: u.result ?? "succeeded", endTime: at, resourceChanges: { update: 2, same: 40 } };
      }).reverse();
      writeStackState(file, { ...current, history });
    },
    setUpOutputs(outputs, secretOutputs = []) {
      writeFileSync(upOutputs, JSON.stringify({ outputs, secretOutputs }));
      env.FAKE_PULUMI_UP_OUTPUTS = upOutputs;
    },
    reports() {
      if (!existsSync(reportDir)) return [];
      const files = readdirSync(reportDir).sort();
      return files.filter((f) => f.endsWith(".json")).map((f) => ({
        json: JSON.parse(readFileSync(path.join(reportDir, f), "utf8")),
        markdown: existsSync(path.join(reportDir, f.replace(/\.json$/, ".md"))) ? readFileSync(path.join(reportDir, f.replace(/\.json$/, ".md")), "utf8") : "",
        files,
      }));
    },
    async run(argv, options = {}) {
      env.FAKE_PULUMI_ENGINE ??= (await fakeEngine()).address;
      let stdout = "";
      let stderr = "";
      const code = await run(argv, {
        cwd: root,
        env: { ...env, ...options.env },
        stdout: { write: (s: string) => { stdout += s; options.onStdout?.(s); return true; }, isTTY: options.isTTY ?? false },
        stderr: { write: (s: string) => (stderr += s) },
        now: () => new Date(),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.prompt ? { prompt: options.prompt } : {}),
        ...(options.services ? { services: options.services } : {}),
      });
      return { code, stdout, stderr };
    },
  };
}

/**
 * Stack outputs as the blueprint writes them for an AWS stack, with the health endpoints at `baseUrl`. The migration
 * task definition's revision defaults to 7 (a stack whose migration moved to a new image has another revision).
 */
export function awsStackOutputs(options: { baseUrl?: string; release?: { api: string; web: string }; taskRevision?: number } = {}): Record<string, unknown> {
  const base = options.baseUrl ?? "https://app.example.com";
  const arn = (name: string) => `arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/${name}-AbCdEf`;
  return {
    version: 1,
    cloud: "aws",
    tier: "dev",
    urls: { web: base, api: base },
    health: [{ service: "api", url: `${base}/health` }, { service: "api", url: `${base}/health/ready` }, { service: "web", url: `${base}/api/health/ready` }],
    contract: {
      outputs: { webUrl: base, apiHost: new URL(base).host, apiBaseUrl: base, keysetSecretName: "app/auth-keyset", signingSecretArn: arn("signing"), bucketName: "app-storage-123" },
      secrets: Object.fromEntries(SECRET_VARIABLES.map((v) => [v, { store: "aws-secrets-manager", arn: arn(v.toLowerCase()) }])),
    },
    migration: {
      cloud: "aws",
      region: "eu-west-1",
      clusterArn: "arn:aws:ecs:eu-west-1:123456789012:cluster/app",
      taskDefinitionArn: `arn:aws:ecs:eu-west-1:123456789012:task-definition/app-migrate:${options.taskRevision ?? 7}`,
      containerName: "migrate",
      subnetIds: ["subnet-1", "subnet-2"],
      securityGroupIds: ["sg-1"],
      logGroupName: "/asc/app/migrate",
      logStreamPrefix: "migrate",
    },
    services: { api: "app-api", web: "app-web" },
    ...(options.release ? { release: { services: options.release, migration: options.release.api } } : {}),
  };
}
