/**
 * Stack updates (`pulumi up` through the Automation API) for the provision, release and rollback phases: the
 * inline program is defineStack with the images of that step, the run id and images go in the update message,
 * and engine events become pipeline events. A locked stack or a failed update is exit 4.
 */
import type { ReleaseRecord } from "../../config/release-images.js";
import type { BlueprintConfig } from "../../config/schema.js";
import { ExitCode } from "../../errors.js";
import { describeLock, isPulumiCommandFailure } from "../pulumi/errors.js";
import type { EngineEvent } from "../pulumi/gateway.js";
import { engineEventHandler } from "./engine-events.js";
import type { PhaseName } from "./events.js";
import { PhaseFailure, secretStrings, type RunContext, type RunState } from "./run-context.js";

/** How one update treats the services beyond their images. */
export interface StackUpdateOptions {
  /** asc:holdServices: create the services without running them (a first deploy's provision). @default false */
  readonly holdServices?: boolean;
}

/** The config one update deploys: services on `images.services` (held or not), the migration on `images.migration`. */
export function configForImages(config: BlueprintConfig, images: ReleaseRecord, options: StackUpdateOptions = {}): BlueprintConfig {
  const { migrationImage: _drop, holdServices: _hold, ...rest } = config;
  const services = { api: images.services.api, web: images.services.web };
  const hold = options.holdServices ? { holdServices: true } : {};
  return images.migration === services.api ? { ...rest, images: services, ...hold } : { ...rest, images: services, migrationImage: images.migration, ...hold };
}

export const updateMessage = (runId: string, phase: PhaseName, images: ReleaseRecord, options: StackUpdateOptions = {}): string =>
  `asc ${runId} ${phase}: services api=${images.services.api} web=${images.services.web}${options.holdServices ? " (held: not started)" : ""}; migration ${images.migration}`;

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

export async function runStackUpdate(ctx: RunContext, state: RunState, phase: PhaseName, images: ReleaseRecord, options: StackUpdateOptions = {}): Promise<void> {
  const config = configForImages(state.config, images, options);
  const profile = ctx.plan.profile;
  const program = async () => {
    const { defineStack } = await import("../../program.js");
    return defineStack(config, { profile, mode: "deploy" });
  };
  const applied: Record<string, number> = {};
  ctx.emitter.emit(phase, { type: "log", level: "info", message: `pulumi up: services api=${images.services.api} web=${images.services.web}${options.holdServices ? " held (first deploy: created, not started, until the migration succeeded)" : ""}, migration ${images.migration}` });
  try {
    const { writePolicyPackConfig } = await import("../pulumi/policy-pack.js");
    const policyPack = await writePolicyPackConfig(ctx.profile.root, profile, config);
    const render = engineEventHandler(ctx.emitter, phase);
    const onEvent = (event: EngineEvent) => {
      countStep(event, applied);
      render(event);
    };
    const result = await state.stack!.up({ program, message: updateMessage(ctx.plan.runId, phase, images, options), onEvent, signal: ctx.signal, policyPack });
    ctx.secrets.add(...secretStrings(result.outputs));
    state.outputs = result.outputs;
    state.changes[phase] = result.changes;
    ctx.emitter.emit(phase, { type: "changes", changes: result.changes, ...(result.durationSeconds !== undefined ? { durationSeconds: result.durationSeconds } : {}) });
  } catch (e) {
    // A failed (or cancelled) update still changed what it got to: keep that summary for the report.
    state.changes[phase] = { ...applied };
    ctx.emitter.emit(phase, { type: "changes", changes: { ...applied } });
    if (ctx.signal.aborted || !isPulumiCommandFailure(e)) throw e;
    if (e.kind === "locked") throw new PhaseFailure(lockedMessage(ctx.plan.stack, e.detail), ExitCode.provisionFailed);
    throw new PhaseFailure(`pulumi up failed (${phase}):\n${e.message}`, ExitCode.provisionFailed);
  }
}
