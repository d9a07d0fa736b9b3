/**
 * Runs a migration as a child process on this machine (dev profiles and integration tests).
 *
 * The process gets this machine's environment, then the contract's literal and output values, then the local
 * target's env. Secrets cannot be resolved from Secrets Manager or Key Vault here, so the local target's env must
 * supply every secret variable of the contract (e.g. DATABASE_URL); those values are redacted from the log tail.
 */
import { execa } from "execa";
import { createRedactor } from "../redact.js";
import type { LocalMigrationTarget, MigrationRequest, MigrationResult, MigrationRunner } from "../types.js";
import { systemClock, type Clock } from "./clock.js";
import { LineTail } from "./log-tail.js";
import { assertTargetCloud, startRun } from "./result.js";

export interface LocalCommandMigrationDeps {
  /** @default the system clock */
  readonly clock?: Clock;
  /**
   * How long a cancelled or timed-out process has after SIGTERM before it is killed with SIGKILL.
   * @default 5000
   */
  readonly forceKillAfterMs?: number;
}

export interface LocalMigrationEnv {
  /** The environment of the process (contract values, then the target's env). */
  readonly env: Record<string, string>;
  /** Values that stand for the contract's secrets: redacted from the log tail. */
  readonly secretValues: string[];
  /** Secret variables a migration cannot run without (DATABASE_URL) that the target's env does not supply. */
  readonly missingSecrets: string[];
  /** Other secret variables of the contract the target's env does not supply: left unset, and said so in the tail. */
  readonly unsetSecrets: string[];
}

/** What a migration needs to run at all (app-contract: the only hard requirement is the database). */
export const REQUIRED_FOR_MIGRATION = ["DATABASE_URL"];

/** Resolves the contract for a local run: literal and output values as they are, secrets from the target's env. */
export function resolveLocalMigrationEnv(request: MigrationRequest, target: LocalMigrationTarget): LocalMigrationEnv {
  const env: Record<string, string> = {};
  const secretValues: string[] = [];
  const missingSecrets: string[] = [];
  const unsetSecrets: string[] = [];
  for (const entry of request.env) {
    if (entry.source !== "secret") env[entry.name] = entry.value;
    else if (target.env[entry.name] !== undefined) secretValues.push(target.env[entry.name]);
    else if (REQUIRED_FOR_MIGRATION.includes(entry.name)) missingSecrets.push(entry.name);
    else unsetSecrets.push(entry.name);
  }
  return { env: { ...env, ...target.env }, secretValues, missingSecrets, unsetSecrets };
}

export class LocalCommandMigrationRunner implements MigrationRunner {
  private readonly clock: Clock;

  constructor(private readonly deps: LocalCommandMigrationDeps = {}) {
    this.clock = deps.clock ?? systemClock;
  }

  async run(request: MigrationRequest, signal: AbortSignal): Promise<MigrationResult> {
    assertTargetCloud("LocalCommandMigrationRunner", "local", request.target.cloud);
    const target = request.target as LocalMigrationTarget;
    const run = startRun(this.clock);
    const { env, secretValues, missingSecrets, unsetSecrets } = resolveLocalMigrationEnv(request, target);
    const secrets = [...(request.redact ?? []), ...secretValues];
    if (missingSecrets.length > 0) {
      return run.finish({
        status: "failed",
        reason: `secrets cannot be resolved locally: set ${missingSecrets.join(", ")} in the local target's env`,
      });
    }
    const [file, ...args] = request.command;
    if (file === undefined) return run.finish({ status: "failed", reason: "the migration command is empty" });
    if (signal.aborted) return run.finish({ status: "cancelled", reason: "cancelled before the command was started" });

    const tail = new LineTail();
    if (unsetSecrets.length > 0) tail.write(`[asc] not set for this local run (no variable of that name here): ${unsetSecrets.join(", ")}\n`);
    const subprocess = execa(file, args, {
      cwd: target.cwd,
      env,
      extendEnv: true,
      stdin: "ignore",
      all: true,
      buffer: false,
      reject: false,
      timeout: request.timeoutSeconds * 1000,
      cancelSignal: signal,
      forceKillAfterDelay: this.deps.forceKillAfterMs ?? 5000,
    });
    subprocess.all?.setEncoding("utf8");
    subprocess.all?.on("data", (chunk: string) => tail.write(chunk));
    const result = await subprocess;
    const logTail = tail.redacted(secrets);
    const runRef = subprocess.pid === undefined ? {} : { runRef: String(subprocess.pid) };
    const redactText = createRedactor(secrets);

    if (result.isCanceled) return run.finish({ status: "cancelled", reason: `cancelled; the process was stopped with ${result.signal ?? "SIGTERM"}`, logTail, ...runRef });
    if (result.timedOut) {
      return run.finish({ status: "timed-out", reason: `timed out after ${request.timeoutSeconds} s; the process was stopped with ${result.signal ?? "SIGTERM"}`, logTail, ...runRef });
    }
    if (result.exitCode === 0) return run.finish({ status: "succeeded", exitCode: 0, logTail, ...runRef });
    if (result.exitCode !== undefined) return run.finish({ status: "failed", exitCode: result.exitCode, reason: `exited with code ${result.exitCode}`, logTail, ...runRef });
    const why = result.signal ? `terminated by ${result.signal}` : redactText(result.originalMessage ?? result.shortMessage ?? "the process could not be started");
    return run.finish({ status: "failed", reason: why, logTail, ...runRef });
  }
}
