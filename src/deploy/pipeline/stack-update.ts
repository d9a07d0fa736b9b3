/**
 * Stack updates (`pulumi up` through the Automation API) for the provision, release and rollback phases: the
 * inline program is defineStack with the images of that step, the run id and images go in the update message,
 * and engine events become pipeline events. Each update is previewed first (with the policy pack): a mandatory
 * violation is exit 3 with no `up`; production confirms with the previewed diff. The update is not bound to its
 * preview (Pulumi's update plans are experimental); when its changes differ, the run says so. A locked stack or a
 * failed update is exit 4.
 */
import { formatUpdateMessage, withReleasedImages, type ReleaseRecord } from "../../config/release-images.js";
import type { BlueprintConfig } from "../../config/schema.js";
import { AscUserError, ExitCode } from "../../errors.js";
import type { PlanPolicyResult } from "../../preview/plan.js";
import { describeLock, isPulumiCommandFailure } from "../pulumi/errors.js";
import type { EngineEvent, StackOperationOptions } from "../pulumi/gateway.js";
import { engineEventHandler } from "./engine-events.js";
import type { PhaseName } from "./events.js";
import { compareDiffs, describeCounts, destructive, diffCollector, diffLines, type ResourceDiffEntry } from "./preview-diff.js";
import { PhaseFailure, secretStrings, type RunContext, type RunState } from "./run-context.js";

/** How one update treats the services beyond their images. */
export interface StackUpdateOptions {
  /** asc:holdServices: create the services without running them (a first deploy's provision). @default false */
  readonly holdServices?: boolean;
}

/** The config one update deploys: services on `images.services` (held or not), the migration on `images.migration`. */
export function configForImages(config: BlueprintConfig, images: ReleaseRecord, options: StackUpdateOptions = {}): BlueprintConfig {
  const { holdServices: _hold, ...rest } = withReleasedImages(config, images);
  return options.holdServices ? { ...rest, holdServices: true } : rest;
}

/**
 * The update message records the release this update deploys (services, migration, rotation epochs): `pulumi stack
 * history` keeps it on every backend, and `asc rollback` reads earlier releases from there.
 */
export const updateMessage = (runId: string, phase: PhaseName, images: ReleaseRecord, options: StackUpdateOptions = {}): string =>
  formatUpdateMessage({ runId, phase, held: options.holdServices ?? false, release: images });

/** Counts the steps the engine finished (`resOutputsEvent`, by op) and the ones that failed (`resOpFailedEvent`). */
export function countStep(event: EngineEvent, counts: Record<string, number>): void {
  const op = event.resOutputsEvent ? event.resOutputsEvent.metadata.op : event.resOpFailedEvent ? "failed" : undefined;
  if (op) counts[op] = (counts[op] ?? 0) + 1;
}

export function lockedMessage(stack: string, detail: string): string {
  const holder = describeLock(detail);
  return [
    `The stack ${stack} is locked by another update${holder ? `: ${holder.replace(/\.$/, "")}` : ""}.`,
    "Wait for that update to finish, then run asc again.",
    `If no update is running (a crashed run left the lock behind), remove it with: pulumi cancel --stack ${stack} --yes`,
  ].join("\n");
}

/** The production confirmation, with what the preview says the update does. */
export function confirmationQuestion(ctx: RunContext, state: RunState, phase: PhaseName, changes: readonly ResourceDiffEntry[]): string {
  const from = state.previous ? `api ${state.previous.services.api}, web ${state.previous.services.web}` : "(nothing released yet)";
  const lost = destructive(changes);
  return [
    `${ctx.plan.kind} production stack ${ctx.plan.stack}: ${from} → api ${state.images.api}, web ${state.images.web}.`,
    ...(state.rollbackOf ? [`The release of run ${state.rollbackOf.runId} (stack update ${state.rollbackOf.version}${state.rollbackOf.startTime ? `, ${state.rollbackOf.startTime}` : ""}).`] : []),
    `pulumi preview of the ${phase} update: ${describeCounts(changes)}`,
    ...diffLines(changes),
    ...(lost.length ? [`WARNING: this ${lost.map((e) => e.op).includes("delete") ? "replaces or deletes" : "replaces"} stateful resources, whose data is lost: ${lost.map((e) => `${e.name} (${e.stateful}, ${e.op})`).join(", ")}`] : []),
    "Continue? [y/N] ",
  ].join("\n");
}

function policyFailure(policies: readonly PlanPolicyResult[]): AscUserError {
  const mandatory = policies.filter((p) => p.enforcement === "mandatory");
  return new AscUserError(`${mandatory.length} mandatory policy violation(s) in pulumi preview`, mandatory.map((p) => ({
    path: `${p.policy} on ${p.urn.split("::").pop()}`,
    message: p.message,
    fix: "change the profile so the resource complies, or add an exemption to asc:policyExemptions (policy, resource, reason, expires)",
  })), ExitCode.policyViolation);
}

/**
 * `pulumi preview` with the policy pack before the update: its diff goes to the events and the report, a mandatory
 * violation stops the run (exit 3) before any `up`, and production asks for confirmation here, once, showing the
 * diff. Returns the previewed changes.
 */
