/**
 * The offline evaluator: runs every applicable rule over a captured resource graph, applies the tier's enforcement
 * and the profile's exemptions. Used by `asc preview --offline` and the tests; the CrossGuard pack runs the same rules.
 */
import { enforcementFor, findExemption, type Enforcement } from "./enforcement.js";
import { indexRules, POLICY_RULES, type RuleIndex } from "./registry.js";
import type { PolicyContext, PolicyExemptionConfig, PolicyRule, Severity } from "./rule.js";

export interface PolicyResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly inputs: Readonly<Record<string, unknown>>;
  /** URNs it depends on, property dependencies included (needed by stack-level rules). */
  readonly dependencies?: readonly string[];
}

export interface PolicyResult {
  readonly policy: string;
  readonly urn: string;
  readonly name: string;
  readonly type: string;
  /** `exempt`: a violation covered by an asc:policyExemptions entry; reported, never counted. */
  readonly enforcement: Enforcement | "exempt";
  readonly message: string;
  readonly remediation: string;
  readonly severity: Severity;
  /** The exemption's reason, on exempt results only. */
  readonly exemptionReason?: string;
}

/** An exemption that covered at least one violation, with the resources it covered. */
export interface ExemptionUse {
  readonly exemption: PolicyExemptionConfig;
  readonly urns: readonly string[];
}

export interface PolicyEvaluation {
  readonly results: PolicyResult[];
  readonly exemptionsUsed: ExemptionUse[];
  /** Exemptions that matched nothing: stale entries the operator can remove. */
  readonly exemptionsUnused: PolicyExemptionConfig[];
}

const DEFAULT_INDEX = indexRules(POLICY_RULES);

/** Evaluates `rules` (default: all asc rules) over `resources`. Pure; results follow resource order, then rule order. */
export function evaluatePolicies(
  resources: ReadonlyArray<PolicyResource>,
  ctx: PolicyContext,
  rules: readonly PolicyRule[] = POLICY_RULES,
): PolicyEvaluation {
  const index: RuleIndex = rules === POLICY_RULES ? DEFAULT_INDEX : indexRules(rules);
  const exemptions = ctx.config.policyExemptions;
  const used = new Map<PolicyExemptionConfig, string[]>();
  const results: PolicyResult[] = [];
  // Per-resource rules first, then stack-level rules; results keep that order.
  const violations: { rule: PolicyRule; resource: PolicyResource; messages: string[] }[] = [];
  for (const resource of resources) {
    for (const rule of index.rulesFor(resource.type)) {
      const messages = rule.check(resource.type, resource.inputs, ctx);
      if (messages.length > 0) violations.push({ rule, resource, messages });
    }
  }
  const stackRules = rules.filter((rule) => rule.checkStack);
  if (stackRules.length > 0) {
    const views = resources.map((r) => ({ urn: r.urn, type: r.type, name: r.name, inputs: r.inputs, dependencies: r.dependencies ?? [] }));
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    for (const rule of stackRules) {
      for (const v of rule.checkStack!(views, ctx)) {
        const resource = byUrn.get(v.urn);
        if (resource) violations.push({ rule, resource, messages: [v.message] });
      }
    }
  }
  for (const { rule, resource, messages } of violations) {
    const exemption = findExemption(exemptions, rule.name, resource);
    if (exemption) used.set(exemption, [...new Set([...(used.get(exemption) ?? []), resource.urn])]);
    for (const message of messages) {
      results.push({
        policy: rule.name,
        urn: resource.urn,
        name: resource.name,
        type: resource.type,
        enforcement: exemption ? "exempt" : enforcementFor(rule, ctx.tier),
        message,
        remediation: rule.remediation,
        severity: rule.severity,
        ...(exemption ? { exemptionReason: exemption.reason } : {}),
      });
    }
  }
  return {
    results,
    exemptionsUsed: [...used].map(([exemption, urns]) => ({ exemption, urns })),
    exemptionsUnused: exemptions.filter((e) => !used.has(e)),
  };
}
