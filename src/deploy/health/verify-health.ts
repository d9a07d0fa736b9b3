/**
 * The `verify` phase: every health endpoint of the stack outputs is called until it answers 2xx or the
 * deadline passes, all endpoints at once. The URLs carry the services' real host names, which the api's Host
 * check requires in strict mode.
 *
 * Redirects are not followed: only a 2xx from the exact URL counts (a 302 to a login page is a failure). The api's
 * answer must have the shape the app returns: `HealthResponse {status, timestamp, version, uptime}` with `status`
 * "healthy" (/health) or "ready" (/health/ready), `uptime` a number or null; a failed readiness is a 503 with a
 * `detail` (upstream apps/api-service/src/app/api/models/common.py and src/app/presentation/health.py at 50548aa).
 * The web's health routes proxy the api and are checked for a 2xx only.
 */
import type { HealthEndpoint } from "../../contract/stack-outputs.js";
import { abortableSleep } from "../migration/clock.js";
import { fallbackLookup, fetchWithLookup } from "./fallback-lookup.js";
import type { HealthCheckResult, VerifyOptions } from "../types.js";

export const DEFAULT_HEALTH_REQUEST_TIMEOUT_MS = 5000;

interface Attempt {
  readonly ok: boolean;
  readonly status?: number;
  readonly error?: string;
  readonly version?: string;
}

/** Checks every endpoint with retries; resolves once each one is healthy or out of time (never rejects). */
export function verifyHealth(endpoints: readonly HealthEndpoint[], options: VerifyOptions): Promise<HealthCheckResult[]> {
  const fallback = options.resolveFallback;
  const withLookup = !options.fetch && fallback && Object.keys(fallback).length > 0 ? { ...options, fetch: fetchWithLookup(fallbackLookup(fallback)) } : options;
  return Promise.all(endpoints.map((endpoint) => checkEndpoint(endpoint, withLookup)));
}

async function checkEndpoint(endpoint: HealthEndpoint, options: VerifyOptions): Promise<HealthCheckResult> {
  const started = Date.now();
  const deadline = started + options.deadlineMs;
  let attempts = 0;
  let last: Attempt = { ok: false };
  for (;;) {
    if (options.signal?.aborted) {
      last = { ...last, ok: false, error: "aborted" };
      break;
    }
    attempts += 1;
    // The deadline bounds when attempts start; each attempt is bounded by its own timeout.
    last = await probe(endpoint, options.requestTimeoutMs ?? DEFAULT_HEALTH_REQUEST_TIMEOUT_MS, options);
    if (last.ok) break;
    const remaining = deadline - Date.now();
    if (remaining <= 0) break;
    await abortableSleep(Math.min(options.intervalMs, remaining), options.signal);
  }
  return {
    service: endpoint.service,
    url: endpoint.url,
    ok: last.ok,
    attempts,
    ...(last.status !== undefined ? { lastStatus: last.status } : {}),
    ...(last.error !== undefined ? { lastError: last.error } : {}),
    durationMs: Date.now() - started,
    ...(last.version !== undefined ? { version: last.version } : {}),
  };
}

/** One GET, redirects not followed. The per-request timeout covers reading the body too. */
async function probe(endpoint: HealthEndpoint, timeoutMs: number, options: VerifyOptions): Promise<Attempt> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    const response = await (options.fetch ?? fetch)(endpoint.url, { headers: { accept: "application/json", "cache-control": "no-cache" }, redirect: "manual", signal });
    const body = await response.text();
    if (response.status >= 300 && response.status < 400) {
      return { ok: false, status: response.status, error: `redirected to ${response.headers.get("location") ?? "(no location)"}: a health check must answer 2xx from the exact URL` };
    }
    if (!response.ok) return { ok: false, status: response.status, ...(detailOf(body) ? { error: `HTTP ${response.status}: ${detailOf(body)}` } : {}) };
    if (endpoint.service === "api") {
      const problem = apiHealthShapeProblem(body);
      if (problem) return { ok: false, status: response.status, error: problem };
    }
    const version = versionFromBody(body) ?? response.headers.get("x-app-version") ?? undefined;
    return { ok: true, status: response.status, ...(version ? { version } : {}) };
  } catch (error) {
    if (options.signal?.aborted) return { ok: false, error: "aborted" };
    if (timeout.aborted) return { ok: false, error: `no answer within ${timeoutMs} ms` };
    return { ok: false, error: describeFetchError(error) };
  }
}

