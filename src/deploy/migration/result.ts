/**
 * Builds the MigrationResult every runner returns, so timestamps and duration are computed one way.
 */
import type { MigrationResult, MigrationStatus } from "../types.js";
import type { Clock } from "./clock.js";

export interface RunOutcome {
  readonly status: MigrationStatus;
  readonly exitCode?: number;
  readonly reason?: string;
  readonly logTail?: readonly string[];
  readonly runRef?: string;
}

/** Marks the start of a run; `finish` stamps the end with the same clock. */
export function startRun(clock: Clock): { finish(outcome: RunOutcome): MigrationResult } {
  const started = clock.now();
  return {
    finish(outcome) {
      const ended = clock.now();
      return {
        status: outcome.status,
        ...(outcome.exitCode !== undefined ? { exitCode: outcome.exitCode } : {}),
        ...(outcome.reason !== undefined ? { reason: outcome.reason } : {}),
        startedAt: new Date(started).toISOString(),
        endedAt: new Date(ended).toISOString(),
        durationMs: ended - started,
        logTail: outcome.logTail ?? [],
        ...(outcome.runRef !== undefined ? { runRef: outcome.runRef } : {}),
      };
    },
  };
}

/** One line for a thrown value: `Name: message` (duck-typed, so errors from another realm read the same). */
export function describeError(error: unknown): string {
  if (typeof error === "object" && error !== null && typeof (error as Error).message === "string") {
    const { name, message } = error as Error;
    return typeof name === "string" && name !== "" && name !== "Error" ? `${name}: ${message}` : message;
  }
  return String(error);
}

/** The `name` of a thrown value, e.g. an AWS SDK exception name. */
export function errorName(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && typeof (error as Error).name === "string" ? (error as Error).name : undefined;
}

/** Throws when a runner receives a request for another cloud: that is a bug in the caller, not a failed run. */
export function assertTargetCloud<C extends string>(runner: string, expected: C, actual: string): void {
  if (actual !== expected) throw new Error(`${runner} runs "${expected}" migrations, but the request's target is "${actual}"`);
}
