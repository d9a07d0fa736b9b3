/**
 * Ctrl-C and CI cancels against real processes: `node bin/asc.js deploy` against the fake pulumi, which records
 * every signal it receives. A terminal Ctrl-C signals the whole foreground process group (asc is spawned detached
 * here, so it leads a group like a shell job); a CI cancel signals asc alone (GitHub Actions sends SIGINT, then
 * SIGTERM). pulumi must run in a group of its own and get exactly one SIGINT: the real CLI treats a second one as
 * "terminate immediately" (pkg/backend/cancellation_scope.go). Needs `node scripts/build.mjs`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { awsStackOutputs, fakePulumiWorld, type FakePulumiWorld } from "../helpers/fake-pulumi/world.js";
import { REPO_ROOT } from "../helpers/cli.js";
import { startFakeSts, type FakeSts } from "../helpers/fake-cloud/fake-sts.js";

const V1 = { api: "ghcr.io/acme/api:v1", web: "ghcr.io/acme/web:v1" };
const V2 = { api: "ghcr.io/acme/api:v2", web: "ghcr.io/acme/web:v2" };
// validate proves the AWS credential (STS GetCallerIdentity) before any change: aws:endpoints points it at a fake STS.
let sts: FakeSts;
beforeAll(async () => {
  sts = await startFakeSts();
});
afterAll(async () => sts.close());
const devProfile = () => `config:
  aws:endpoints:
    - sts: ${sts.url}
  asc:cloud: aws
  asc:tier: dev
  asc:region: eu-west-1
  asc:name: app
  asc:images:
    api: ${V2.api}
    web: ${V2.web}
  asc:devOverrides:
    httpOnly: true
`;

interface Launched {
  readonly world: FakePulumiWorld;
  readonly child: ChildProcess;
  readonly signalsFile: string;
  readonly output: { stdout: string; stderr: string };
  readonly exited: Promise<number | null>;
}

function launch(env: Record<string, string> = {}): Launched {
  const world = fakePulumiWorld({ "aws-dev": devProfile() });
  world.seedStack("aws-dev", awsStackOutputs({ release: V1 }));
  const signalsFile = path.join(world.state, "signals.log");
  const child = spawn(process.execPath, [path.join(REPO_ROOT, "bin/asc.js"), "deploy", "--profile", "aws-dev", "--json"], {
    cwd: world.root,
    env: { ...world.env, HOME: world.root, ASC_OPENAI_API_KEY: "sk-test-openai-KNOWN-0001", AWS_ACCESS_KEY_ID: "AKIASIGNALTEST", AWS_SECRET_ACCESS_KEY: "signal-test-secret", FAKE_PULUMI_HANG: "up", FAKE_PULUMI_SIGNALS: signalsFile, ...env },
    // Its own process group, as a shell puts a foreground job: kill(-pid) is what the terminal's Ctrl-C does.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = { stdout: "", stderr: "" };
  child.stdout!.setEncoding("utf8").on("data", (s: string) => (output.stdout += s));
  child.stderr!.setEncoding("utf8").on("data", (s: string) => (output.stderr += s));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { world, child, signalsFile, output, exited };
}

type SignalLine = { signal?: string; ready?: string; pid: number; command?: string };
const lines = (file: string): SignalLine[] => (existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as SignalLine) : []);
const received = (file: string) => lines(file).filter((l) => l.signal);

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 20000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The process group of a pid, from /proc/<pid>/stat (field 5). */
const pgidOf = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "").split(" ")[2]);

const waitForHangingUp = (l: Launched) => until("pulumi up to hang", () => lines(l.signalsFile).find((x) => x.ready === "up"));

function expectCancelledReport(l: Launched) {
  const reports = l.world.reports();
  expect(reports).toHaveLength(1);
  expect(reports[0].json).toMatchObject({ status: "cancelled", exitCode: 130 });
  expect(reports[0].json.phases.map((p: { name: string; result: string }) => `${p.name}:${p.result}`)).toEqual(["validate:succeeded", "provision:cancelled", "migrate:skipped", "release:skipped", "verify:skipped"]);
  // One up, cancelled; nothing after it.
  expect(l.world.commands().filter((c) => c === "up")).toHaveLength(1);
}

