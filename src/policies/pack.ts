/**
 * Builds the CrossGuard policies from the same rule objects the offline evaluator runs. Pure: constructing the
 * PolicyPack (which starts the analyzer's gRPC server) happens in pack-entry.ts only.
 *
 * The tier, the exemptions and asc:app.exposeApi reach the pack through its config (`--policy-pack-config`), written
 * by `buildPolicyPackConfig`: per policy, `enforcementLevel` (from the tier) plus `{ tier, exemptions, exposeApi }`.
 */
import * as policySdk from "@pulumi/policy";
import type { PolicyConfigSchema, PolicyPackConfig, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { TIERS, type TierName } from "../config/schema.js";
import { enforcementFor, findExemption } from "./enforcement.js";
import { UNKNOWN_VALUE } from "./props.js";
import { POLICY_RULES, ruleAppliesTo } from "./registry.js";
import type { PolicyContext, PolicyExemptionConfig, PolicyRule, ResourceProps } from "./rule.js";

/** The config each asc policy takes in the pack. */
export interface PackPolicyConfig {
  readonly tier: TierName;
  readonly exemptions: readonly PolicyExemptionConfig[];
  readonly exposeApi: boolean;
  readonly browserUploads: boolean;
}

/** Without config the pack assumes production (the strictest tier). */
export const PACK_DEFAULT_TIER: TierName = "production";

export const PACK_CONFIG_SCHEMA: PolicyConfigSchema = {
  properties: {
    tier: { type: "string", enum: [...TIERS], default: PACK_DEFAULT_TIER, description: "Deployment tier of the stack (asc:tier)." },
    exemptions: {
      type: "array",
      default: [],
      description: "asc:policyExemptions entries for this policy.",
      items: {
        type: "object",
        properties: { policy: { type: "string" }, resource: { type: "string" }, reason: { type: "string" }, expires: { type: "string" } },
        required: ["policy", "resource", "reason", "expires"],
      },
    },
    exposeApi: { type: "boolean", default: false, description: "asc:app.exposeApi: whether the api may take external traffic." },
    browserUploads: { type: "boolean", default: false, description: "asc:azure.browserUploads: whether Blob storage takes SAS uploads from browsers." },
  },
};

/** Wire values of unknowns (@pulumi/policy proxy.ts); the proxy throws on them, bare values are mapped too. */
const UNKNOWN_SENTINELS = new Set<unknown>([
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "030794c1-ac77-496b-92df-f27374a8bd58",
  "e48ece36-62e2-4504-bad9-02848725956a",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

function readMember(container: Record<string | number, unknown>, key: string | number): unknown {
  try {
    return toRuleProps(container[key]);
  } catch (error) {
    if (error instanceof policySdk.UnknownValueError) return UNKNOWN_VALUE;
    throw error;
  }
}

/** Copies the engine's props (an unknown-checking proxy) into plain JSON with "[unknown]" where values are not known yet. */
export function toRuleProps(value: unknown): unknown {
  if (value === null || typeof value !== "object") return UNKNOWN_SENTINELS.has(value) ? UNKNOWN_VALUE : value;
  const container = value as Record<string | number, unknown>;
  if (Array.isArray(value)) return Array.from({ length: value.length }, (_, i) => readMember(container, i));
  return Object.fromEntries(Object.keys(value).map((key) => [key, readMember(container, key)]));
}

const isExemption = (value: unknown): value is PolicyExemptionConfig => {
  const e = value as Partial<Record<keyof PolicyExemptionConfig, unknown>> | null;
  return !!e && typeof e.policy === "string" && typeof e.resource === "string" && typeof e.reason === "string" && typeof e.expires === "string";
};

/** Reads a policy's config leniently: anything missing or malformed falls back to the strict default. */
export function readPackPolicyConfig(raw: Readonly<Record<string, unknown>>, fallbackTier: TierName = PACK_DEFAULT_TIER): PackPolicyConfig {
  const tier = TIERS.find((t) => t === raw.tier) ?? fallbackTier;
  const exemptions = Array.isArray(raw.exemptions) ? raw.exemptions.filter(isExemption) : [];
  return { tier, exemptions, exposeApi: raw.exposeApi === true, browserUploads: raw.browserUploads === true };
}

/** Tags shown with each policy: its cloud and framework ids. */
export function frameworkTags(rule: PolicyRule): string[] {
  const f = rule.frameworks;
  return [
    `cloud:${rule.cloud}`,
    ...(f.checkov ?? []).map((id) => `checkov:${id}`),
    ...(f.securityHub ?? []).map((id) => `aws-fsbp:${id}`),
    ...(f.mcsb ?? []).map((id) => `mcsb:${id}`),
    ...(f.azurePolicy ?? []).map((name) => `azure-policy:${name}`),
  ];
}

function validateWith(rule: PolicyRule, fallbackTier: TierName) {
  return (args: ResourceValidationArgs, reportViolation: (message: string) => void): void => {
    if (!ruleAppliesTo(rule, args.type)) return;
    const config = readPackPolicyConfig(args.getConfig<Record<string, unknown>>(), fallbackTier);
    // The engine has no "exempt" level: an exempted violation is not reported (the offline preview lists it).
    if (findExemption(config.exemptions, rule.name, args)) return;
    const ctx: PolicyContext = { tier: config.tier, config: { app: { exposeApi: config.exposeApi }, azure: { browserUploads: config.browserUploads }, policyExemptions: config.exemptions } };
    for (const message of rule.check(args.type, toRuleProps(args.props) as ResourceProps, ctx)) reportViolation(message);
  };
}

/** Rules that can run in the pack (the plaintext-secret rule cannot; see its `offlineOnly`). */
export const packRules = (rules: readonly PolicyRule[] = POLICY_RULES): PolicyRule[] => rules.filter((rule) => !rule.offlineOnly);

/**
 * One ResourceValidationPolicy per rule. `tier` sets the static enforcement levels used when the pack runs without
 * config; with config, the per-policy `enforcementLevel` from `buildPolicyPackConfig` wins.
 */
/** A stack-level rule in the engine: the same check over every resource of the stack. */
function validateStackWith(rule: PolicyRule, fallbackTier: TierName) {
  return (args: StackValidationArgs, reportViolation: (message: string, urn?: string) => void): void => {
    const config = readPackPolicyConfig(args.getConfig<Record<string, unknown>>(), fallbackTier);
    const ctx: PolicyContext = { tier: config.tier, config: { app: { exposeApi: config.exposeApi }, azure: { browserUploads: config.browserUploads }, policyExemptions: config.exemptions } };
    const views = args.resources.map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      inputs: toRuleProps(r.props) as ResourceProps,
      dependencies: [...r.dependencies, ...Object.values(r.propertyDependencies).flat()].map((d) => d.urn),
    }));
    const byUrn = new Map(views.map((v) => [v.urn, v]));
    for (const v of rule.checkStack!(views, ctx)) {
      const resource = byUrn.get(v.urn);
      if (resource && findExemption(config.exemptions, rule.name, resource)) continue;
      reportViolation(v.message, v.urn);
    }
  };
}