async function previewBeforeUp(ctx: RunContext, state: RunState, phase: PhaseName, run: Omit<StackOperationOptions, "onEvent">): Promise<readonly ResourceDiffEntry[]> {
  const collected = diffCollector();
  let failure: unknown;
  try {
    await state.stack!.preview({ ...run, message: `${run.message} (preview)`, onEvent: collected.onEvent });
  } catch (e) {
    if (ctx.signal.aborted || !isPulumiCommandFailure(e)) throw e;
    failure = e;
  }
  const changes = collected.entries();
  const policies = collected.policies();
  state.previews[phase] = { changes, policies };
  for (const p of policies) ctx.emitter.emit(phase, { type: "policy", policy: p.policy, enforcement: p.enforcement, message: p.message, ...(p.urn ? { urn: p.urn } : {}), source: "engine" });
  if (policies.some((p) => p.enforcement === "mandatory")) throw policyFailure(policies);
  if (failure !== undefined && isPulumiCommandFailure(failure)) {
    if (failure.kind === "locked") throw new PhaseFailure(lockedMessage(ctx.plan.stack, failure.detail), ExitCode.provisionFailed);
    throw new PhaseFailure(`pulumi preview failed (${phase}):\n${failure.message}`, ExitCode.provisionFailed);
  }
  ctx.emitter.emit(phase, { type: "log", level: "info", message: `pulumi preview: ${describeCounts(changes)}${changes.length ? `\n${diffLines(changes).join("\n")}` : ""}` });
  for (const e of destructive(changes)) ctx.emitter.emit(phase, { type: "log", level: "warn", message: `the ${phase} update ${e.op === "replace" ? "replaces" : "deletes"} the ${e.stateful} ${e.name} (${e.type}): its data is lost` });
  if (ctx.plan.confirmation === "prompt" && !state.confirmed) {
    if (!(await ctx.services.confirm(confirmationQuestion(ctx, state, phase, changes)))) {
      throw new AscUserError("Not confirmed", [{ path: "confirmation", message: "the operator did not confirm the production change", fix: "answer y to continue, or pass --yes" }]);
    }
    state.confirmed = true;
    await ctx.onValidated?.();
  }
  return changes;
}

export async function runStackUpdate(ctx: RunContext, state: RunState, phase: PhaseName, images: ReleaseRecord, options: StackUpdateOptions = {}): Promise<void> {
  const config = configForImages(state.config, images, options);
  const profile = ctx.plan.profile;
  const program = async () => {
    const { defineStack } = await import("../../program.js");
    return defineStack(config, { profile, mode: "deploy" });
  };
  const applied: Record<string, number> = {};
  const { writePolicyPackConfig } = await import("../pulumi/policy-pack.js");
  const policyPack = await writePolicyPackConfig(ctx.profile.root, profile, config);
  const run = { program, message: updateMessage(ctx.plan.runId, phase, { ...images, rotation: { ...state.config.secrets?.rotation } }, options), signal: ctx.signal, policyPack };
  // The Automation API's up runs `pulumi up --skip-preview` (automation/stack.js), so asc previews first.
  const previewed = await previewBeforeUp(ctx, state, phase, run);
  ctx.emitter.emit(phase, { type: "log", level: "info", message: `pulumi up: services api=${images.services.api} web=${images.services.web}${options.holdServices ? " held (first deploy: created, not started, until the migration succeeded)" : ""}, migration ${images.migration}` });
  try {
    const render = engineEventHandler(ctx.emitter, phase);
    const steps = diffCollector();
    const onEvent = (event: EngineEvent) => {
      countStep(event, applied);
      steps.onEvent(event);
      render(event);
    };
    const result = await state.stack!.up({ ...run, onEvent });
    ctx.secrets.add(...secretStrings(result.outputs));
    state.outputs = result.outputs;
    state.changes[phase] = result.changes;
    ctx.emitter.emit(phase, { type: "changes", changes: result.changes, ...(result.durationSeconds !== undefined ? { durationSeconds: result.durationSeconds } : {}) });
    const mismatch = compareDiffs(previewed, steps.entries());
    if (mismatch) {
      state.drift[phase] = mismatch;
      ctx.emitter.emit(phase, { type: "log", level: "warn", message: `the ${phase} update's changes differ from its preview (asc does not bind them; see the report):${mismatch.notPreviewed.map((c) => `\n  not previewed, applied: ${c}`).join("")}${mismatch.notApplied.map((c) => `\n  previewed, not applied: ${c}`).join("")}` });
    }
  } catch (e) {
    // A failed (or cancelled) update still changed what it got to: keep that summary for the report.
    state.changes[phase] = { ...applied };
    ctx.emitter.emit(phase, { type: "changes", changes: { ...applied } });
    if (ctx.signal.aborted || !isPulumiCommandFailure(e)) throw e;
    if (e.kind === "locked") throw new PhaseFailure(lockedMessage(ctx.plan.stack, e.detail), ExitCode.provisionFailed);
    throw new PhaseFailure(`pulumi up failed (${phase}):\n${e.message}`, ExitCode.provisionFailed);
  }
}
