/**
 * What the fake `pulumi` CLI does for the calls bin/pulumi does not answer from files: stack init, config, whoami,
 * cancel, preview and up. It never runs the program. One call is `runFakePulumi({ argv, env, cwd, readStdin })`,
 * which resolves to `{ code, stdout, stderr }`. It runs in one of two places:
 * - its own process (fake-pulumi.mjs), for the calls that read stdin or must handle real signals;
 * - the test process's fake engine server (engine-server.mjs), which bin/pulumi asks over a socket: a node start is
 *   ~0.12 CPU-s on these machines and the suite makes ~190 such calls, while the shell client costs a few ms. The
 *   caller still sees a real `pulumi` process with its exit code, stdout and stderr.
 *
 * Engine events go where the real CLI sends them (pkg/backend/display/display.go, startEventLogger, v3.248.0):
 * `--event-log tcp://host:port` (what the SDK passes to a CLI above 3.205.0, automation/stack.js setupEventLog)
 * streams each event as one JSON text in an EventRequest over the gRPC Events.StreamEvents client stream, and
 * closes the stream (CloseAndRecv) before the process exits; any other `--event-log` is a file of JSON lines.
 * Every operation ends with a cancelEvent, as the engine's deferred NewCancelEvent does (pkg/engine/update.go).
 *
 * Environment (set by the test):
 *   FAKE_PULUMI_STATE       folder with stacks/<stack>.json: { outputs, secretOutputs, history }
 *   FAKE_PULUMI_LOG         argv log (JSON lines: { argv, cwd, passphrase, backend })
 *   FAKE_PULUMI_UP_OUTPUTS  JSON file { outputs, secretOutputs } the stack holds after a successful `up`
 *   FAKE_PULUMI_FAIL        commands that fail: "up", "up#2" (the second up), "preview", comma-separated
 *   FAKE_PULUMI_LOCK        commands that find the stack locked (same syntax)
 *   FAKE_PULUMI_HANG        commands that run until SIGINT or SIGTERM, then cancel (same syntax; own process only)
 *   FAKE_PULUMI_SECRETS     JSON { "asc:key": "value" }: what `config --show-secrets` decrypts secure values to
 *   FAKE_PULUMI_LEAK        a string the engine prints in a diagnostic during `up` (redaction tests)
 *   FAKE_PULUMI_WHOAMI      "fail": not logged in
 *   FAKE_PULUMI_STEPS       the step events of preview and up (see stepsFor)
 *   FAKE_PULUMI_POLICY      the policy results the pack reports (see policyEvents)
 *   FAKE_PULUMI_SIGNALS     a file: every SIGINT/SIGTERM the fake receives is appended as a JSON line (own process only)
 *   FAKE_PULUMI_CANCEL_MS   after the first SIGINT of a hanging command, how long the graceful cancel takes (default 0);
 *                           a second SIGINT or SIGTERM meanwhile terminates at once, as the real CLI does
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import http2 from "node:http2";
import path from "node:path";
import { writeStackState } from "./stack-state.mjs";

/** How a call ends early: the exit code and what the CLI prints on stderr. */
class Exit extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/**
 * One EventRequest on the wire: protobuf field 1 (`string event`, proto/pulumi/events.proto) in a gRPC
 * length-prefixed message (1 byte uncompressed flag, 4 bytes big-endian length; gRPC's PROTOCOL-HTTP2.md).
 */
function grpcEventRequest(text) {
  const payload = Buffer.from(text, "utf8");
  const length = [];
  for (let n = payload.length; ; n >>>= 7) {
    if (n < 0x80) {
      length.push(n);
      break;
    }
    length.push((n & 0x7f) | 0x80);
  }
  const message = Buffer.concat([Buffer.from([0x0a, ...length]), payload]);
  const prefix = Buffer.alloc(5);
  prefix.writeUInt32BE(message.length, 1);
  return Buffer.concat([prefix, message]);
}

/**
 * Where engine events go: the SDK's gRPC events server (tcp://), a file, or nowhere (no --event-log). The CLI's Go
 * gRPC client opens one client stream, /pulumirpc.Events/StreamEvents, writes every event and half-closes it, then
 * waits for the server's answer (CloseAndRecv). The fake speaks that protocol over node:http2 directly, as the wire
 * has it, rather than loading @grpc/grpc-js and the generated protobuf code; the server it talks to is the SDK's
 * real grpc-js server (automation/stack.js).
 */
