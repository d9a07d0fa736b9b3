/**
 * The node half of the fake `pulumi` CLI (bin/pulumi is the entry: it logs every call and answers the read-only
 * ones from files, fast). This half answers the rest: stack init, config, whoami, cancel, preview and up, which
 * write engine events to the --event-log file (the fake reports v3.200.0, so the SDK tails a file, not gRPC).
 * It never runs the program.
 *
 * Environment (set by the test):
 *   FAKE_PULUMI_STATE       folder with stacks/<stack>.json: { outputs, secretOutputs, history }
 *   FAKE_PULUMI_LOG         argv log (JSON lines: { argv, cwd, passphrase, backend })
 *   FAKE_PULUMI_UP_OUTPUTS  JSON file { outputs, secretOutputs } the stack holds after a successful `up`
 *   FAKE_PULUMI_FAIL        commands that fail: "up", "up#2" (the second up), "preview", comma-separated
 *   FAKE_PULUMI_LOCK        commands that find the stack locked (same syntax)
 *   FAKE_PULUMI_HANG        commands that run until SIGINT, then cancel (same syntax)
 *   FAKE_PULUMI_SECRETS     JSON { "asc:key": "value" }: what `config --show-secrets` decrypts secure values to
 *   FAKE_PULUMI_LEAK        a string the engine prints in a diagnostic during `up` (redaction tests)
 *   FAKE_PULUMI_WHOAMI      "fail": not logged in
 *   FAKE_PULUMI_VERSION     the reported version (default v3.200.0)
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { writeStackState } from "./stack-state.mjs";

const env = process.env;
const argv = process.argv.slice(2);
const flag = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const key = argv[0] === "stack" ? `stack ${argv[1]}` : argv[0];

function priorCalls(k) {
  if (!env.FAKE_PULUMI_LOG || !existsSync(env.FAKE_PULUMI_LOG)) return 0;
  return readFileSync(env.FAKE_PULUMI_LOG, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l).argv).filter((a) => (a[0] === "stack" ? `stack ${a[1]}` : a[0]) === k).length;
}
const callNumber = priorCalls(key); // bin/pulumi logged this call already
const matches = (spec) => (spec ?? "").split(",").map((s) => s.trim()).filter(Boolean).some((s) => {
  const [k, n] = s.split("#");
  return k === key && (n === undefined || Number(n) === callNumber);
});

const fail = (message, code = 255) => {
  process.stderr.write(`${message}\n`);
  process.exit(code);
};

const stackName = flag("--stack") ?? (argv[0] === "stack" && argv[1] === "init" ? argv[2] : undefined);
const stateFile = (name) => path.join(env.FAKE_PULUMI_STATE ?? ".", "stacks", `${name}.json`);
const readState = (name) => JSON.parse(readFileSync(stateFile(name), "utf8"));
const writeState = (name, state) => writeStackState(stateFile(name), state);
const requireStack = () => {
  if (!stackName || !existsSync(stateFile(stackName))) fail(`error: no stack named '${stackName}' found`);
  return readState(stackName);
};

let sequence = 0;
const eventLog = flag("--event-log");
const emit = (event) => {
  if (eventLog) appendFileSync(eventLog, `${JSON.stringify({ sequence: sequence++, timestamp: Math.floor(Date.now() / 1000), ...event })}\n`);
};
const resource = (type, name, op) => ({ op, urn: `urn:pulumi:${stackName}::asc::${type}::${name}`, type, provider: "" });

function engineRun(planning) {
  emit({ preludeEvent: { config: {} } });
  const steps = [resource("aws:ecs/taskDefinition:TaskDefinition", "app-migrate-task", "update"), resource("aws:ecs/service:Service", "app-api-service", "update")];
  const first = steps[0];
  emit({ resourcePreEvent: { metadata: first, planning } });
  if (matches(env.FAKE_PULUMI_HANG)) return "hang";
  if (matches(env.FAKE_PULUMI_FAIL)) {
    emit({ resOpFailedEvent: { metadata: first, status: 1, steps: 1 } });
    emit({ diagnosticEvent: { urn: first.urn, message: "error: creating ECS Task Definition: ClientException: Invalid container image\n", color: "never", severity: "error" } });
    emit({ summaryEvent: { maybeCorrupt: false, durationSeconds: 1, resourceChanges: { update: 0, same: 40 }, policyPacks: {} } });
    return "fail";
  }
  for (const step of steps) {
    if (step !== first) emit({ resourcePreEvent: { metadata: step, planning } });
    emit({ resOutputsEvent: { metadata: step, planning } });
  }
  const leak = env.FAKE_PULUMI_LEAK ? ` (${env.FAKE_PULUMI_LEAK})` : "";
  emit({ diagnosticEvent: { message: `warning: the fake engine says hello${leak}\n`, color: "never", severity: "warning" } });
  emit({ summaryEvent: { maybeCorrupt: false, durationSeconds: 2, resourceChanges: { update: 2, same: 40 }, policyPacks: {} } });
  return "ok";
}

function waitForCancel() {
  const timer = setTimeout(() => fail("error: fake pulumi hung for 20 s without SIGINT", 1), 20000);
  process.on("SIGINT", () => {
    clearTimeout(timer);
    emit({ cancelEvent: {} });
    fail("error: update canceled");
  });
}

/** The stack file the real CLI edits: stacks/Pulumi.<stack>.yaml when Pulumi.yaml says `stackConfigDir: stacks`. */
async function editStackFile(edit) {
  const { parse, parseDocument } = await import("yaml");
  const project = existsSync("Pulumi.yaml") ? (parse(readFileSync("Pulumi.yaml", "utf8")) ?? {}) : {};
  const file = path.join(process.cwd(), project.stackConfigDir ?? ".", `Pulumi.${stackName}.yaml`);
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
  const value = given ?? readFileSync(0, "utf8").replace(/\r?\n$/, "");
  const secret = argv.includes("--secret");
  await editStackFile((doc) => doc.setIn(["config", configKey], secret ? { secure: `fake:${Buffer.from(value).toString("base64")}` } : value));
}

