/**
 * Carries out a run plan: the phases in order, each recorded with its timestamps and result; a failing phase stops
 * the ones after it; a verification failure can roll back to the previous images; and the report is written
 * whatever happened (failure, cancel, crash). Returns the exit code; never exits the process.
 */
import { sameServiceImages, type ReleaseRecord } from "../../config/release-images.js";
import { ExitCode, formatProblems, isAscUserError } from "../../errors.js";
import { findExemption } from "../../policies/enforcement.js";
import { isPulumiCommandFailure } from "../pulumi/errors.js";
import type { PhaseName, PhaseResult, RunStatus } from "./events.js";
import { migratePhase } from "./migrate.js";
import { planProvision } from "./plan.js";
import { digestOf, writeReport, type ReportPaths, type RunReport } from "./report.js";
import { maskedOutputs, PhaseFailure, PhaseSkipped, plainOutputs, type RunContext, type RunState } from "./run-context.js";
import { confirmRollout } from "./rollout.js";
import { runStackUpdate } from "./stack-update.js";
import { validatePhase } from "./validate.js";
import { verifyPhase } from "./verify.js";

export interface RunOutcome {
  readonly exitCode: number;
  readonly status: RunStatus;
  readonly report: RunReport;
  /** Null when the report could not be written (the reason is in an event). */
  readonly paths: ReportPaths | null;
  /** A bug (not a failed phase): the caller shows it as a crash after the report is written. */
  readonly crash?: unknown;
}

type PhaseFn = (ctx: RunContext, state: RunState) => Promise<void | PhaseSkipped>;

async function provisionPhase(ctx: RunContext, state: RunState): Promise<void> {
  if (ctx.plan.kind === "migrate" && !state.previous) throw new PhaseFailure(`the stack ${ctx.plan.stack} records no released images to hold the services at: run asc deploy first`, ExitCode.userError);
  const step = planProvision({ ...ctx.plan, images: state.images }, state.previous);
  state.provision = step.services;
  state.servicesAtTarget = step.services === "rolled" || ctx.plan.kind === "migrate";
  state.migrationImage = step.images.migration;
  state.phaseImages.provision = step.images;
  const before = state.outputs;
  const since = ctx.now();
  await runStackUpdate(ctx, state, "provision", step.images, { holdServices: step.services === "held" });
  checkMigrationMoved(state, before, step.images);
  if (step.services === "rolled") await confirmRollout(ctx, state, "provision", step.images.services, ExitCode.provisionFailed, since);
}

const taskDefinitionOf = (outputs: RunState["outputs"]) => {
  const migration = plainOutputs(outputs).migration as { cloud?: string; taskDefinitionArn?: string } | undefined;
  return migration?.cloud === "aws" ? migration.taskDefinitionArn : undefined;
};

/**
 * On AWS a new migration image means a new task definition revision. When the migration image changed but the
 * task definition did not, the program ignored asc:migrationImage: migrating now would run the old image.
 */
function checkMigrationMoved(state: RunState, before: RunState["outputs"], images: ReleaseRecord): void {
  if (!state.previous || state.previous.migration === images.migration) return;
  const old = taskDefinitionOf(before);
  if (old === undefined || old !== taskDefinitionOf(state.outputs)) return;
  throw new PhaseFailure(
    `the stack update did not move the migration task to ${images.migration}: its task definition is still ${old}, so the program ignores asc:migrationImage. ` +
      "Refusing to migrate with the old image. Fix: the blueprint must build the migration task from asc:migrationImage; until then deploy with --migrations after.",
    ExitCode.provisionFailed,
  );
}

async function releasePhase(ctx: RunContext, state: RunState): Promise<void | PhaseSkipped> {
  if (state.servicesAtTarget) return new PhaseSkipped("the services already run these images");
  const images = { services: state.images, migration: state.images.api };
  state.phaseImages.release = images;
  const since = ctx.now();
  await runStackUpdate(ctx, state, "release", images);
  await confirmRollout(ctx, state, "release", images.services, ExitCode.provisionFailed, since);
}

const PHASES: Record<Exclude<PhaseName, "rollback">, PhaseFn> = {
  validate: validatePhase,
  provision: provisionPhase,
  migrate: migratePhase,
  release: releasePhase,
  verify: verifyPhase,
};

interface PhaseOutcome {
  readonly exitCode: number;
  readonly result: PhaseResult;
  readonly message?: string;
  readonly crash?: unknown;
}

