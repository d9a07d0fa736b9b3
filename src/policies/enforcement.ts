/**
 * How a violation is enforced, by tier. One table, documented in docs/policies.md (renderPolicyDocs):
 * - a rule is `mandatory` in the tiers listed in its `mandatoryTiers`, `advisory` in the others;
 * - rules that a dev override relaxes list staging and production only, so they are advisory in dev;
 * - rules that only production needs (Multi-AZ, deletion protection, …) list production only.
 */
import type { TierName } from "../config/schema.js";
import type { PolicyExemptionConfig, PolicyRule } from "./rule.js";

export type Enforcement = "mandatory" | "advisory";

export const enforcementFor = (rule: PolicyRule, tier: TierName): Enforcement => (rule.mandatoryTiers.includes(tier) ? "mandatory" : "advisory");

/** The exemption that covers `policy` on a resource, matched by logical name or URN. */
export function findExemption(
  exemptions: readonly PolicyExemptionConfig[],
  policy: string,
  resource: { readonly name: string; readonly urn: string },
): PolicyExemptionConfig | undefined {
  return exemptions.find((e) => e.policy === policy && (e.resource === resource.name || e.resource === resource.urn));
}
