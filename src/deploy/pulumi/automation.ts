/**
 * The PulumiGateway over the Automation API (`@pulumi/pulumi/automation`), imported lazily. Programs run inline,
 * in this process; the project folder is the work dir, so the CLI reads `stacks/Pulumi.<stack>.yaml` itself.
 */
import path from "node:path";
import { AscUserError } from "../../errors.js";
import { PULUMI_INSTALL_FIX, type PulumiBinary } from "./binary.js";
import { PulumiCommandFailure } from "./errors.js";
import type { EngineEvent, HistoryPage, OpenStackOptions, PulumiGateway, StackConfigValues, StackGateway, StackHistoryEntry, StackOperationOptions, StackOutputValues, WhoAmI } from "./gateway.js";

type Automation = typeof import("@pulumi/pulumi/automation/index.js");
type Stack = import("@pulumi/pulumi/automation/index.js").Stack;
type PulumiCommand = import("@pulumi/pulumi/automation/index.js").PulumiCommand;
/** The SDK's CommandResult (automation/cmd.js; not in the typings). */
interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
  readonly err?: Error;
}

/**
 * PulumiCommand.run, which the workspace and stack call for every CLI command (automation/cmd.js; marked internal,
 * so absent from the typings): args, work dir, extra env, stdout and stderr callbacks, abort signal.
 */
interface RunnableCommand {
  run(args: string[], cwd: string, env: Record<string, string>, onOutput?: (s: string) => void, onError?: (s: string) => void, signal?: AbortSignal): Promise<CommandResult>;
}

export interface AutomationGatewayOptions {
  readonly binary: PulumiBinary;
  /** Added to every CLI call: PULUMI_CONFIG_PASSPHRASE, PULUMI_BACKEND_URL, cloud credentials, … */
  readonly envVars: Readonly<Record<string, string>>;
}

/** Maps the SDK's CommandError family to PulumiCommandFailure; anything else (a bug) is rethrown. */
function mapError(auto: Automation, error: unknown): unknown {
  if (!(error instanceof auto.CommandError)) return error;
  const result = (error as unknown as { commandResult?: { stderr?: string; stdout?: string } }).commandResult;
  const detail = [result?.stderr, result?.stdout].filter(Boolean).join("\n") || error.message;
  if (error instanceof auto.ConcurrentUpdateError) return new PulumiCommandFailure("locked", detail);
  if (error instanceof auto.StackNotFoundError) return new PulumiCommandFailure("stack-not-found", detail);
  return new PulumiCommandFailure("failed", detail);
}

async function mapped<T>(auto: Automation, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw mapError(auto, e);
  }
}

/**
 * The stack's outputs from the two `stack output --json` answers: the values from the one with --show-secrets, and
 * from the masked one which values are secret, whole or nested (see AutomationStack.outputs).
 */
function outputValues(plainStdout: string, maskedStdout: string): StackOutputValues {
  const values = JSON.parse(plainStdout) as Record<string, unknown>;
  const maskedValues = JSON.parse(maskedStdout) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(values).map(([k, value]) => [k, { value, secret: maskedValues[k] === "[secret]", masked: maskedValues[k] }]));
}

/** Hears each successful CLI call's arguments and stdout (registered on the command by inOwnProcessGroup). */
type CallListener = (args: readonly string[], stdout: string) => void;
const CALL_LISTENERS = Symbol("asc.callListeners");
interface ObservableCommand {
  [CALL_LISTENERS]?: Set<CallListener>;
}

const policyPackOptions = (options: StackOperationOptions) =>
  options.policyPack ? { policyPacks: [options.policyPack.dir], policyPackConfigs: [options.policyPack.configFile] } : {};

class AutomationStack implements StackGateway {
  constructor(
    private readonly auto: Automation,
    private readonly stack: Stack,
  ) {}

  get name(): string {
    return this.stack.name;
  }

  /**
   * `stack output --json` twice, as the SDK's stackOutputs does, but keeping the masked answer: the SDK marks a value
   * secret only when the whole output is "[secret]", while the CLI masks secrets nested inside an output too
   * (pkg/backend/display/json.go, massagePropertyValue), so asc keeps the masked shape for reports and redaction.
   */
  outputs(): Promise<StackOutputValues> {
    return mapped(this.auto, async () => {
      const ws = this.stack.workspace;
      const run = (args: string[]) => (ws.pulumiCommand as unknown as RunnableCommand).run([...args, "--stack", this.stack.name], ws.workDir, { ...ws.envVars });
      const [plain, masked] = await Promise.all([run(["stack", "output", "--json", "--show-secrets"]), run(["stack", "output", "--json"])]);
      return outputValues(plain.stdout, masked.stdout);
    });
  }

