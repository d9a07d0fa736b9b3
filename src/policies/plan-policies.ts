/** Evaluates the policy pack's rules (the same ones the CrossGuard pack runs) over an offline plan. */
import type { LoadedProfile } from "../config/load.js";
import { evaluatePolicies } from "./evaluate.js";
import { POLICY_RULES, ruleAppliesTo } from "./registry.js";
import type { PlanPolicyResult, PlanV1 } from "../preview/plan.js";

export function evaluatePlanPolicies(plan: Pick<PlanV1, "resources">, profile: LoadedProfile): PlanPolicyResult[] {
  const { results } = evaluatePolicies(plan.resources, { tier: profile.config.tier, config: profile.config });
  return results;
}

/**
 * The policies that ran over a plan: the rules of its cloud (and the shared ones) that apply to at least one of its
 * resource types, and every stack-level rule of that cloud.
 */
export function planPoliciesRun(plan: Pick<PlanV1, "resources">, cloud: "aws" | "azure"): string[] {
  const types = new Set(plan.resources.map((r) => r.type));
  return POLICY_RULES.filter((rule) => (rule.cloud === cloud || rule.cloud === "any") && (rule.checkStack !== undefined || [...types].some((t) => ruleAppliesTo(rule, t)))).map((rule) => rule.name);
}
