/**
 * The migrate phase: a one-off run of the new image through the runner for the stack's cloud (ECS task, Container
 * Apps Job), with the `migrate` env contract. Anything but success stops the run before the services move (exit 5).
 */
import type { StackOutputs } from "../../contract/stack-outputs.js";
import { readReleaseRecord, RELEASE_OUTPUT } from "../../config/release-images.js";
import { contractFromStackOutputs } from "../../contract/from-outputs.js";
import { ExitCode } from "../../errors.js";
import type { EnvEntry } from "../../contract/types.js";
import type { LocalMigrationTarget, MigrationTarget } from "../types.js";
import { PhaseFailure, plainOutputs, type RunContext, type RunState } from "./run-context.js";

/**
 * A local run (dev only) gets secrets from this process's environment: for each secret variable of the contract, a
 * variable of the same name (DATABASE_URL pointing at a reachable Postgres, for example).
 */
function localTarget(ctx: RunContext, env: readonly EnvEntry<string>[]): LocalMigrationTarget {
  const secrets = Object.fromEntries(
    env.flatMap((e) => {
      const value = e.source === "secret" ? ctx.env[e.name] : undefined;
      return value === undefined ? [] : [[e.name, value] as const];
    }),
  );
  ctx.secrets.add(...Object.values(secrets));
  return { cloud: "local", cwd: ctx.profile.root, env: secrets };
}

export async function migratePhase(ctx: RunContext, state: RunState): Promise<void> {
  const outputs = plainOutputs(state.outputs) as Partial<StackOutputs> & Record<string, unknown>;
  const platformTarget = outputs.migration;
  if (ctx.plan.migrationRunner === "platform" && (!platformTarget || (platformTarget.cloud !== "aws" && platformTarget.cloud !== "azure"))) {
    throw new PhaseFailure("the stack has no `migration` output to run the migration with (it is not deployed, or was deployed by an older asc): run asc deploy first", ExitCode.migrationFailed);
  }
  const image = state.migrationImage ?? readReleaseRecord(outputs[RELEASE_OUTPUT])?.migration ?? state.images.api;
  state.migrationImage = image;
  let env;
  try {
    env = contractFromStackOutputs(state.config, outputs as StackOutputs).migrate ?? [];
  } catch (e) {
    throw new PhaseFailure(`the stack outputs do not give the migration its env contract: ${e instanceof Error ? e.message : String(e)}`, ExitCode.migrationFailed);
  }
  const target: MigrationTarget = ctx.plan.migrationRunner === "local" || !platformTarget ? localTarget(ctx, env) : platformTarget;
  const runner = await ctx.services.migrationRunner(target);
  ctx.emitter.emit("migrate", { type: "log", level: "info", message: `running ${state.config.migrations.command.join(" ")} in ${image}` });
  const result = await runner.run({ runId: ctx.plan.runId, image, command: state.config.migrations.command, env, target, timeoutSeconds: state.config.migrations.timeoutSeconds, redact: ctx.secrets.list() }, ctx.signal);
  state.migration = { ...result, logTail: result.logTail.map(ctx.secrets.redact) };
  ctx.emitter.emit("migrate", { type: "migration", status: result.status, ...(result.exitCode !== undefined ? { exitCode: result.exitCode } : {}), ...(result.reason ? { reason: result.reason } : {}), ...(result.runRef ? { runRef: result.runRef } : {}) });
  if (result.status === "succeeded") return runReleaseSteps(ctx, state, outputs, env, target);
  const code = result.exitCode !== undefined ? ` with exit code ${result.exitCode}` : "";
  const tail = result.logTail.slice(-5).join("\n");
  throw new PhaseFailure(`migration ${result.status}${code}${result.reason ? `: ${result.reason}` : ""}; ${servicesAfterFailedMigration(ctx, state)}${tail ? `\nlast log lines:\n${tail}` : ""}`, ExitCode.migrationFailed);
}

/**
 * asc:migrations.steps, in order, after a successful migration: each through the same runner as the migration, on
 * its own task definition or job from the stack's `releaseSteps` output (locally, in this process's environment,
 * like a local migration). A step that does not succeed stops the release with exit 5.
 */
async function runReleaseSteps(ctx: RunContext, state: RunState, outputs: Partial<StackOutputs>, env: readonly EnvEntry<string>[], migrationTarget: MigrationTarget): Promise<void> {
  const configured = state.config.migrations.steps;
  if (configured.length === 0) return;
  const deployed = new Map((outputs.releaseSteps ?? []).map((s) => [s.name, s]));
  for (const step of configured) {
    const platform = deployed.get(step.name);
    if (migrationTarget.cloud !== "local" && !platform) {
      throw new PhaseFailure(`release step "${step.name}" is in asc:migrations.steps but not in the stack (no task definition or job for it): run asc deploy so the stack creates it`, ExitCode.migrationFailed);
    }
    const image = platform?.image ?? step.image ?? state.migrationImage ?? state.images.api;
    const target = migrationTarget.cloud === "local" ? migrationTarget : platform!.target;
    const runner = await ctx.services.migrationRunner(target);
    ctx.emitter.emit("migrate", { type: "log", level: "info", message: `release step ${step.name}: running ${step.command.join(" ")} in ${image}` });
    const result = await runner.run({ runId: ctx.plan.runId, image, command: step.command, env, target, timeoutSeconds: state.config.migrations.timeoutSeconds, redact: ctx.secrets.list() }, ctx.signal);
    state.releaseSteps.push({ name: step.name, image, command: [...step.command], ...result, logTail: result.logTail.map(ctx.secrets.redact) });
    ctx.emitter.emit("migrate", { type: "migration", step: step.name, status: result.status, ...(result.exitCode !== undefined ? { exitCode: result.exitCode } : {}), ...(result.reason ? { reason: result.reason } : {}), ...(result.runRef ? { runRef: result.runRef } : {}) });
    if (result.status !== "succeeded") {
      const code = result.exitCode !== undefined ? ` with exit code ${result.exitCode}` : "";
      throw new PhaseFailure(`release step "${step.name}" ${result.status}${code}${result.reason ? `: ${result.reason}` : ""}; the steps after it did not run; ${servicesAfterFailedMigration(ctx, state)}`, ExitCode.migrationFailed);
    }
  }
}

/** What a failed migration leaves the services at, true for each way the provision update treated them. */
export function servicesAfterFailedMigration(ctx: RunContext, state: RunState): string {
  if (ctx.plan.kind === "migrate") return "the services were not changed (asc migrate leaves them where they are)";
  switch (state.provision) {
    case "held":
      return "no service was started (first deploy: the services stay held until a migration succeeds)";
    case "kept":
      return "the services were not updated";
    case "rolled":
      return ctx.plan.migrations === "after"
        ? "the services already run the new images (--migrations after rolled them before the migration)"
        : "the services were already rolled during provision (their images did not change)";
    default:
      return "the services were not updated";
  }
}