async function configJson() {
  const { parse } = await import("yaml");
  const file = path.join(process.cwd(), "stacks", `Pulumi.${stackName}.yaml`);
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

switch (key) {
  case "whoami":
    if (env.FAKE_PULUMI_WHOAMI === "fail") fail("error: PULUMI_ACCESS_TOKEN must be set for login during non-interactive CLI sessions");
    process.stdout.write(JSON.stringify({ user: "fake-user", url: env.PULUMI_BACKEND_URL ?? "https://api.pulumi.com", organizations: [] }));
    break;
  case "stack init":
    if (existsSync(stateFile(stackName))) fail(`error: stack '${stackName}' already exists`);
    writeState(stackName, { outputs: {}, secretOutputs: [], history: [] });
    // The real CLI records a chosen provider in the stack file (`secretsprovider:`) under stackConfigDir.
    if (flag("--secrets-provider")) await editStackFile((doc) => doc.set("secretsprovider", flag("--secrets-provider")));
    break;
  case "config":
    if (argv[1] === "set") {
      requireStack();
      await configSet();
      break;
    }
    requireStack();
    process.stdout.write(JSON.stringify(await configJson()));
    break;
  case "cancel":
    requireStack();
    process.stdout.write("The currently running update has been canceled!\n");
    break;
  case "preview":
  case "up": {
    const state = requireStack();
    if (matches(env.FAKE_PULUMI_LOCK)) {
      fail(`error: the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with \`pulumi cancel\`.\n  file:///state/.pulumi/locks/organization/asc/${stackName}/2b1f0c8e.json: created by alice@build-7 (pid 4242) at 2026-11-21T11:58:00Z`);
    }
    const outcome = engineRun(key === "preview");
    if (outcome === "hang") {
      waitForCancel();
      break;
    }
    if (outcome === "fail") fail("error: update failed");
    if (key === "up") {
      if (env.FAKE_PULUMI_UP_OUTPUTS) Object.assign(state, JSON.parse(readFileSync(env.FAKE_PULUMI_UP_OUTPUTS, "utf8")));
      const now = new Date().toISOString();
      state.history.unshift({ version: state.history.length + 1, kind: "update", startTime: now, endTime: now, message: flag("--message") ?? "", result: "succeeded", resourceChanges: { update: 2, same: 40 } });
      writeState(stackName, state);
      process.stdout.write("Updating (fake):\n\nResources:\n    ~ 2 updated\n    40 unchanged\n");
    } else {
      process.stdout.write("Previewing update (fake):\n\nResources:\n    ~ 2 to update\n    40 unchanged\n");
    }
    break;
  }
  default:
    if (argv[0] === "config") break; // config set-all, config refresh: nothing to do
    fail(`error: the fake pulumi does not know "${argv.join(" ")}"`);
}
