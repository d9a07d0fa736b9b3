/**
 * Runs a migration as a one-off ECS task on Fargate in the stack's private subnets, waits for it to stop,
 * reads the container's exit code and tails its CloudWatch log stream.
 *
 * RunTask overrides cannot change a container's image, only its command (and env). The release flow moves the
 * migration task definition to the new image during `provision`, so before starting the runner checks that the
 * task definition's container runs `request.image` and refuses otherwise. Env is not overridden either: the task
 * definition was built from the same env contract, and secrets can only come from the definition's `secrets`.
 */
import { createHash } from "node:crypto";
import { GetLogEventsCommand, type CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeTaskDefinitionCommand, DescribeTasksCommand, RunTaskCommand, StopTaskCommand, type ECSClient, type RunTaskCommandInput, type Task } from "@aws-sdk/client-ecs";
import type { AwsMigrationTarget } from "../../contract/stack-outputs.js";
import { createRedactor } from "../redact.js";
import type { MigrationRequest, MigrationResult, MigrationRunner } from "../types.js";
import { systemClock, type Clock } from "./clock.js";
import { LineTail } from "./log-tail.js";
import { pollUntilDone, type PollCheck, type PollOutcome } from "./poll.js";
import { assertTargetCloud, describeError, errorName, startRun } from "./result.js";

export interface AwsEcsMigrationDeps {
  readonly ecs: ECSClient;
  readonly logs: CloudWatchLogsClient;
  /** @default the system clock */
  readonly clock?: Clock;
  /**
   * Time between DescribeTasks calls.
   * @default 5000
   */
  readonly pollIntervalMs?: number;
}

export const DEFAULT_ECS_POLL_INTERVAL_MS = 5000;
/** A guard against a log stream whose forward token never repeats. */
const MAX_LOG_PAGES = 1000;

/** `startedBy` of the task: `asc/<runId>`, limited to the 128 characters ECS allows (letters, digits, `-`, `_`, `/`). */
export function migrationStartedBy(runId: string): string {
  return `asc/${runId}`.replace(/[^A-Za-z0-9_/-]/g, "-").slice(0, 128);
}

/** RunTask's idempotency token: the same run id always yields the same 64-character token, so a retried call starts no second task. */
export function migrationClientToken(runId: string): string {
  return `asc-${createHash("sha256").update(runId).digest("hex").slice(0, 60)}`;
}

/** The exact RunTask input for a migration request. */
export function buildRunTaskInput(request: MigrationRequest, target: AwsMigrationTarget): RunTaskCommandInput {
  return {
    cluster: target.clusterArn,
    taskDefinition: target.taskDefinitionArn,
    launchType: "FARGATE",
    count: 1,
    networkConfiguration: {
      awsvpcConfiguration: { subnets: [...target.subnetIds], securityGroups: [...target.securityGroupIds], assignPublicIp: "DISABLED" },
    },
    ...(request.command.length > 0 ? { overrides: { containerOverrides: [{ name: target.containerName, command: [...request.command] }] } } : {}),
    startedBy: migrationStartedBy(request.runId),
    clientToken: migrationClientToken(request.runId),
  };
}

/** The awslogs stream of the task's container: `<prefix>/<container>/<taskId>`. */
export function migrationLogStreamName(target: AwsMigrationTarget, taskArn: string): string {
  return `${target.logStreamPrefix}/${target.containerName}/${taskArn.split("/").pop() ?? taskArn}`;
}

export class AwsEcsMigrationRunner implements MigrationRunner {
  private readonly clock: Clock;
  private readonly pollIntervalMs: number;

  constructor(private readonly deps: AwsEcsMigrationDeps) {
    this.clock = deps.clock ?? systemClock;
    this.pollIntervalMs = deps.pollIntervalMs ?? DEFAULT_ECS_POLL_INTERVAL_MS;
  }