function openEventSink(target, stderr) {
  if (!target) return { send() {}, close: async () => {} };
  if (!target.startsWith("tcp://")) return { send: (e) => appendFileSync(target, `${JSON.stringify(e)}\n`), close: async () => {} };
  const session = http2.connect(`http://${target.slice("tcp://".length)}`);
  const stream = session.request({ ":method": "POST", ":path": "/pulumirpc.Events/StreamEvents", "content-type": "application/grpc", te: "trailers" });
  let status;
  let closed = false;
  stream.on("trailers", (trailers) => (status = trailers["grpc-status"]));
  stream.on("response", (headers) => (status ??= headers["grpc-status"]));
  const done = new Promise((resolve) => {
    stream.on("close", resolve);
    stream.on("error", resolve);
    session.on("error", resolve);
  });
  stream.resume();
  return {
    // json.Encoder.Encode ends each event with a newline; the SDK's EventsServer JSON.parses the text as is.
    send: (e) => stream.write(grpcEventRequest(`${JSON.stringify(e)}\n`)),
    close: async () => {
      if (closed) return;
      closed = true;
      stream.end();
      await done;
      session.close();
      if (status !== undefined && status !== "0") stderr.push(`fake pulumi: the events server answered grpc-status ${status}\n`);
    },
  };
}

const DEFAULT_STEPS = [
  { op: "update", type: "aws:ecs/taskDefinition:TaskDefinition", name: "app-migrate-task" },
  { op: "update", type: "aws:ecs/service:Service", name: "app-api-service" },
];

/**
 * The engine's step events for one resource: a replacement is three steps on the same URN (create-replacement,
 * replace, delete-replaced; pkg/resource/deploy/step.go), everything else one.
 */
const stepOps = (op) => (op === "replace" ? ["create-replacement", "replace", "delete-replaced"] : [op]);

function summaryOf(steps) {
  const changes = {};
  for (const s of steps) changes[s.op] = (changes[s.op] ?? 0) + 1;
  return { ...changes, same: 40 };
}

/**
 * One fake CLI call. `onHang(call)` is given a call that must now wait for signals (FAKE_PULUMI_HANG); only the
 * process entry can do that, so without it such a call fails loudly.
 */
