/**
 * Fakes for the pipeline services a test is not about: a migration runner and a health verifier that record their
 * calls (with how many `pulumi up` had run by then, so tests can assert the order), and an offline policy result.
 */
import type { HealthEndpoint } from "../../../src/contract/stack-outputs.js";
import type { PipelineServices } from "../../../src/deploy/pipeline/run-context.js";
import type { RolloutRequest, ServiceRollout } from "../../../src/deploy/rollout/types.js";
import type { HealthCheckResult, MigrationRequest, MigrationResult, MigrationStatus } from "../../../src/deploy/types.js";
import type { PlanPolicyResult } from "../../../src/preview/plan.js";

export interface FakeCalls {
  migrations: { request: MigrationRequest; upsBefore: number }[];
  verifications: { endpoints: readonly HealthEndpoint[]; upsBefore: number }[];
  policyEvaluations: number;
  rollouts: { request: RolloutRequest; upsBefore: number }[];
  /** The credential checks validate asked for (the stack config Pulumi's provider would read). */
  sessions: { cloud: string; region: string; stackConfig: Readonly<Record<string, string | undefined>> }[];
}

export interface FakeServiceOptions {
  /** How many `up` calls the fake pulumi has seen (for ordering). */
  readonly upCount: () => number;
  readonly migration?: MigrationStatus | ((request: MigrationRequest, signal: AbortSignal) => Promise<MigrationResult>);
  readonly healthy?: boolean;
  readonly policies?: PlanPolicyResult[];
  readonly logTail?: string[];
  /** The platform's answer to a rollout check. @default every service runs the image asked for */
  readonly rollout?: (request: RolloutRequest) => Promise<readonly ServiceRollout[]>;
  /** "fail": the credential check in validate finds the credentials expired. */
  readonly credentials?: "ok" | "fail";
}

/** A rollout check that finds every service on the image it was asked about. */
export const rolloutAsRequested = async (request: RolloutRequest): Promise<ServiceRollout[]> =>
  request.services.map((s) => ({ service: s.service, name: s.name, ok: true, image: s.image, expected: `${s.name}:release`, actual: `${s.name}:release`, actualImages: [s.image], message: `${s.name} runs ${s.image}` }));

export function migrationResult(status: MigrationStatus, logTail: string[] = []): MigrationResult {
  const at = "2026-11-21T12:00:00.000Z";
  return { status, ...(status === "failed" ? { exitCode: 1, reason: "EssentialContainerExited" } : { exitCode: 0 }), startedAt: at, endedAt: at, durationMs: 1200, logTail, runRef: "arn:aws:ecs:eu-west-1:123456789012:task/app/0123" };
}

export function fakeServices(options: FakeServiceOptions): { services: Partial<PipelineServices>; calls: FakeCalls } {
  const calls: FakeCalls = { migrations: [], verifications: [], policyEvaluations: 0, rollouts: [], sessions: [] };
  const services: Partial<PipelineServices> = {
    // No cloud here: the credential check records what it was given and answers as a working credential would.
    async openCloudSession(input) {
      calls.sessions.push({ cloud: input.cloud, region: input.region, stackConfig: input.stackConfig });
      if (options.credentials === "fail") {
        const { AscUserError } = await import("../../../src/errors.js");
        throw new AscUserError("The AWS credentials Pulumi would use do not work for asc", [{ path: "AWS credentials", message: "STS GetCallerIdentity failed: ExpiredToken: the security token included in the request is expired", fix: "refresh the credentials" }]);
      }
      return { identity: "arn:aws:sts::123456789012:assumed-role/deployer/asc", sources: { region: "asc:region" } };
    },
    async migrationRunner() {
      return {
        async run(request, signal) {
          calls.migrations.push({ request, upsBefore: options.upCount() });
          const m = options.migration ?? "succeeded";
          return typeof m === "function" ? m(request, signal) : migrationResult(m, options.logTail);
        },
      };
    },
    async verifyHealth(endpoints) {
      calls.verifications.push({ endpoints, upsBefore: options.upCount() });
      const ok = options.healthy ?? true;
      return endpoints.map((e): HealthCheckResult => ({ service: e.service, url: e.url, ok, attempts: ok ? 1 : 3, lastStatus: ok ? 200 : 503, durationMs: 5 }));
    },
    async checkRollout(request) {
      calls.rollouts.push({ request, upsBefore: options.upCount() });
      return (options.rollout ?? rolloutAsRequested)(request);
    },
    async evaluatePolicies() {
      calls.policyEvaluations += 1;
      return options.policies ?? [];
    },
  };
  return { services, calls };
}
