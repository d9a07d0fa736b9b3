/** Evaluates the policy pack's rules (the same ones the CrossGuard pack runs) over an offline plan. */
import type { LoadedProfile } from "../config/load.js";
import { evaluatePolicies } from "./evaluate.js";
import type { PlanPolicyResult, PlanV1 } from "../preview/plan.js";

export function evaluatePlanPolicies(plan: Pick<PlanV1, "resources">, profile: LoadedProfile): PlanPolicyResult[] {
  const { results } = evaluatePolicies(plan.resources, { tier: profile.config.tier, config: profile.config });
  return results;
}
