/**
 * The fake pulumi against the real Automation API, as production runs it: the fake reports the CLI version the
 * runner image pins, so the SDK streams engine events over gRPC (`--event-log tcp://…`, automation/stack.js
 * setupEventLog, above 3.205.0), and `stack output` masks secrets nested inside an output the way the CLI does.
 */
import { execFile, execFileSync } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startFakeEngineServer, type FakeEngineServer } from "../../helpers/fake-pulumi/engine-server.mjs";
import { fakeServices } from "../../helpers/fake-pulumi/fake-services.js";
import { awsStackOutputs, FAKE_PULUMI_ROOT, fakePulumiWorld, type FakePulumiWorld } from "../../helpers/fake-pulumi/world.js";
import { REPO_ROOT } from "../../helpers/cli.js";

const V1 = { api: "ghcr.io/acme/api:v1", web: "ghcr.io/acme/web:v1" };
const V2 = { api: "ghcr.io/acme/api:v2", web: "ghcr.io/acme/web:v2" };
const DEV_PROFILE = `config:
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
const SECRETS = { ASC_OPENAI_API_KEY: "sk-test-openai-KNOWN-0001" };
const pinned = () => /^ARG PULUMI_VERSION=(.+)$/m.exec(readFileSync(path.join(REPO_ROOT, "docker/asc.Dockerfile"), "utf8"))![1];

function world(): FakePulumiWorld {
  const w = fakePulumiWorld({ "aws-dev": DEV_PROFILE });
  w.seedStack("aws-dev", awsStackOutputs({ release: V1 }));
  w.setUpOutputs(awsStackOutputs({ release: V2, taskRevision: 8 }));
  return w;
}

async function deploy(w: FakePulumiWorld, env: Record<string, string> = {}) {
  const { services } = fakeServices({ upCount: () => w.commands().filter((c) => c === "up").length });
  return w.run(["deploy", "--profile", "aws-dev", "--json"], { env: { ...SECRETS, ...env }, services });
}

const eventLogs = (w: FakePulumiWorld) => w.invocations().filter((i) => i.argv[0] === "up" || i.argv[0] === "preview").map((i) => i.argv[i.argv.indexOf("--event-log") + 1]);
const resourceEvents = (stdout: string) => stdout.trimEnd().split("\n").map((l) => JSON.parse(l)).filter((e) => e.type === "resource");

describe("fake pulumi: the CLI version the runner image pins", () => {
  it("GIVEN no FAKE_PULUMI_VERSION THEN `pulumi version` reports the docker/asc.Dockerfile pin, and the report records it", async () => {
    const out = execFileSync(path.join(FAKE_PULUMI_ROOT, "bin", "pulumi"), ["version"], { encoding: "utf8", env: { PATH: process.env.PATH } });
    expect(out.trim()).toBe(`v${pinned()}`);
    const w = world();
    const { code } = await deploy(w);
    expect(code).toBe(0);
    expect(w.reports()[0].json.pulumiVersion).toBe(pinned());
  });

  it("GIVEN the pinned version (above 3.205) THEN every up and preview streams its events over gRPC (tcp://), and they reach the run's events", async () => {
    const w = world();
    const { code, stdout } = await deploy(w);
    expect(code).toBe(0);
    const logs = eventLogs(w);
    expect(logs.length).toBeGreaterThan(0);
    for (const log of logs) expect(log).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    // Both resources of every update arrived through the events server: started and done.
    const provision = resourceEvents(stdout).filter((e) => e.phase === "provision");
    expect(provision.map((e) => `${e.status}:${e.name}`)).toEqual(["started:app-migrate-task", "done:app-migrate-task", "started:app-api-service", "done:app-api-service"]);
  });

  it("GIVEN a CLI at 3.200.0 THEN the SDK tails an event log file instead, and the events arrive the same", async () => {
    const w = world();
    // A binary of its own: `pulumi version` runs once per binary and process, with asc's environment.
    const old = path.join(w.root, "old-pulumi");
    writeFileSync(old, `#!/bin/sh\nFAKE_PULUMI_VERSION=v3.200.0 exec "${path.join(FAKE_PULUMI_ROOT, "bin", "pulumi")}" "$@"\n`);
    chmodSync(old, 0o755);
    const { code, stdout } = await deploy(w, { ASC_PULUMI_COMMAND: old });
    expect(w.reports()[0].json.pulumiVersion).toBe("3.200.0");
    expect(code).toBe(0);
    for (const log of eventLogs(w)) expect(log).toMatch(/eventlog\.txt$/);
    expect(resourceEvents(stdout).filter((e) => e.phase === "provision")).toHaveLength(4);
  });
});

