/** All asc rules, and a lookup of the rules that apply to a resource type (built once; keeps evaluation fast). */
import { AWS_RULES } from "./aws/rules.js";
import { AZURE_RULES } from "./azure/rules.js";
import type { PolicyRule } from "./rule.js";
import { SHARED_RULES } from "./shared/rules.js";

export const POLICY_RULES: readonly PolicyRule[] = [...AWS_RULES, ...AZURE_RULES, ...SHARED_RULES];

export interface RuleIndex {
  /** The rules that apply to `type`, in rule order. */
  rulesFor(type: string): readonly PolicyRule[];
}

export function indexRules(rules: readonly PolicyRule[]): RuleIndex {
  const byType = new Map<string, PolicyRule[]>();
  const everyType = rules.filter((rule) => rule.resourceTypes === "*");
  for (const rule of rules) {
    if (rule.resourceTypes === "*") continue;
    for (const type of rule.resourceTypes) byType.set(type, [...(byType.get(type) ?? []), rule]);
  }
  const order = new Map(rules.map((rule, i) => [rule, i]));
  const cache = new Map<string, readonly PolicyRule[]>();
  return {
    rulesFor(type) {
      let found = cache.get(type);
      if (!found) {
        found = [...(byType.get(type) ?? []), ...everyType].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
        cache.set(type, found);
      }
      return found;
    },
  };
}

/** Whether `rule` applies to resources of `type`. */
export const ruleAppliesTo = (rule: PolicyRule, type: string): boolean => rule.resourceTypes === "*" || rule.resourceTypes.includes(type);
