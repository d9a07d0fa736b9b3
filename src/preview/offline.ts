/**
 * The offline preview: runs the real program in-process under Pulumi mocks with a profile's resolved config,
 * captures the whole graph, derives the env contract from the stack outputs, evaluates the policies, and returns
 * plan JSON v1. Needs no cloud account and no Pulumi CLI.
 */
import * as pulumi from "@pulumi/pulumi";
import type { StackOutputs } from "../contract/stack-outputs.js";
import type { LoadedProfile } from "../config/load.js";
import { ExitCode } from "../errors.js";
import { contractFromStackOutputs } from "../contract/from-outputs.js";
import { captureGraph } from "./graph-capture.js";
import { offlineMocks } from "./mocks.js";
import { buildPlan, type PlanPolicyResult, type PlanV1 } from "./plan.js";

export const OFFLINE_PROJECT = "asc";

export type PolicyEvaluator = (plan: Pick<PlanV1, "resources">, profile: LoadedProfile) => PlanPolicyResult[];

/** A Pulumi program over a resolved profile; the default is asc's own (src/program.ts). */
export type OfflineProgram = (profile: LoadedProfile) => Promise<Record<string, unknown>>;

export interface OfflinePreviewOptions {
  /** Keep stack traces (for `--debug`). */
  readonly debug?: boolean;
  /** Another program to preview, e.g. one that uses asc's components on their own beside its own resources. */
  readonly program?: OfflineProgram;
}

const ascProgram: OfflineProgram = async (profile) => {
  const { defineStack } = await import("../program.js");
  return defineStack(profile.config, { profile: profile.profile, mode: "offline" });
};

/** The preview's exit code: a mandatory policy violation is exit 3. */
export const previewExitCode = (plan: Pick<PlanV1, "summary">): ExitCode => (plan.summary.violations.mandatory > 0 ? ExitCode.policyViolation : ExitCode.ok);

/**
 * The SDK records `new Error().stack` on every internal promise for its leak diagnostics; formatting those traces
 * costs about a quarter of the preview's time and nothing reads them offline. Without `--debug` they are skipped.
 */
async function withoutStackTraces<T>(debug: boolean, run: () => Promise<T>): Promise<T> {
  if (debug) return run();
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return await run();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * The image each workload runs, as the blueprints choose it: the web runs asc:images.web, the api and the worker
 * asc:images.api, the migration asc:migrationImage or else the api image. Only the services the stack has are listed.
 */
export function workloadImages(profile: LoadedProfile, outputs: Record<string, unknown>): Record<string, string> {
  const { images, migrationImage } = profile.config;
  const services = outputs.services && typeof outputs.services === "object" ? Object.keys(outputs.services) : ["api", "web"];
  const out: Record<string, string> = {};
  for (const service of services.sort()) out[service] = service === "web" ? images.web : images.api;
  out.migrate = migrationImage ?? images.api;
  return out;
}

export async function runOfflinePreview(profile: LoadedProfile, evaluatePolicies: PolicyEvaluator = () => [], options: OfflinePreviewOptions = {}): Promise<PlanV1> {
  return withoutStackTraces(options.debug ?? false, () => previewInProcess(profile, evaluatePolicies, options.program ?? ascProgram));
}

async function previewInProcess(profile: LoadedProfile, evaluatePolicies: PolicyEvaluator, program: OfflineProgram): Promise<PlanV1> {
  await pulumi.runtime.setMocks(offlineMocks({ region: profile.config.region }), OFFLINE_PROJECT, profile.profile, false);
  const graph = captureGraph();
  await pulumi.runtime.runInPulumiStack(() => program(profile));
  await graph.settled();
  const stack = graph.resources.find((r) => r.type === "pulumi:pulumi:Stack");
  const outputs = (stack ? graph.componentOutputs.get(stack.urn) : undefined) ?? {};
  // A program other than asc's own may export no contract.
  const contract = outputs.contract ? contractFromStackOutputs(profile.config, outputs as unknown as StackOutputs) : {};
  const base = { profile: profile.profile, cloud: profile.config.cloud, tier: profile.config.tier, region: profile.config.region, images: workloadImages(profile, outputs), resources: graph.resources, outputs, contract };
  const policies = evaluatePolicies(buildPlan({ ...base, policies: [] }), profile);
  return buildPlan({ ...base, policies });
}