const API_HEALTH_STATUSES = ["healthy", "ready"];

/** Why a 2xx body is not the api's HealthResponse, or undefined when it is. */
export function apiHealthShapeProblem(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `the answer is not JSON (${JSON.stringify(body.slice(0, 60))}): expected the api's {status, timestamp, version, uptime}`;
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return "the answer is not a JSON object: expected {status, timestamp, version, uptime}";
  const b = parsed as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof b.status !== "string" || !API_HEALTH_STATUSES.includes(b.status)) problems.push(`status ${JSON.stringify(b.status)} (allowed: ${API_HEALTH_STATUSES.join(", ")})`);
  if (typeof b.timestamp !== "string" || b.timestamp === "") problems.push("no timestamp");
  if (typeof b.version !== "string" || b.version === "") problems.push("no version");
  if (!("uptime" in b) || (b.uptime !== null && typeof b.uptime !== "number")) problems.push("no uptime");
  return problems.length ? `not the api's health answer: ${problems.join(", ")}` : undefined;
}

function detailOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { detail?: unknown };
    return typeof parsed?.detail === "string" ? parsed.detail.slice(0, 200) : undefined;
  } catch {
    return undefined;
  }
}

function versionFromBody(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === "object" && "version" in parsed) {
      const version = (parsed as { version: unknown }).version;
      if (typeof version === "string" && version !== "") return version;
      if (typeof version === "number") return String(version);
    }
  } catch {
    // Not JSON: no version in the body.
  }
  return undefined;
}

/**
 * fetch throws `TypeError: fetch failed` and keeps the useful part (ECONNREFUSED, ENOTFOUND) in `cause`.
 * Duck-typed: errors from fetch may come from another realm (a test VM context), where `instanceof Error` fails.
 */
function describeFetchError(error: unknown): string {
  const message = messageOf(error);
  const cause = messageOf((error as { cause?: unknown } | undefined)?.cause);
  return cause ? `${message}: ${cause}` : message;
}

function messageOf(value: unknown): string {
  if (typeof value === "object" && value !== null && typeof (value as { message?: unknown }).message === "string") return (value as { message: string }).message;
  return value === undefined || value === null ? "" : String(value);
}

export interface VersionMismatch {
  readonly service: HealthEndpoint["service"];
  readonly url: string;
  readonly version: string;
}

export interface VersionCheck {
  /** No endpoint reported a version other than the expected one. */
  readonly ok: boolean;
  /** At least one endpoint reported exactly the expected version. */
  readonly confirmed: boolean;
  readonly mismatches: readonly VersionMismatch[];
  /** One line for the report. */
  readonly message: string;
}

/**
 * Confirms the deployed version: fails when any endpoint reports a different version, or when none reports one
 * ("no version reported" is never a confirmation). `confirmed` says whether an endpoint reported the expected one.
 */
export function expectVersion(results: readonly HealthCheckResult[], version: string): VersionCheck {
  const reported = results.filter((r) => r.version !== undefined);
  const mismatches = reported.filter((r) => r.version !== version).map((r) => ({ service: r.service, url: r.url, version: r.version as string }));
  const confirmed = reported.some((r) => r.version === version);
  const message =
    mismatches.length > 0
      ? `expected version ${version}, but ${mismatches.map((m) => `${m.service} (${m.url}) reports ${m.version}`).join(", ")}`
      : confirmed
        ? `version ${version} confirmed by ${reported.map((r) => r.url).join(", ")}`
        : `no endpoint reports a version; ${version} is not confirmed`;
  return { ok: mismatches.length === 0 && confirmed, confirmed, mismatches, message };
}