  config(): Promise<StackConfigValues> {
    return mapped(this.auto, async () => {
      const all = await this.stack.getAllConfig();
      return Object.fromEntries(Object.entries(all).map(([k, v]) => [k, { value: String(v.value), secret: Boolean(v.secret) }]));
    });
  }

  /** Stack.history(pageSize, page, showSecrets = false) runs `stack history --json --page-size n --page p`. */
  history(page: HistoryPage): Promise<readonly StackHistoryEntry[]> {
    return mapped(this.auto, async () => {
      const entries = (await this.stack.history(page.pageSize, page.page, false)) ?? [];
      const iso = (d: unknown) => (d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : undefined);
      return entries.map((e) => ({
        version: e.version,
        kind: String(e.kind),
        message: e.message ?? "",
        ...(e.result ? { result: String(e.result) } : {}),
        ...(iso(e.startTime) ? { startTime: iso(e.startTime) } : {}),
        ...(iso(e.endTime) ? { endTime: iso(e.endTime) } : {}),
      }));
    });
  }

  async up(options: StackOperationOptions) {
    let summary: EngineEvent["summaryEvent"];
    const onEvent = (event: EngineEvent) => {
      if (event.summaryEvent) summary = event.summaryEvent;
      options.onEvent?.(event);
    };
    // After the update, Stack.up reads the outputs itself (automation/stack.js: `stack output --json`, then with
    // --show-secrets, through Workspace.stackOutputs) and keeps only whole-output secret flags. Both answers are
    // heard here and reused, so the nested masks are kept without asking the backend twice more.
    const heard: { plain?: string; masked?: string } = {};
    const stackName = this.stack.name;
    const whole = new Set(["stack", "output", "--json", "--show-secrets", "--stack", stackName, "--non-interactive"]);
    const listener: CallListener = (args, stdout) => {
      if (args[0] !== "stack" || args[1] !== "output" || args[args.indexOf("--stack") + 1] !== stackName || !args.every((a) => whole.has(a))) return;
      heard[args.includes("--show-secrets") ? "plain" : "masked"] = stdout;
    };
    const listeners = (this.stack.workspace.pulumiCommand as ObservableCommand)[CALL_LISTENERS];
    listeners?.add(listener);
    let result: Awaited<ReturnType<Stack["up"]>>;
    try {
      result = await mapped(this.auto, () => this.stack.up({ program: options.program, message: options.message, onEvent, signal: options.signal, color: "never", ...policyPackOptions(options) }));
    } finally {
      listeners?.delete(listener);
    }
    const changes = summary?.resourceChanges ?? result.summary?.resourceChanges ?? {};
    const outputs = heard.plain !== undefined && heard.masked !== undefined ? outputValues(heard.plain, heard.masked) : await this.outputs();
    return { changes: changes as Record<string, number>, durationSeconds: summary?.durationSeconds, outputs };
  }

  async preview(options: StackOperationOptions) {
    const result = await mapped(this.auto, () => this.stack.preview({ program: options.program, message: options.message, onEvent: options.onEvent, signal: options.signal, color: "never", ...policyPackOptions(options) }));
    return { changes: result.changeSummary as Record<string, number> };
  }

  cancel(): Promise<void> {
    return mapped(this.auto, () => this.stack.cancel());
  }
}

class AutomationGateway implements PulumiGateway {
  constructor(
    private readonly auto: Automation,
    private readonly pulumiCommand: PulumiCommand,
    private readonly envVars: Record<string, string>,
  ) {}

  get version(): string {
    return this.pulumiCommand.version?.toString() ?? "unknown";
  }

  get command(): string {
    return this.pulumiCommand.command;
  }

  async openStack(options: OpenStackOptions): Promise<StackGateway> {
    const args = { stackName: options.stackName, workDir: options.workDir };
    const wsOptions = { pulumiCommand: this.pulumiCommand, envVars: this.envVars, ...(options.secretsProvider ? { secretsProvider: options.secretsProvider } : {}) };
    const stack = await mapped(this.auto, () =>
      options.create ? this.auto.LocalWorkspace.createOrSelectStack(args, wsOptions) : this.auto.LocalWorkspace.selectStack(args, wsOptions),
    );
    return new AutomationStack(this.auto, stack);
  }

