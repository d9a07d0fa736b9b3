/**
 * Confirms a stack update from the platform: after each update that moves services (provision that rolled them,
 * release, rollback) and in `asc verify`, every deployed service must run the release (rollout/types.ts says why
 * `pulumi up` alone is not enough). A service that does not is a failed release (exit 4 after an update, exit 6 in
 * verify), with the service, the expected and the actual task definition or revision in the report.
 */
import type { ServiceImages } from "../../config/release-images.js";
import type { AwsMigrationTarget, AzureMigrationTarget } from "../../contract/stack-outputs.js";
import type { RolloutServiceTarget, ServiceRollout } from "../rollout/types.js";
import type { PhaseName } from "./events.js";
import { PhaseFailure, plainOutputs, type RunContext, type RunState } from "./run-context.js";

/** The services of the stack outputs with the image each must run (the worker runs the api image). */
export function rolloutTargets(outputs: Record<string, unknown>, images: ServiceImages): RolloutServiceTarget[] {
  const services = (outputs.services ?? {}) as Partial<Record<"api" | "web" | "worker", unknown>>;
  const imageOf = { api: images.api, web: images.web, worker: images.api } as const;
  return (["api", "web", "worker"] as const).flatMap((service) => {
    const name = services[service];
    return typeof name === "string" && name !== "" ? [{ service, name, image: imageOf[service] }] : [];
  });
}

const cloudTarget = (outputs: Record<string, unknown>): AwsMigrationTarget | AzureMigrationTarget | undefined => {
  const m = outputs.migration as { cloud?: unknown } | undefined;
  return m && (m.cloud === "aws" || m.cloud === "azure") ? (m as AwsMigrationTarget | AzureMigrationTarget) : undefined;
};

/**
 * Checks the services against `images` and records the result under `phase`. Throws a PhaseFailure with `exitCode`
 * when a service does not run them, or when the stack outputs do not say where the services are.
 */
export async function confirmRollout(ctx: RunContext, state: RunState, phase: PhaseName, images: ServiceImages, exitCode: number, since?: Date): Promise<void> {
  const outputs = plainOutputs(state.outputs);
  const target = cloudTarget(outputs);
  const services = rolloutTargets(outputs, images);
  if (!target || services.length === 0) {
    throw new PhaseFailure("the stack outputs do not name the services and their cluster or resource group (`services`, `migration`), so the rollout cannot be confirmed from the platform: the stack was deployed by an older asc; run asc deploy", exitCode);
  }
  const what = target.cloud === "aws" ? "ECS deployments" : "Container Apps revisions";
  ctx.emitter.emit(phase, { type: "log", level: "info", message: `confirming the rollout from the ${what} of ${services.map((s) => s.name).join(", ")}` });
  const results = await ctx.services.checkRollout({ target, services, ...(since ? { since } : {}), signal: ctx.signal });
  state.rollout[phase] = results;
  for (const r of results) ctx.emitter.emit(phase, { type: "log", level: r.ok ? "info" : "error", message: r.message });
  const failed = results.filter((r) => !r.ok);
  if (failed.length === 0) return;
  const unit = target.cloud === "aws" ? "task definition" : "revision";
  const lines = failed.map((r) => `  ${r.service} (${r.name}): expected ${unit} ${r.expected}, actual ${r.actual ?? "unknown"}${r.actualImages.length ? ` (${r.actualImages.join(", ")})` : ""}: ${r.message}`);
  throw new PhaseFailure(`${failed.length} of ${results.length} service(s) do not run the release:\n${lines.join("\n")}`, exitCode);
}
