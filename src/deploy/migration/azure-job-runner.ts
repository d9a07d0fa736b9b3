/**
 * Runs a migration as an execution of the stack's Container Apps Job (manual trigger), then polls the execution
 * to a terminal status.
 *
 * The job's template already holds the release image, command and env (with Key Vault secret references) after
 * `provision`, so the execution is started without a template override: an override replaces the containers'
 * definitions, env and secret references included. The runner checks the job runs `request.image` first.
 * The API reports no exit code, and console logs reach Log Analytics only after an ingestion delay, so the log
 * tail holds the query to run instead.
 */
import type { ContainerAppsAPIClient, Jobs } from "@azure/arm-appcontainers";
import type { AzureMigrationTarget } from "../../contract/stack-outputs.js";
import { createRedactor } from "../redact.js";
import type { MigrationRequest, MigrationResult, MigrationRunner, MigrationStatus } from "../types.js";
import { systemClock, type Clock } from "./clock.js";
import { pollUntilDone, type PollCheck } from "./poll.js";
import { assertTargetCloud, describeError, startRun } from "./result.js";

/** The part of ContainerAppsAPIClient the runner calls; the real client satisfies it, tests pass a fake. */
export interface ContainerAppsJobsApi {
  readonly jobs: Pick<Jobs, "get" | "beginStartAndWait" | "beginStopExecutionAndWait">;
  jobExecution: ContainerAppsAPIClient["jobExecution"];
}

export interface AzureJobMigrationDeps {
  readonly api: ContainerAppsJobsApi;
  /** @default the system clock */
  readonly clock?: Clock;
  /**
   * Time between execution status reads.
   * @default 5000
   */
  readonly pollIntervalMs?: number;
}

export const DEFAULT_JOB_POLL_INTERVAL_MS = 5000;
/** How long stopping an execution may take before the runner gives up on it. */
const STOP_TIMEOUT_MS = 120_000;

/** Terminal execution statuses; Running, Processing and Unknown keep the runner polling. */
const TERMINAL_STATUS: Readonly<Record<string, MigrationStatus>> = { Succeeded: "succeeded", Failed: "failed", Stopped: "failed", Degraded: "failed" };

/** The Log Analytics query that finds an execution's console logs. */
export function jobExecutionLogQuery(jobName: string, executionName: string): string {
  return `ContainerAppConsoleLogs_CL | where ContainerJobName_s == "${jobName}" and ContainerGroupName_s startswith "${executionName}"`;
}

export class AzureJobMigrationRunner implements MigrationRunner {
  private readonly clock: Clock;
  private readonly pollIntervalMs: number;

  constructor(private readonly deps: AzureJobMigrationDeps) {
    this.clock = deps.clock ?? systemClock;
    this.pollIntervalMs = deps.pollIntervalMs ?? DEFAULT_JOB_POLL_INTERVAL_MS;
  }