  async run(request: MigrationRequest, signal: AbortSignal): Promise<MigrationResult> {
    assertTargetCloud("AwsEcsMigrationRunner", "aws", request.target.cloud);
    const target = request.target as AwsMigrationTarget;
    const run = startRun(this.clock);
    const redactText = createRedactor(request.redact);
    if (signal.aborted) return run.finish({ status: "cancelled", reason: "cancelled before the task was started" });

    const imageProblem = await this.checkImage(target, request.image);
    if (imageProblem) return run.finish({ status: "failed", reason: redactText(imageProblem) });

    const started = await this.startTask(request, target);
    if ("problem" in started) return run.finish({ status: "failed", reason: redactText(started.problem) });
    const taskArn = started.taskArn;

    const deadline = this.clock.now() + request.timeoutSeconds * 1000;
    const outcome = await pollUntilDone({ clock: this.clock, deadline, intervalMs: this.pollIntervalMs, signal }, () => this.checkTask(target, taskArn));
    let status: MigrationResult["status"];
    let exitCode: number | undefined;
    let reason: string | undefined;
    if (outcome.kind === "done") {
      ({ status, exitCode, reason } = interpretStoppedTask(outcome.value, target.containerName));
    } else {
      const unfinished = describeUnfinished(outcome, request, target, taskArn);
      status = unfinished.status;
      // A run asc lost sight of is left alone: it may be mid-migration, and stopping it blind could do harm.
      reason = unfinished.stopReason === undefined ? unfinished.reason : `${unfinished.reason}${await this.stopTask(target, taskArn, unfinished.stopReason)}`;
    }
    const logTail = await this.readLogTail(target, taskArn, request.redact ?? []);
    return run.finish({ status, ...(exitCode !== undefined ? { exitCode } : {}), ...(reason !== undefined ? { reason: redactText(reason) } : {}), logTail, runRef: taskArn });
  }

  /** Returns why the task definition cannot run this release, or undefined when its container runs `image`. */
  private async checkImage(target: AwsMigrationTarget, image: string): Promise<string | undefined> {
    try {
      const out = await this.deps.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: target.taskDefinitionArn }));
      const container = out.taskDefinition?.containerDefinitions?.find((c) => c.name === target.containerName);
      if (!container) return `task definition ${target.taskDefinitionArn} has no container named "${target.containerName}"`;
      if (container.image !== image) {
        return `task definition ${target.taskDefinitionArn} runs image ${container.image ?? "(none)"}, not the release image ${image}; RunTask cannot override the image, so provision must move the migration task definition to the new image first`;
      }
      return undefined;
    } catch (error) {
      return `DescribeTaskDefinition failed: ${describeError(error)}`;
    }
  }

  private async startTask(request: MigrationRequest, target: AwsMigrationTarget): Promise<{ taskArn: string } | { problem: string }> {
    try {
      const out = await this.deps.ecs.send(new RunTaskCommand(buildRunTaskInput(request, target)));
      if (out.failures && out.failures.length > 0) {
        return { problem: `RunTask failed: ${out.failures.map((f) => [f.arn, f.reason, f.detail].filter(Boolean).join(" ")).join("; ")}` };
      }
      const taskArn = out.tasks?.[0]?.taskArn;
      return taskArn ? { taskArn } : { problem: "RunTask returned no task and no failure" };
    } catch (error) {
      return { problem: `RunTask failed: ${describeError(error)}` };
    }
  }

  private async checkTask(target: AwsMigrationTarget, taskArn: string): Promise<PollCheck<Task>> {
    const out = await this.deps.ecs.send(new DescribeTasksCommand({ cluster: target.clusterArn, tasks: [taskArn] }));
    // Right after RunTask the task may be reported MISSING (eventual consistency): keep polling.
    const task = out.tasks?.find((t) => t.taskArn === taskArn);
    if (!task?.lastStatus) return { done: false };
    return task.lastStatus === "STOPPED" ? { done: true, value: task } : { done: false, state: task.lastStatus };
  }

  /** Stops the task; returns "" or a note for the reason when stopping failed. */
  private async stopTask(target: AwsMigrationTarget, taskArn: string, reason: string): Promise<string> {
    try {
      await this.deps.ecs.send(new StopTaskCommand({ cluster: target.clusterArn, task: taskArn, reason: reason.slice(0, 255) }));
      return "; the task was stopped";
    } catch (error) {
      return `; stopping the task failed: ${describeError(error)}`;
    }
  }

  private async readLogTail(target: AwsMigrationTarget, taskArn: string, secrets: readonly string[]): Promise<string[]> {
    const logStreamName = migrationLogStreamName(target, taskArn);
    const tail = new LineTail();
    let token: string | undefined;
    try {
      for (let page = 0; page < MAX_LOG_PAGES; page++) {
        const out = await this.deps.logs.send(
          new GetLogEventsCommand({ logGroupName: target.logGroupName, logStreamName, startFromHead: true, ...(token ? { nextToken: token } : {}) }),
        );
        for (const event of out.events ?? []) if (event.message !== undefined) tail.push(event.message);
        if (!out.nextForwardToken || out.nextForwardToken === token) break;
        token = out.nextForwardToken;
      }
    } catch (error) {
      // The stream does not exist when the container never started.
      if (errorName(error) !== "ResourceNotFoundException") {
        tail.push(`[asc] could not read log stream ${target.logGroupName}/${logStreamName}: ${describeError(error)}`);
      }
    }
    return tail.redacted(secrets);
  }
}

