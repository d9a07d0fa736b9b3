/**
 * Plan JSON v1: the stable, versioned document `asc preview --offline --json` prints. Pure: built from the captured
 * graph, the stack outputs, the derived contract and the policy results. Secret values never appear: the graph
 * already holds "[secret]" in their place, and the contract holds references.
 */
import type { CloudName, TierName } from "../config/schema.js";
import { secretRefString } from "../contract/from-outputs.js";
import type { ContractService, EnvEntry } from "../contract/types.js";
import type { CapturedResource } from "./graph-capture.js";

export const PLAN_VERSION = 1;

export interface PlanResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly parent: string | null;
  readonly dependencies: string[];
  readonly inputs: Record<string, unknown>;
}

export interface PlanContractEntry {
  readonly name: string;
  readonly source: "literal" | "output" | "secret";
  readonly value?: string;
  readonly ref?: string;
}

export interface PlanPolicyResult {
  readonly policy: string;
  readonly urn: string;
  readonly enforcement: "mandatory" | "advisory" | "exempt";
  readonly message: string;
  readonly name?: string;
  readonly type?: string;
  readonly severity?: string;
  /** The fix. */
  readonly remediation?: string;
  /** Why an exempt violation is exempt (from asc:policyExemptions). */
  readonly exemptionReason?: string;
}

export interface PlanV1 {
  readonly version: typeof PLAN_VERSION;
  readonly profile: string;
  readonly stack: string;
  readonly cloud: CloudName;
  readonly tier: TierName;
  /** The profile's region or location (additive in v1). */
  readonly region: string;
  /** The image each workload runs: the services the stack has, and the migration (additive in v1). */
  readonly images: Record<string, string>;
  readonly resources: PlanResource[];
  readonly outputs: Record<string, unknown>;
  readonly contract: Partial<Record<ContractService, PlanContractEntry[]>>;
  readonly policies: PlanPolicyResult[];
  readonly summary: {
    readonly resources: number;
    readonly byType: Record<string, number>;
    readonly violations: { readonly mandatory: number; readonly advisory: number };
  };
}

export function planResource(r: CapturedResource): PlanResource {
  const deps = new Set([...r.dependencies, ...Object.values(r.propertyDependencies).flat()]);
  return { urn: r.urn, type: r.type, name: r.name, parent: r.parent ?? null, dependencies: [...deps].sort(), inputs: r.inputs };
}

export function planContractEntry(e: EnvEntry<string>): PlanContractEntry {
  return e.source === "secret" ? { name: e.name, source: "secret", ref: secretRefString(e) } : { name: e.name, source: e.source, value: e.value };
}

export interface BuildPlanInput {
  readonly profile: string;
  readonly cloud: CloudName;
  readonly tier: TierName;
  readonly region: string;
  readonly images: Record<string, string>;
  readonly resources: readonly CapturedResource[];
  readonly outputs: Record<string, unknown>;
  readonly contract: Partial<Record<ContractService, EnvEntry<string>[]>>;
  readonly policies: readonly PlanPolicyResult[];
}

export function buildPlan(input: BuildPlanInput): PlanV1 {
  const resources = input.resources.filter((r) => r.type !== "pulumi:pulumi:Stack").map(planResource).sort((a, b) => a.urn.localeCompare(b.urn));
  const byType: Record<string, number> = {};
  for (const r of resources) byType[r.type] = (byType[r.type] ?? 0) + 1;
  const count = (e: PlanPolicyResult["enforcement"]) => input.policies.filter((p) => p.enforcement === e).length;
  return {
    version: PLAN_VERSION,
    profile: input.profile,
    stack: input.profile,
    cloud: input.cloud,
    tier: input.tier,
    region: input.region,
    images: input.images,
    resources,
    outputs: input.outputs,
    contract: Object.fromEntries(Object.entries(input.contract).map(([service, entries]) => [service, (entries ?? []).map(planContractEntry)])),
    policies: [...input.policies],
    summary: {
      resources: resources.length,
      byType: Object.fromEntries(Object.entries(byType).sort(([a], [b]) => a.localeCompare(b))),
      violations: { mandatory: count("mandatory"), advisory: count("advisory") },
    },
  };
}