export function buildPolicies(options: { readonly tier?: TierName; readonly rules?: readonly PolicyRule[] } = {}): (ResourceValidationPolicy | StackValidationPolicy)[] {
  const tier = options.tier ?? PACK_DEFAULT_TIER;
  return packRules(options.rules).map((rule) => {
    const common = {
      name: rule.name,
      description: rule.description,
      enforcementLevel: enforcementFor(rule, tier),
      severity: rule.severity,
      remediationSteps: rule.remediation,
      tags: frameworkTags(rule),
      configSchema: PACK_CONFIG_SCHEMA,
    };
    return rule.checkStack ? { ...common, validateStack: validateStackWith(rule, tier) } : { ...common, validateResource: validateWith(rule, tier) };
  });
}

/** The `--policy-pack-config` document for a stack: per policy, its enforcement level in `ctx.tier` and its config. */
export function buildPolicyPackConfig(ctx: PolicyContext, rules: readonly PolicyRule[] = POLICY_RULES): PolicyPackConfig {
  return Object.fromEntries(
    packRules(rules).map((rule) => [
      rule.name,
      {
        enforcementLevel: enforcementFor(rule, ctx.tier),
        tier: ctx.tier,
        exposeApi: ctx.config.app.exposeApi,
        browserUploads: ctx.config.azure?.browserUploads === true,
        exemptions: ctx.config.policyExemptions.filter((e) => e.policy === rule.name),
      },
    ]),
  );
}