/** Why a task that did not reach STOPPED is being stopped: the status to report, the reason, and StopTask's reason. */
function describeUnfinished(outcome: Exclude<PollOutcome<Task>, { kind: "done" }>, request: MigrationRequest, target: AwsMigrationTarget, taskArn: string): { status: MigrationResult["status"]; reason: string; stopReason?: string } {
  const state = outcome.lastState ?? "PENDING";
  switch (outcome.kind) {
    case "timeout":
      return { status: "timed-out" as const, reason: `timed out after ${request.timeoutSeconds} s while the task was ${state}`, stopReason: `asc: migration timed out (run ${request.runId})` };
    case "cancelled":
      return { status: "cancelled" as const, reason: `cancelled while the task was ${state}`, stopReason: `asc: migration cancelled (run ${request.runId})` };
    case "unknown":
      return {
        status: "unknown" as const,
        reason:
          `lost sight of task ${taskArn}: DescribeTasks kept failing until the ${request.timeoutSeconds} s deadline (${outcome.failedChecks} failed calls in a row, last: ${outcome.message}); ` +
          `asc did not stop it, so it may still be running or have finished. Check it with: aws ecs describe-tasks --region ${target.region} --cluster ${target.clusterArn} --tasks ${taskArn} ` +
          `(lastStatus, containers[].exitCode); stop it with aws ecs stop-task if needed`,
      };
  }
}

/** Maps a STOPPED task to a result: exit 0 succeeds; a task that never started or has no exit code fails with its reason. */
export function interpretStoppedTask(task: Task, containerName: string): { status: "succeeded" | "failed"; exitCode?: number; reason?: string } {
  const container = task.containers?.find((c) => c.name === containerName) ?? task.containers?.[0];
  const exitCode = container?.exitCode;
  const stopped = [task.stopCode, task.stoppedReason].filter(Boolean).join(": ");
  const containerReason = container?.reason ? `; container: ${container.reason}` : "";
  if (task.stopCode === "TaskFailedToStart" || exitCode === undefined) {
    const what = task.stopCode === "TaskFailedToStart" ? "the task failed to start" : "the task stopped without an exit code";
    return { status: "failed", reason: oneLine(`${what} (${stopped || "no reason given"})${containerReason}`) };
  }
  if (exitCode === 0) return { status: "succeeded", exitCode };
  return { status: "failed", exitCode, reason: oneLine(`container "${container?.name ?? containerName}" exited with code ${exitCode} (${stopped || "no reason given"})${containerReason}`) };
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ");
}
