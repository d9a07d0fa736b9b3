/**
 * The verify phase: the stack's health endpoints, with retries until the profile's deadline; then the version,
 * confirmed from the platform by default (each service's running task definition or revision runs the stack's
 * released images), and with --expect-version also from what the endpoints report. Any failure is exit 6.
 */
import type { HealthEndpoint } from "../../contract/stack-outputs.js";
import { ExitCode } from "../../errors.js";
import { readReleaseRecord, RELEASE_OUTPUT } from "../../config/release-images.js";
import { fallbacksFor } from "../health/fallback-lookup.js";
import { confirmRollout } from "./rollout.js";
import { PhaseFailure, plainOutputs, type RunContext, type RunState } from "./run-context.js";

export async function verifyPhase(ctx: RunContext, state: RunState): Promise<void> {
  const endpoints = plainOutputs(state.outputs).health as HealthEndpoint[] | undefined;
  if (!Array.isArray(endpoints) || endpoints.length === 0) {
    throw new PhaseFailure("the stack has no `health` output to verify (it is not deployed, or was deployed by an older asc)", ExitCode.verificationFailed);
  }
  const { deadlineSeconds, intervalSeconds } = state.config.health;
  ctx.emitter.emit("verify", { type: "log", level: "info", message: `checking ${endpoints.length} endpoint(s) for up to ${deadlineSeconds} s` });
  // Before the public DNS records exist, the public names are looked up as the load balancer's own name.
  const publicEndpoint = plainOutputs(state.outputs).publicEndpoint as string | undefined;
  const resolveFallback = publicEndpoint ? fallbacksFor(endpoints.map((e) => e.url), publicEndpoint) : undefined;
  const results = await ctx.services.verifyHealth(endpoints, { deadlineMs: deadlineSeconds * 1000, intervalMs: intervalSeconds * 1000, signal: ctx.signal, ...(resolveFallback ? { resolveFallback } : {}) });
  state.health = results;
  for (const r of results) ctx.emitter.emit("verify", { type: "health", ...r });
  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0) {
    const lines = failed.map((r) => `  ${r.service} ${r.url}: ${r.lastError ?? (r.lastStatus !== undefined ? `HTTP ${r.lastStatus}` : "no answer")} after ${r.attempts} attempt(s)`);
    throw new PhaseFailure(`${failed.length} of ${results.length} health check(s) failed:\n${lines.join("\n")}`, ExitCode.verificationFailed);
  }
  // Healthy endpoints may be served by the previous release (a rolled-back deployment): ask the platform.
  const released = readReleaseRecord(plainOutputs(state.outputs)[RELEASE_OUTPUT])?.services ?? state.images;
  await confirmRollout(ctx, state, "verify", released, ExitCode.verificationFailed);
  if (ctx.expectVersion) {
    const { expectVersion } = await import("../health/verify-health.js");
    const check = expectVersion(results, ctx.expectVersion);
    if (!check.ok) throw new PhaseFailure(check.message, ExitCode.verificationFailed);
    ctx.emitter.emit("verify", { type: "log", level: check.confirmed ? "info" : "warn", message: check.message });
  }
}