  async whoAmI(workDir: string): Promise<WhoAmI> {
    return mapped(this.auto, async () => {
      const ws = await this.auto.LocalWorkspace.create({ workDir, pulumiCommand: this.pulumiCommand, envVars: this.envVars });
      const who = await ws.whoAmI();
      return { user: who.user, ...(who.url ? { url: who.url } : {}) };
    });
  }
}

interface SdkInternals {
  CommandResult: new (stdout: string, stderr: string, code: number, err?: Error) => CommandResult;
  createCommandError(result: CommandResult): Error;
}

/**
 * The SDK's command with `run` replaced: every CLI call runs in a process group of its own and gets at most one
 * SIGINT from asc (process-group.ts). Failures become the SDK's own error classes (createCommandError, as
 * automation/cmd.js does), so ConcurrentUpdateError and StackNotFoundError still apply.
 */
function inOwnProcessGroup(auto: Automation, base: PulumiCommand): PulumiCommand {
  const internals = auto as unknown as SdkInternals;
  const command = Object.create(base) as PulumiCommand & RunnableCommand & ObservableCommand;
  const listeners = new Set<CallListener>();
  command[CALL_LISTENERS] = listeners;
  command.run = async (args, cwd, env, onOutput, onError, signal) => {
    const { runInOwnGroup } = await import("./process-group.js");
    const r = await runInOwnGroup(base.command, args, cwd, env, onOutput, onError, signal);
    const result = new internals.CommandResult(r.stdout, r.stderr, r.code, r.err);
    if (r.code !== 0) throw internals.createCommandError(result);
    for (const listener of listeners) listener(args, r.stdout);
    return result;
  };
  return command;
}

/** `pulumi version` once per binary and process (the SDK runs it to check the minimum version). */
const commands = new Map<string, Promise<PulumiCommand>>();

/**
 * A binary whose `version` fails or does not print a Pulumi version (ASC_PULUMI_COMMAND=/bin/echo, a wrapper that
 * is broken, a CLI older than the SDK's minimum): a user error naming where the binary came from, not a crash.
 */
async function notPulumi(binary: PulumiBinary, error: unknown): Promise<AscUserError> {
  const { spawnSync } = await import("node:child_process");
  const probe = spawnSync(binary.command, ["version"], { encoding: "utf8", timeout: 5000, env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } });
  const printed = `${probe.stdout ?? ""}`.trim().split("\n")[0]?.slice(0, 120) ?? "";
  const outcome = probe.error
    ? `could not run: ${probe.error.message}`
    : probe.status !== 0
      ? `exited with ${probe.status ?? probe.signal}${probe.stderr ? `: ${String(probe.stderr).trim().split("\n")[0]?.slice(0, 120)}` : ""}`
      : `printed ${JSON.stringify(printed)}, not a Pulumi version (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`;
  const viaEnv = binary.source === "ASC_PULUMI_COMMAND";
  return new AscUserError(`${viaEnv ? "ASC_PULUMI_COMMAND names" : "asc found"} a program that is not a usable Pulumi CLI`, [{
    path: viaEnv ? "ASC_PULUMI_COMMAND" : `pulumi (from ${binary.source})`,
    value: binary.command,
    message: `\`${path.basename(binary.command)} version\` ${outcome}`,
    allowed: "a pulumi executable whose `pulumi version` prints v3.x (the runner image pins the version in docker/asc.Dockerfile)",
    fix: viaEnv ? "point ASC_PULUMI_COMMAND at the pulumi binary (e.g. ~/.pulumi/bin/pulumi), or unset it to search PATH" : PULUMI_INSTALL_FIX,
  }]);
}

/** Returns the gateway over the binary; the SDK checks its version first. */
export async function createAutomationGateway(options: AutomationGatewayOptions): Promise<PulumiGateway> {
  const auto: Automation = await import("@pulumi/pulumi/automation/index.js");
  const key = options.binary.command;
  if (!commands.has(key)) commands.set(key, auto.PulumiCommand.get({ root: options.binary.root }).then((c) => inOwnProcessGroup(auto, c), async (e: unknown) => {
    commands.delete(key);
    throw await notPulumi(options.binary, e);
  }));
  const pulumiCommand = await commands.get(key)!;
  return new AutomationGateway(auto, pulumiCommand, { ...options.envVars });
}
