/**
 * Interfaces between the deploy pipeline (plan + executor + phases), the migration runners and the health
 * verifier. The pipeline depends only on these; runners and the verifier are chosen by the profile's cloud.
 */
import type { AwsMigrationTarget, AzureMigrationTarget, HealthEndpoint } from "../contract/stack-outputs.js";
import type { EnvEntry } from "../contract/types.js";

/** A local migration run (dev profiles and integration tests): a child process on this machine. */
export interface LocalMigrationTarget {
  readonly cloud: "local";
  /** Working directory of the command. */
  readonly cwd: string;
  /** Plain environment values for the local run (e.g. DATABASE_URL of a reachable Postgres). */
  readonly env: Readonly<Record<string, string>>;
}

export type MigrationTarget = AwsMigrationTarget | AzureMigrationTarget | LocalMigrationTarget;

export interface MigrationRequest {
  readonly runId: string;
  /** The image of the release being migrated to (the api image). */
  readonly image: string;
  readonly command: readonly string[];
  /** The `migrate` env contract (the runner passes secrets by reference on clouds). */
  readonly env: readonly EnvEntry<string>[];
  readonly target: MigrationTarget;
  readonly timeoutSeconds: number;
  /** Values to redact from log tails (known secret values, if any reached this process). */
  readonly redact?: readonly string[];
}

/** `unknown`: the status calls kept failing until the deadline, so asc cannot tell how the run ended (it was not stopped). */
export type MigrationStatus = "succeeded" | "failed" | "timed-out" | "cancelled" | "unknown";

export interface MigrationResult {
  readonly status: MigrationStatus;
  /** The container or process exit code, when the platform reports one (Azure does not). */
  readonly exitCode?: number;
  /** Why it failed, in one line (stopCode/stoppedReason, job status, signal). */
  readonly reason?: string;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly durationMs: number;
  /** The last 200 log lines, redacted. */
  readonly logTail: readonly string[];
  /** Platform id of the run: ECS task ARN, job execution name, or local pid. */
  readonly runRef?: string;
}

export interface MigrationRunner {
  run(request: MigrationRequest, signal: AbortSignal): Promise<MigrationResult>;
}

export interface HealthCheckResult {
  readonly service: HealthEndpoint["service"];
  readonly url: string;
  readonly ok: boolean;
  readonly attempts: number;
  readonly lastStatus?: number;
  readonly lastError?: string;
  readonly durationMs: number;
  /** Version reported by the endpoint, when it reports one. */
  readonly version?: string;
}

export interface VerifyOptions {
  readonly deadlineMs: number;
  readonly intervalMs: number;
  readonly signal?: AbortSignal;
  /** Per-request timeout. */
  readonly requestTimeoutMs?: number;
  /** Injected for tests; defaults to global fetch. */
  readonly fetch?: typeof fetch;
  /**
   * Host → DNS name to resolve instead when the host does not resolve yet (a first deploy before DNS records
   * exist): see health/fallback-lookup.ts. Ignored when `fetch` is injected.
   * @default - none: real DNS only
   */
  readonly resolveFallback?: Readonly<Record<string, string>>;
}

/** One release step's outcome (asc:migrations.steps), as the report shows it. */
export interface ReleaseStepResult extends MigrationResult {
  readonly name: string;
  readonly image: string;
  readonly command: readonly string[];
}
