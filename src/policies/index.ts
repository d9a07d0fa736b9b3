/**
 * The policy layer's public API. The CrossGuard builder lives in ./pack.js (imported directly: it loads
 * @pulumi/policy) and the pack's entry point in ./pack-entry.js.
 */
export type { DevOverrideName, FrameworkRefs, PolicyConfigView, PolicyContext, PolicyExemptionConfig, PolicyRule, ResourceProps, RuleCheck, RuleCloud, Severity } from "./rule.js";
export { EVERY_TIER, OUTSIDE_DEV, PRODUCTION_ONLY } from "./rule.js";
export { POLICY_RULES, indexRules, ruleAppliesTo, type RuleIndex } from "./registry.js";
export { AWS_RULES } from "./aws/rules.js";
export { AZURE_RULES } from "./azure/rules.js";
export { SHARED_RULES } from "./shared/rules.js";
export { ASC_TAG_KEYS } from "./shared/tags/required.js";
export { TAGGABLE_AWS_TYPES, TAGGABLE_AZURE_TYPES, TAGGABLE_TYPES } from "./shared/tags/taggable-types.js";
export { SERVICE_TAG } from "./azure/containerapps/external-ingress.js";
export { enforcementFor, findExemption, type Enforcement } from "./enforcement.js";
export { evaluatePolicies, type ExemptionUse, type PolicyEvaluation, type PolicyResource, type PolicyResult } from "./evaluate.js";
export { renderPolicyDocs } from "./docs.js";
export { SECRET_VALUE, UNKNOWN_VALUE } from "./props.js";