  async run(request: MigrationRequest, signal: AbortSignal): Promise<MigrationResult> {
    assertTargetCloud("AzureJobMigrationRunner", "azure", request.target.cloud);
    const target = request.target as AzureMigrationTarget;
    const run = startRun(this.clock);
    const redactText = createRedactor(request.redact);
    if (signal.aborted) return run.finish({ status: "cancelled", reason: "cancelled before the job execution was started" });

    const imageProblem = await this.checkImage(target, request.image);
    if (imageProblem) return run.finish({ status: "failed", reason: redactText(imageProblem) });

    const deadline = this.clock.now() + request.timeoutSeconds * 1000;
    const started = await this.startExecution(target, request.timeoutSeconds, signal);
    if ("outcome" in started) return run.finish({ ...started.outcome, reason: redactText(started.outcome.reason) });
    const execution = started.executionName;

    const outcome = await pollUntilDone({ clock: this.clock, deadline, intervalMs: this.pollIntervalMs, signal }, () => this.checkExecution(target, execution));
    const logTail = [`[asc] Container Apps Jobs report no exit code; console logs (after an ingestion delay) in Log Analytics: ${jobExecutionLogQuery(target.jobName, execution)}`];
    if (outcome.kind === "done") {
      const status = TERMINAL_STATUS[outcome.value] ?? "failed";
      return run.finish({ status, ...(status === "succeeded" ? {} : { reason: `job execution ${execution} ended with status ${outcome.value}` }), logTail, runRef: execution });
    }
    const state = outcome.lastState ?? "Unknown";
    if (outcome.kind === "unknown") {
      // A run asc lost sight of is left alone: it may be mid-migration, and stopping it blind could do harm.
      const why =
        `lost sight of job execution ${execution}: reading its status kept failing until the ${request.timeoutSeconds} s deadline (${outcome.failedChecks} failed calls in a row, last: ${outcome.message}); ` +
        `asc did not stop it, so it may still be running or have finished. Check it with: az containerapp job execution show --resource-group ${target.resourceGroupName} --name ${target.jobName} --job-execution-name ${execution}`;
      return run.finish({ status: "unknown", reason: redactText(why), logTail, runRef: execution });
    }
    const [status, why]: [MigrationStatus, string] =
      outcome.kind === "timeout" ? ["timed-out", `timed out after ${request.timeoutSeconds} s while the execution was ${state}`] : ["cancelled", `cancelled while the execution was ${state}`];
    const stopNote = await this.stopExecution(target, execution);
    return run.finish({ status, reason: redactText(`${why}${stopNote}`), logTail, runRef: execution });
  }

  private async checkImage(target: AzureMigrationTarget, image: string): Promise<string | undefined> {
    try {
      const job = await this.deps.api.jobs.get(target.resourceGroupName, target.jobName);
      const images = (job.template?.containers ?? []).map((c) => c.image ?? "(none)");
      if (images.includes(image)) return undefined;
      return `job ${target.jobName} runs image ${images.join(", ") || "(none)"}, not the release image ${image}; provision must move the migration job to the new image first`;
    } catch (error) {
      return `reading job ${target.jobName} failed: ${describeError(error)}`;
    }
  }

  /** Starts an execution. Starting is bounded by the migration timeout too, in case the start operation outlives it. */
  private async startExecution(
    target: AzureMigrationTarget,
    timeoutSeconds: number,
    signal: AbortSignal,
  ): Promise<{ executionName: string } | { outcome: { status: MigrationStatus; reason: string } }> {
    const startDeadline = AbortSignal.timeout(timeoutSeconds * 1000);
    try {
      const execution = await this.deps.api.jobs.beginStartAndWait(target.resourceGroupName, target.jobName, {
        abortSignal: AbortSignal.any([signal, startDeadline]),
        updateIntervalInMs: this.pollIntervalMs,
      });
      if (!execution.name) return { outcome: { status: "failed", reason: `starting job ${target.jobName} returned no execution name` } };
      return { executionName: execution.name };
    } catch (error) {
      if (signal.aborted) return { outcome: { status: "cancelled", reason: "cancelled while the job execution was starting" } };
      if (startDeadline.aborted) return { outcome: { status: "timed-out", reason: `timed out after ${timeoutSeconds} s while the job execution was starting` } };
      return { outcome: { status: "failed", reason: `starting job ${target.jobName} failed: ${describeError(error)}` } };
    }
  }

  private async checkExecution(target: AzureMigrationTarget, execution: string): Promise<PollCheck<string>> {
    const status = (await this.deps.api.jobExecution(target.resourceGroupName, target.jobName, execution)).status ?? "Unknown";
    return Object.hasOwn(TERMINAL_STATUS, status) ? { done: true, value: status } : { done: false, state: status };
  }

  private async stopExecution(target: AzureMigrationTarget, execution: string): Promise<string> {
    try {
      await this.deps.api.jobs.beginStopExecutionAndWait(target.resourceGroupName, target.jobName, execution, {
        updateIntervalInMs: this.pollIntervalMs,
        abortSignal: AbortSignal.timeout(STOP_TIMEOUT_MS),
      });
      return "; the execution was stopped";
    } catch (error) {
      return `; stopping the execution failed: ${describeError(error)}`;
    }
  }
}