describe("asc deploy: Ctrl-C cancels pulumi, never kills it (real processes, real signals)", () => {
  it("GIVEN pulumi up running WHEN the terminal's Ctrl-C signals asc's whole process group THEN pulumi (in a group of its own) gets exactly one SIGINT, cancels, and asc reports cancelled, exit 130", async () => {
    const l = launch();
    try {
      const ready = await waitForHangingUp(l);
      expect(pgidOf(ready.pid)).toBe(ready.pid);
      expect(pgidOf(ready.pid)).not.toBe(l.child.pid);
      process.kill(-l.child.pid!, "SIGINT");
      expect(await l.exited).toBe(130);
      expect(received(l.signalsFile).map((s) => `${s.signal}:${s.command}`)).toEqual(["SIGINT:up"]);
      expect(l.output.stderr).toContain("SIGINT received: cancelling");
      expectCancelledReport(l);
    } finally {
      if (l.child.exitCode === null) process.kill(-l.child.pid!, "SIGKILL");
    }
  });

  it("GIVEN pulumi up running WHEN CI cancels with SIGTERM to asc alone THEN pulumi gets exactly one SIGINT (not SIGTERM), cancels, exit 130", async () => {
    const l = launch();
    try {
      await waitForHangingUp(l);
      process.kill(l.child.pid!, "SIGTERM");
      expect(await l.exited).toBe(130);
      expect(received(l.signalsFile).map((s) => s.signal)).toEqual(["SIGINT"]);
      expectCancelledReport(l);
    } finally {
      if (l.child.exitCode === null) process.kill(-l.child.pid!, "SIGKILL");
    }
  });

  it("GIVEN pulumi up running WHEN SIGINT goes to asc alone THEN pulumi gets exactly one SIGINT, exit 130", async () => {
    const l = launch();
    try {
      await waitForHangingUp(l);
      process.kill(l.child.pid!, "SIGINT");
      expect(await l.exited).toBe(130);
      expect(received(l.signalsFile).map((s) => s.signal)).toEqual(["SIGINT"]);
      expectCancelledReport(l);
    } finally {
      if (l.child.exitCode === null) process.kill(-l.child.pid!, "SIGKILL");
    }
  });

  it("GIVEN a cancel that takes long WHEN Ctrl-C is pressed again THEN asc says it terminates pulumi and how to recover, then pulumi gets its second SIGINT and ends; the report still says cancelled, exit 130", async () => {
    const l = launch({ FAKE_PULUMI_CANCEL_MS: "15000" });
    try {
      await waitForHangingUp(l);
      process.kill(-l.child.pid!, "SIGINT");
      await until("the first SIGINT", () => (received(l.signalsFile).length === 1 ? true : undefined));
      // The cancel is under way: pulumi is still running and asc has not terminated it.
      await new Promise((r) => setTimeout(r, 300));
      expect(l.child.exitCode).toBeNull();
      expect(l.output.stderr).not.toContain("terminating pulumi");
      process.kill(-l.child.pid!, "SIGINT");
      expect(await l.exited).toBe(130);
      expect(received(l.signalsFile).map((s) => s.signal)).toEqual(["SIGINT", "SIGINT"]);
      expect(l.output.stderr).toMatch(/second interrupt: terminating pulumi up \(pid \d+\) immediately/);
      expect(l.output.stderr).toContain("Operations in flight may be left pending");
      expect(l.output.stderr).toContain("pulumi cancel --stack aws-dev --yes");
      expect(l.output.stderr).toContain("pulumi stack export --stack aws-dev");
      expect(l.output.stderr).toContain("pulumi stack import --stack aws-dev");
      expectCancelledReport(l);
    } finally {
      if (l.child.exitCode === null) process.kill(-l.child.pid!, "SIGKILL");
    }
  });
});
