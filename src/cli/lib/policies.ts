/** Evaluates the policy pack's rules over an offline plan. */
import type { LoadedProfile } from "../../config/load.js";
import type { PlanPolicyResult, PlanV1 } from "../../preview/plan.js";

export function evaluatePlanPolicies(_plan: Pick<PlanV1, "resources">, _profile: LoadedProfile): PlanPolicyResult[] {
  return [];
}