export async function runFakePulumi({ argv, env, cwd, readStdin = () => "", onHang }) {
  const stdout = [];
  const stderr = [];
  const flag = (name) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const key = argv[0] === "stack" ? `stack ${argv[1]}` : argv[0];
  const inCwd = (p) => path.resolve(cwd, p);

  const logFile = env.FAKE_PULUMI_LOG ? inCwd(env.FAKE_PULUMI_LOG) : undefined;
  const priorCalls = (k) =>
    !logFile || !existsSync(logFile)
      ? 0
      : readFileSync(logFile, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l).argv).filter((a) => (a[0] === "stack" ? `stack ${a[1]}` : a[0]) === k).length;
  const callNumber = priorCalls(key); // bin/pulumi logged this call already
  const matches = (spec) =>
    (spec ?? "").split(",").map((s) => s.trim()).filter(Boolean).some((s) => {
      const [k, n] = s.split("#");
      return k === key && (n === undefined || Number(n) === callNumber);
    });

  let sequence = 0;
  const events = openEventSink(flag("--event-log"), stderr);
  const emit = (event) => events.send({ sequence: sequence++, timestamp: Math.floor(Date.now() / 1000), ...event });
  const fail = (message, code = 255) => {
    throw new Exit(code, message);
  };

  const stackName = flag("--stack") ?? (argv[0] === "stack" && argv[1] === "init" ? argv[2] : undefined);
  const stateFile = (name) => path.join(inCwd(env.FAKE_PULUMI_STATE ?? "."), "stacks", `${name}.json`);
  const readState = (name) => JSON.parse(readFileSync(stateFile(name), "utf8"));
  const writeState = (name, state) => writeStackState(stateFile(name), state);
  const requireStack = () => {
    if (!stackName || !existsSync(stateFile(stackName))) fail(`error: no stack named '${stackName}' found`);
    return readState(stackName);
  };

  const resource = (type, name, op) => ({ op, urn: `urn:pulumi:${stackName}::asc::${type}::${name}`, type, provider: "" });
  /** FAKE_PULUMI_STEPS: a JSON array of { op, type, name } for every preview and up, or { preview: [...], up: [...] }. */
  function stepsFor(command) {
    if (!env.FAKE_PULUMI_STEPS) return DEFAULT_STEPS;
    const spec = JSON.parse(env.FAKE_PULUMI_STEPS);
    return Array.isArray(spec) ? spec : (spec[command] ?? DEFAULT_STEPS);
  }
  /** FAKE_PULUMI_POLICY: JSON array of { policy, enforcement, message, name } the pack reports (only with --policy-pack). */
  function policyEvents(steps) {
    if (!env.FAKE_PULUMI_POLICY || !argv.includes("--policy-pack")) return [];
    return JSON.parse(env.FAKE_PULUMI_POLICY).map((p) => {
      const target = steps.find((s) => s.name === p.name) ?? steps[0] ?? DEFAULT_STEPS[0];
      return { resourceUrn: resource(target.type, p.name ?? target.name, "same").urn, message: p.message, color: "never", policyName: p.policy, policyPackName: "asc", policyPackVersion: "0.1.0", policyPackVersionTag: "0.1.0", enforcementLevel: p.enforcement };
    });
  }

  function engineRun(command) {
    const planning = command === "preview";
    emit({ preludeEvent: { config: {} } });
    const steps = stepsFor(command);
    const first = steps[0] ?? DEFAULT_STEPS[0];
    const firstMeta = resource(first.type, first.name, stepOps(first.op)[0]);
    emit({ resourcePreEvent: { metadata: firstMeta, planning } });
    if (matches(env.FAKE_PULUMI_HANG)) return "hang";
    if (matches(env.FAKE_PULUMI_FAIL)) {
      emit({ resOpFailedEvent: { metadata: firstMeta, status: 1, steps: 1 } });
      emit({ diagnosticEvent: { urn: firstMeta.urn, message: "error: creating ECS Task Definition: ClientException: Invalid container image\n", color: "never", severity: "error" } });
      emit({ summaryEvent: { maybeCorrupt: false, durationSeconds: 1, resourceChanges: { update: 0, same: 40 }, policyPacks: {} } });
      emit({ cancelEvent: {} });
      return "fail";
    }
    let firstEvent = true;
    for (const step of steps) {
      for (const op of stepOps(step.op)) {
        const meta = resource(step.type, step.name, op);
        if (!firstEvent) emit({ resourcePreEvent: { metadata: meta, planning } });
        firstEvent = false;
        emit({ resOutputsEvent: { metadata: meta, planning } });
      }
    }
    const policies = policyEvents(steps);
    for (const policyEvent of policies) emit({ policyEvent });
    const leak = env.FAKE_PULUMI_LEAK ? ` (${env.FAKE_PULUMI_LEAK})` : "";
    emit({ diagnosticEvent: { message: `warning: the fake engine says hello${leak}\n`, color: "never", severity: "warning" } });
    emit({ summaryEvent: { maybeCorrupt: false, durationSeconds: 2, resourceChanges: summaryOf(steps), policyPacks: policies.length || argv.includes("--policy-pack") ? { asc: "0.1.0" } : {} } });
    emit({ cancelEvent: {} });
    return policies.some((p) => p.enforcementLevel === "mandatory") ? "policy" : "ok";
  }

  /** The stack file the real CLI edits: stacks/Pulumi.<stack>.yaml when Pulumi.yaml says `stackConfigDir: stacks`. */
  async function editStackFile(edit) {
    const { parse, parseDocument } = await import("yaml");
    const projectFile = inCwd("Pulumi.yaml");
    const project = existsSync(projectFile) ? (parse(readFileSync(projectFile, "utf8")) ?? {}) : {};
    const file = path.join(cwd, project.stackConfigDir ?? ".", `Pulumi.${stackName}.yaml`);
    const doc = parseDocument(existsSync(file) ? readFileSync(file, "utf8") : "{}\n");
    edit(doc);
    writeFileSync(file, String(doc));
  }

  /**
   * `config set [--secret] <key> [value]`: with no value argument and a stdin that is not a terminal, the value is read
   * from stdin, one trailing newline dropped (pulumi/pulumi pkg/cmd/pulumi/config/config_set.go). A secret is stored as
   * `{ secure: … }`; the fake's "ciphertext" is base64 (the real CLI encrypts with the secrets provider).
   */
  async function configSet() {
    const rest = argv.slice(2).filter((a, i, all) => !a.startsWith("--") && all[i - 1] !== "--stack" && all[i - 1] !== "-s");
    const [configKey, given] = rest;
    const value = given ?? readStdin().replace(/\r?\n$/, "");
    const secret = argv.includes("--secret");
    await editStackFile((doc) => doc.setIn(["config", configKey], secret ? { secure: `fake:${Buffer.from(value).toString("base64")}` } : value));
  }

  async function configJson() {
    const { parse } = await import("yaml");
    const file = path.join(cwd, "stacks", `Pulumi.${stackName}.yaml`);
    const values = existsSync(file) ? (parse(readFileSync(file, "utf8"))?.config ?? {}) : {};
    const secrets = env.FAKE_PULUMI_SECRETS ? JSON.parse(env.FAKE_PULUMI_SECRETS) : {};
    const out = {};
    for (const [k, v] of Object.entries(values)) {
      if (v && typeof v === "object" && "secure" in v) out[k] = { value: secrets[k] ?? "fake-decrypted-value", secret: true };
      else if (v && typeof v === "object") out[k] = { value: JSON.stringify(v), objectValue: v, secret: false };
      else out[k] = { value: String(v), secret: false };
    }
    return out;
  }

  /**
   * Every `up` (succeeded or failed) is an update in the stack's history, with the fields `stack history --json` prints
   * (updateInfoJSON, pkg/cmd/pulumi/stack/stack_history.go, v3.248.0): times are whole seconds (the backend stores unix
   * seconds) in the CLI's RFC 5424 millisecond format; `environment` holds what the CLI records about the run.
   */
  function recordUpdate(state, result, resourceChanges) {
    const now = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
    const version = (state.history[0]?.version ?? 0) + 1;
    state.history.unshift({ version, kind: "update", startTime: now, message: flag("--message") ?? "", environment: { "exec.kind": "auto.inline" }, config: {}, result, endTime: now, resourceChanges });
    writeState(stackName, state);
  }

  /** `stack history --json [--page-size n --page p]`: newest first; the CLI's default page size is 10 (same file). */
  function history(state) {
    const size = Number(flag("--page-size") ?? 10);
    const page = Math.max(1, Number(flag("--page") ?? 1));
    return state.history.slice((page - 1) * size, page * size);
  }

  async function main() {
    switch (key) {
      case "stack history":
        stdout.push(JSON.stringify(history(requireStack()), null, 4));
        return;
      case "whoami":
        if (env.FAKE_PULUMI_WHOAMI === "fail") fail("error: PULUMI_ACCESS_TOKEN must be set for login during non-interactive CLI sessions");
        stdout.push(JSON.stringify({ user: "fake-user", url: env.PULUMI_BACKEND_URL ?? "https://api.pulumi.com", organizations: [] }));
        return;
      case "stack init":
        if (existsSync(stateFile(stackName))) fail(`error: stack '${stackName}' already exists`);
        writeState(stackName, { outputs: {}, secretOutputs: [], history: [], ...(flag("--secrets-provider") ? { secretsProvider: flag("--secrets-provider") } : {}) });
        // The real CLI records a chosen provider in the stack file (`secretsprovider:`) under stackConfigDir.
        if (flag("--secrets-provider")) await editStackFile((doc) => doc.set("secretsprovider", flag("--secrets-provider")));
        return;
      case "config":
        requireStack();
        if (argv[1] === "set") await configSet();
        else stdout.push(JSON.stringify(await configJson()));
        return;
      case "cancel":
        requireStack();
        stdout.push("The currently running update has been canceled!\n");
        return;
      case "preview":
      case "up": {
        const state = requireStack();
        if (matches(env.FAKE_PULUMI_LOCK)) {
          fail(`error: the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with \`pulumi cancel\`.\n  file:///state/.pulumi/locks/organization/asc/${stackName}/2b1f0c8e.json: created by alice@build-7 (pid 4242) at 2026-11-21T11:58:00Z`);
        }
        const outcome = engineRun(key);
        if (outcome === "hang") {
          if (!onHang) fail(`fake pulumi: FAKE_PULUMI_HANG needs the fake in its own process (bin/pulumi runs fake-pulumi.mjs for it)`, 1);
          return onHang({ key, emit, events, stdout, stderr });
        }
        if (outcome === "fail") {
          if (key === "up") recordUpdate(state, "failed", { update: 0, same: 40 });
          fail(`error: ${key === "up" ? "update" : "preview"} failed`);
        }
        if (outcome === "policy") fail(`error: ${key === "up" ? "update" : "preview"} failed: mandatory policy violations`);
        const changes = summaryOf(stepsFor(key));
        if (key === "up") {
          if (env.FAKE_PULUMI_UP_OUTPUTS) Object.assign(state, JSON.parse(readFileSync(inCwd(env.FAKE_PULUMI_UP_OUTPUTS), "utf8")));
          recordUpdate(state, "succeeded", changes);
          stdout.push("Updating (fake):\n\nResources:\n    ~ 2 updated\n    40 unchanged\n");
        } else {
          stdout.push("Previewing update (fake):\n\nResources:\n    ~ 2 to update\n    40 unchanged\n");
        }
        return;
      }
      default:
        fail(`error: the fake pulumi does not know "${argv.join(" ")}"`);
    }
  }

  let code = 0;
  try {
    const hung = await main();
    if (hung) return hung;
  } catch (e) {
    if (!(e instanceof Exit)) throw e;
    stderr.push(`${e.message}\n`);
    code = e.code;
  }
  await events.close();
  return { code, stdout: stdout.join(""), stderr: stderr.join("") };
}