function classify(phase: PhaseName, error: unknown, ctx: RunContext): PhaseOutcome {
  if (ctx.signal.aborted) return { exitCode: ExitCode.cancelled, result: "cancelled", message: "cancelled by the operator (SIGINT)" };
  if (isAscUserError(error)) return { exitCode: error.exitCode, result: "failed", message: `${error.title}\n${formatProblems(error.problems)}` };
  if (error instanceof PhaseFailure) return { exitCode: error.exitCode, result: "failed", message: error.message };
  if (isPulumiCommandFailure(error)) {
    const hint = error.kind === "stack-not-found" ? `\nfix: the stack ${ctx.plan.stack} does not exist on this backend; deploy it first with asc deploy --profile ${ctx.plan.profile}` : "";
    return { exitCode: phase === "validate" ? ExitCode.userError : ExitCode.provisionFailed, result: "failed", message: `pulumi: ${error.message}${hint}` };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { exitCode: ExitCode.crash, result: "failed", message: `asc crashed: ${message}`, crash: error };
}

async function runPhase(ctx: RunContext, state: RunState, name: PhaseName, fn: () => Promise<void | PhaseSkipped>): Promise<PhaseOutcome> {
  const started = ctx.now();
  ctx.emitter.emit(name, { type: "phase.start" });
  let outcome: PhaseOutcome;
  try {
    const out = await fn();
    outcome = out instanceof PhaseSkipped ? { exitCode: 0, result: "skipped", message: out.message } : { exitCode: 0, result: "succeeded" };
  } catch (e) {
    outcome = classify(name, e, ctx);
  }
  const ended = ctx.now();
  const durationMs = ended.getTime() - started.getTime();
  const images = state.phaseImages[name];
  state.phases.push({ name, result: outcome.result, startedAt: started.toISOString(), endedAt: ended.toISOString(), durationMs, ...(outcome.message ? { message: outcome.message } : {}), ...(images ? { images } : {}) });
  ctx.emitter.emit(name, { type: "phase.end", result: outcome.result, durationMs, ...(outcome.message ? { message: outcome.message } : {}) });
  return outcome;
}

function recordNotRun(ctx: RunContext, state: RunState, name: PhaseName, why: string): void {
  const at = ctx.now().toISOString();
  state.phases.push({ name, result: "skipped", startedAt: at, endedAt: at, durationMs: 0, message: `not run: ${why}` });
}

/**
 * Whether --rollback-on-failure applies: a failed verification, or a failed or partial release (the release update
 * failed, or the platform did not confirm it; also a provision update that rolled the services itself).
 */
export function needsRollback(exitCode: number, failedPhase: PhaseName | undefined, provision: RunState["provision"]): boolean {
  if (exitCode === ExitCode.verificationFailed) return true;
  if (exitCode !== ExitCode.provisionFailed) return false;
  return failedPhase === "release" || (failedPhase === "provision" && provision === "rolled");
}

/** After a failed verification or release: redeploy the release the stack ran before (migrations are not reverted). */
async function rollbackAfterFailure(ctx: RunContext, state: RunState): Promise<number | undefined> {
  const previous = state.previous;
  if (!previous || sameServiceImages(previous.services, state.images)) {
    const message = previous ? "the previous release ran the same images" : "no previous release is recorded";
    state.rollback = { images: previous?.services ?? state.images, result: "skipped", message };
    recordNotRun(ctx, state, "rollback", message);
    ctx.emitter.emit("rollback", { type: "log", level: "warn", message: `rollback not possible: ${message}` });
    return undefined;
  }
  state.phaseImages.rollback = previous;
  const outcome = await runPhase(ctx, state, "rollback", async () => {
    const since = ctx.now();
    await runStackUpdate(ctx, state, "rollback", previous);
    await confirmRollout(ctx, state, "rollback", previous.services, ExitCode.provisionFailed, since);
  });
  state.rollback = { images: previous.services, result: outcome.result, ...(outcome.message ? { message: outcome.message } : {}) };
  return outcome.exitCode === ExitCode.cancelled ? ExitCode.cancelled : undefined;
}

function buildReport(ctx: RunContext, state: RunState, exitCode: number, status: RunStatus, started: Date): RunReport {
  const ended = ctx.now();
  return {
    version: 1,
    runId: ctx.plan.runId,
    kind: ctx.plan.kind,
    status,
    exitCode,
    profile: ctx.plan.profile,
    stack: ctx.plan.stack,
    cloud: ctx.plan.cloud,
    tier: ctx.plan.tier,
    gitSha: ctx.services.gitSha(ctx.profile.root),
    user: ctx.services.user(),
    startedAt: started.toISOString(),
    endedAt: ended.toISOString(),
    durationMs: ended.getTime() - started.getTime(),
    backend: state.backend,
    pulumiVersion: state.gateway?.version ?? null,
    migrations: ctx.plan.migrations,
    images: { target: state.images, previous: state.previous?.services ?? null, ...(state.rollbackOf ? { rollbackOf: state.rollbackOf } : {}), migration: state.migration ? (state.migrationImage ?? null) : null, digests: { api: digestOf(state.images.api), web: digestOf(state.images.web) } },
    phases: state.phases,
    changes: state.changes,
    policies: { results: state.policies, engine: Object.values(state.previews).flatMap((p) => p?.policies ?? []), exemptions: usedExemptions(state) },
    previews: state.previews,
    drift: state.drift,
    migration: state.migration,
    releaseSteps: state.releaseSteps,
    health: state.health,
    rollout: state.rollout,
    rollback: state.rollback,
    outputs: maskedOutputs(state.outputs),
    error: state.error,
  };
}

export function initialState(ctx: RunContext): RunState {
  return { backend: null, config: ctx.profile.config, images: ctx.plan.images, servicesAtTarget: false, phases: [], phaseImages: {}, changes: {}, policies: [], previews: {}, drift: {}, migration: null, releaseSteps: [], health: [], rollout: {}, rollback: null, error: null };
}

export async function executeRun(ctx: RunContext): Promise<RunOutcome> {
  const started = ctx.now();
  const state = initialState(ctx);
  const { plan } = ctx;
  ctx.secrets.addFromEnv(ctx.env);
  ctx.emitter.emit(null, { type: "run.start", kind: plan.kind, profile: plan.profile, stack: plan.stack, tier: plan.tier, cloud: plan.cloud, phases: plan.phases });
  let exitCode: number = ExitCode.ok;
  let crash: unknown;
  let failedPhase: PhaseName | undefined;
  for (const name of plan.phases) {
    if (exitCode !== ExitCode.ok) {
      recordNotRun(ctx, state, name, exitCode === ExitCode.cancelled ? "the run was cancelled" : "an earlier phase failed");
      continue;
    }
    if (ctx.signal.aborted) {
      exitCode = ExitCode.cancelled;
      state.error = "cancelled by the operator (SIGINT)";
      recordNotRun(ctx, state, name, "the run was cancelled");
      continue;
    }
    const outcome = await runPhase(ctx, state, name, () => PHASES[name as Exclude<PhaseName, "rollback">](ctx, state));
    if (outcome.exitCode !== ExitCode.ok) {
      exitCode = outcome.exitCode;
      failedPhase = name;
      crash = outcome.crash;
      state.error = `${name}: ${outcome.message ?? outcome.result}`;
    }
  }
  if (plan.rollbackOnFailure && needsRollback(exitCode, failedPhase, state.provision)) exitCode = (await rollbackAfterFailure(ctx, state)) ?? exitCode;
  const status: RunStatus = exitCode === ExitCode.ok ? "succeeded" : exitCode === ExitCode.cancelled ? "cancelled" : "failed";
  const report = buildReport(ctx, state, exitCode, status, started);
  let paths: ReportPaths | null = null;
  try {
    paths = writeReport(ctx.reportDir, report, ctx.secrets.redact);
  } catch (e) {
    ctx.emitter.emit(null, { type: "log", level: "error", message: `could not write the report to ${ctx.reportDir}: ${e instanceof Error ? e.message : String(e)}` });
  }
  ctx.emitter.emit(null, { type: "run.end", status, exitCode, report: paths });
  return { exitCode, status, report, paths, ...(crash !== undefined ? { crash } : {}) };
}

/** The profile's exemptions that covered a violation in this run (the report lists only those). */
function usedExemptions(state: RunState): RunState["config"]["policyExemptions"] {
  const exempt = state.policies.filter((p) => p.enforcement === "exempt");
  return state.config.policyExemptions.filter((e) => exempt.some((p) => findExemption([e], p.policy, { name: p.name ?? "", urn: p.urn })));
}