describe("fake pulumi: secrets nested in stack outputs", () => {
  const NESTED = "nested-db-password-KNOWN-7731";
  const WHOLE = "whole-output-token-KNOWN-4410";

  function nestedWorld(): FakePulumiWorld {
    const w = fakePulumiWorld({ "aws-dev": DEV_PROFILE });
    const outputs = (release: typeof V1, rev?: number) => ({ ...awsStackOutputs({ release, ...(rev ? { taskRevision: rev } : {}) }), database: { host: "db.internal", password: NESTED }, token: WHOLE });
    w.seedStack("aws-dev", outputs(V1), ["database.password", "token"]);
    w.setUpOutputs(outputs(V2, 8), ["database.password", "token"]);
    return w;
  }

  it("GIVEN `stack output` without --show-secrets THEN a nested secret is [secret] in place and the rest of its object is plain, as the real CLI prints it", () => {
    const w = nestedWorld();
    const env = { ...process.env, ...w.env };
    const bin = path.join(FAKE_PULUMI_ROOT, "bin", "pulumi");
    const masked = JSON.parse(execFileSync(bin, ["stack", "output", "--json", "--stack", "aws-dev"], { encoding: "utf8", env }));
    const plain = JSON.parse(execFileSync(bin, ["stack", "output", "--json", "--show-secrets", "--stack", "aws-dev"], { encoding: "utf8", env }));
    expect(masked.database).toEqual({ host: "db.internal", password: "[secret]" });
    expect(masked.token).toBe("[secret]");
    expect(plain.database.password).toBe(NESTED);
  });

  it("GIVEN a deploy of such a stack THEN the report keeps the nested secret masked in place, and its plaintext appears nowhere", async () => {
    const w = nestedWorld();
    const { code, stdout, stderr } = await deploy(w, { FAKE_PULUMI_LEAK: NESTED });
    expect(code).toBe(0);
    const report = w.reports()[0];
    expect(report.json.outputs.database).toEqual({ host: "db.internal", password: "[secret]" });
    expect(report.json.outputs.token).toBe("[secret]");
    // The engine printed the nested value in a diagnostic: it is redacted like a whole secret output.
    for (const text of [stdout, stderr, JSON.stringify(report.json), report.markdown]) {
      expect(text).not.toContain(NESTED);
      expect(text).not.toContain(WHOLE);
    }
  });
});

describe("asc's reads of the stack after an update", () => {
  it("GIVEN a deploy THEN after each up the outputs are the two `stack output` answers Stack.up itself asked for, not two more, and they are the updated ones", async () => {
    const w = world();
    const { code } = await deploy(w);
    expect(code).toBe(0);
    const calls = w.invocations().map((i) => i.argv);
    const ups = calls.flatMap((argv, i) => (argv[0] === "up" ? [i] : []));
    expect(ups.length).toBeGreaterThan(0);
    for (const at of ups) {
      // What follows the up before asc's next own call: the SDK's outputs (masked, then plain) and its info() page.
      const after: string[][] = [];
      for (let i = at + 1; i < calls.length && ((calls[i][0] === "stack" && calls[i][1] === "output") || (calls[i][0] === "stack" && calls[i][1] === "history" && calls[i].includes("1"))); i++) after.push(calls[i]);
      const outputs = after.filter((a) => a[1] === "output");
      expect(outputs.map((a) => a.includes("--show-secrets"))).toEqual([false, true]);
    }
    expect(w.reports()[0].json.outputs.migration.taskDefinitionArn).toMatch(/:8$/);
  });
});

describe("fake pulumi: the engine server and a process of its own answer alike", () => {
  let server: FakeEngineServer;
  beforeAll(async () => {
    server = await startFakeEngineServer();
  });
  afterAll(() => server.close());

  // execFile, not execFileSync: the server answers from this process's event loop.
  const bin = (args: string[], cwd: string, env: Record<string, string | undefined>) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(path.join(FAKE_PULUMI_ROOT, "bin", "pulumi"), args, { encoding: "utf8", cwd, env }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }));
    });

  it("GIVEN the same preview and up WHEN answered by the test process's engine server or by fake-pulumi.mjs THEN the exit code, stdout, stderr and stack state are the same", async () => {
    const answers = [];
    for (const where of ["server", "process"]) {
      const w = world();
      const env = { ...process.env, ...w.env, FAKE_PULUMI_ENGINE: where === "server" ? server.address : undefined };
      const results = [];
      for (const args of [["preview", "--stack", "aws-dev"], ["up", "--stack", "aws-dev", "--message", 'say "hi" \\ ünï\nline two'], ["up", "--stack", "no-such-stack"]]) results.push(await bin(args, w.root, env));
      const state = JSON.parse(readFileSync(path.join(w.state, "stacks", "aws-dev.json"), "utf8"));
      answers.push({ results, outputs: state.outputs, messages: state.history.map((h: { message: string }) => h.message) });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0].results.map((r) => r.code)).toEqual([0, 0, 255]);
    expect(answers[0].results[2].stderr).toBe("error: no stack named 'no-such-stack' found\n");
    expect(answers[0].messages).toEqual(['say "hi" \\ ünï\nline two']);
  });
});
