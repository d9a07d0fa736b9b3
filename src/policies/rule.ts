/**
 * The shape of an asc policy rule. A rule is metadata plus a pure `check(type, props, ctx)` that returns violation
 * messages; the offline evaluator (evaluate.ts) and the CrossGuard pack (pack.ts) both run the same rule objects.
 */
import type { BlueprintConfig, TierName } from "../config/schema.js";

export type Severity = "low" | "medium" | "high" | "critical";
export type RuleCloud = "aws" | "azure" | "any";
export type DevOverrideName = keyof BlueprintConfig["devOverrides"];
export type PolicyExemptionConfig = BlueprintConfig["policyExemptions"][number];

/** Where a rule comes from in well-known frameworks; an id is listed only where one really applies. */
export interface FrameworkRefs {
  /** Checkov check ids, e.g. `CKV_AWS_16`. */
  readonly checkov?: readonly string[];
  /** AWS Security Hub Foundational Security Best Practices control ids, e.g. `RDS.3`. */
  readonly securityHub?: readonly string[];
  /** Azure Policy built-in definitions, by display name. */
  readonly azurePolicy?: readonly string[];
  /** Microsoft cloud security benchmark control ids, e.g. `NS-2`. */
  readonly mcsb?: readonly string[];
}

/** Resource inputs as the rule sees them: plain JSON, with "[unknown]" and "[secret]" placeholders. */
export type ResourceProps = Readonly<Record<string, unknown>>;

/** The part of the blueprint config rules may read. `BlueprintConfig` satisfies it; the pack builds it from its config. */
export interface PolicyConfigView {
  readonly app: { readonly exposeApi: boolean };
  /** asc:azure.browserUploads opens the Blob endpoint to SAS uploads from browsers, by design. */
  readonly azure?: { readonly browserUploads?: boolean };
  readonly policyExemptions: readonly PolicyExemptionConfig[];
}

export interface PolicyContext {
  readonly tier: TierName;
  readonly config: PolicyConfigView;
}

/** Returns one message per violation; an empty list means compliant. Never throws on missing or odd input. */
export type RuleCheck = (type: string, props: ResourceProps, ctx: PolicyContext) => string[];

/** A resource as a stack-level check sees it: with the URNs it depends on (property dependencies included). */
export interface StackResourceView {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly inputs: ResourceProps;
  readonly dependencies: readonly string[];
}

/** A violation a stack-level check finds, on the resource it concerns. */
export interface StackViolation {
  readonly urn: string;
  readonly message: string;
}

/** Checks the stack as a whole (e.g. "every bucket has a public-access block"): what one resource cannot show. */
export type StackCheck = (resources: readonly StackResourceView[], ctx: PolicyContext) => StackViolation[];

export interface PolicyRule {
  /** `asc-<cloud>-<service>-<rule>` (shared rules: `asc-<service>-<rule>`), the file's path in kebab-case. */
  readonly name: string;
  readonly cloud: RuleCloud;
  readonly description: string;
  readonly severity: Severity;
  readonly frameworks: FrameworkRefs;
  /** Tiers where a violation blocks the deployment; elsewhere it is advisory. */
  readonly mandatoryTiers: readonly TierName[];
  /** The dev override that relaxes this rule; such a rule is never mandatory in dev. */
  readonly devOverride?: DevOverrideName;
  /** The fix, in one or two sentences. */
  readonly remediation: string;
  /**
   * The asc: keys (without the prefix; `<service>` for each service) whose value changes what this rule finds. The
   * remediation names each one as `asc:<key>`, so an advisory's fix says which profile key to change.
   */
  readonly configKeys?: readonly string[];
  /** Pulumi type tokens the rule applies to, or "*" for every resource. */
  readonly resourceTypes: readonly string[] | "*";
  /** Set (to the reason) when the rule cannot run inside the CrossGuard pack and runs offline only. */
  readonly offlineOnly?: string;
  readonly check: RuleCheck;
  /** Set on stack-level rules (their `check` finds nothing per resource); the pack runs it as a stack policy. */
  readonly checkStack?: StackCheck;
}

export const EVERY_TIER: readonly TierName[] = ["dev", "staging", "production"];
export const OUTSIDE_DEV: readonly TierName[] = ["staging", "production"];
export const PRODUCTION_ONLY: readonly TierName[] = ["production"];

/** Identity with a type: keeps rule files free of annotations. */
export const defineRule = (rule: PolicyRule): PolicyRule => rule;
