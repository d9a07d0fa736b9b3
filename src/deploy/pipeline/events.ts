/**
 * The typed events a pipeline run emits. Renderers show them (TTY progress, plain CI lines, NDJSON with --json);
 * every event carries the run id. Secret values are redacted in the event object before it leaves the emitter, so
 * renderers serialise (NDJSON) or format text from an already redacted event.
 */
import { redactDeep } from "../redact.js";
import type { HealthCheckResult, MigrationStatus } from "../types.js";

export const PHASES = ["validate", "provision", "migrate", "release", "verify", "rollback"] as const;
export type PhaseName = (typeof PHASES)[number];
export type PhaseResult = "succeeded" | "failed" | "skipped" | "cancelled";
export type RunStatus = "succeeded" | "failed" | "cancelled";

export type PipelineEventBody =
  | { readonly type: "run.start"; readonly kind: string; readonly profile: string; readonly stack: string; readonly tier: string; readonly cloud: string; readonly phases: readonly PhaseName[] }
  | { readonly type: "phase.start"; readonly detail?: string }
  | { readonly type: "phase.end"; readonly result: PhaseResult; readonly durationMs: number; readonly message?: string }
  | { readonly type: "resource"; readonly status: "started" | "done" | "failed"; readonly op: string; readonly urn: string; readonly name: string; readonly resourceType: string }
  | { readonly type: "diagnostic"; readonly severity: string; readonly message: string; readonly urn?: string }
  | { readonly type: "policy"; readonly policy: string; readonly enforcement: string; readonly message: string; readonly urn?: string; readonly source?: "offline" | "engine" }
  | { readonly type: "changes"; readonly changes: Readonly<Record<string, number>>; readonly durationSeconds?: number }
  | { readonly type: "migration"; readonly step?: string; readonly status: MigrationStatus; readonly exitCode?: number; readonly reason?: string; readonly runRef?: string }
  | ({ readonly type: "health" } & HealthCheckResult)
  | { readonly type: "log"; readonly level: "info" | "warn" | "error"; readonly message: string }
  | { readonly type: "run.end"; readonly status: RunStatus; readonly exitCode: number; readonly report: { readonly json: string; readonly markdown: string } | null };

export type PipelineEvent = { readonly ts: string; readonly runId: string; readonly phase: PhaseName | null } & PipelineEventBody;

export type EventSink = (event: PipelineEvent) => void;

export { redactDeep };

export interface Emitter {
  emit(phase: PhaseName | null, body: PipelineEventBody): void;
}

export function createEmitter(runId: string, now: () => Date, sink: EventSink, redact: (s: string) => string): Emitter {
  return {
    emit(phase, body) {
      sink(redactDeep({ ts: now().toISOString(), runId, phase, ...body } as PipelineEvent, redact));
    },
  };
}
