/**
 * Resolves a profile: merges layers (flags > ASC_* env > profile file > tier defaults), records where every
 * value came from, validates with the zod schema and the tier rules, and turns every failure into a UserProblem
 * that names the key path, the value, what is allowed and the fix. Pure.
 */
import type { z } from "zod";
import { AscUserError, type UserProblem } from "../errors.js";
import { tierDefaults } from "./defaults.js";
import { didYouMean } from "./did-you-mean.js";
import { checkConfigRules } from "./rules.js";
import { BlueprintConfigSchema, CLOUDS, SECRET_CONFIG_KEYS, TIERS, type BlueprintConfig, type CloudName, type TierName } from "./schema.js";
import { allowedValues, descriptionOf, keysAt, schemaAt } from "./schema-walk.js";

export type LayerKind = "default" | "profile" | "env" | "flag";

/** One source of config values. `labels` names the source of individual leaves (an env var, a flag). */
export interface ConfigLayer {
  readonly kind: LayerKind;
  /** A human label, e.g. `stacks/Pulumi.aws-dev.yaml`, `environment`, `flags`. */
  readonly source: string;
  readonly values: Readonly<Record<string, unknown>>;
  readonly labels?: ReadonlyMap<string, string>;
}

export interface ResolvedConfig {
  readonly config: BlueprintConfig;
  /** Leaf path (e.g. `services.api.cpu`) → where its value came from. */
  readonly provenance: ReadonlyMap<string, string>;
}

export interface ResolveOptions {
  /** Used to refuse expired policy exemptions. */
  readonly now: Date;
  /** Where the problems were found, for the error title. */
  readonly profileLabel: string;
}

const PRECEDENCE: Record<LayerKind, number> = { default: 0, profile: 1, env: 2, flag: 3 };

export function configPath(path: readonly PropertyKey[]): string {
  let out = "asc:";
  path.forEach((key, i) => {
    if (typeof key === "number") out += `[${key}]`;
    else out += i === 0 ? String(key) : `.${String(key)}`;
  });
  return out;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Deep merge: objects merge, everything else replaces. Records the layer that set each leaf. */
export function mergeLayers(layers: readonly ConfigLayer[]): { merged: Record<string, unknown>; provenance: Map<string, string> } {
  const sorted = [...layers].sort((a, b) => PRECEDENCE[a.kind] - PRECEDENCE[b.kind]);
  const provenance = new Map<string, string>();
  const merged: Record<string, unknown> = {};
  for (const layer of sorted) mergeInto(merged, layer.values, "", layer, provenance);
  return { merged, provenance };
}

function mergeInto(target: Record<string, unknown>, source: Readonly<Record<string, unknown>>, prefix: string, layer: ConfigLayer, provenance: Map<string, string>): void {
  for (const [key, value] of Object.entries(source)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(value) && Object.keys(value).length > 0) {
      if (!isPlainObject(target[key])) target[key] = {};
      mergeInto(target[key] as Record<string, unknown>, value, path, layer, provenance);
    } else {
      target[key] = value;
      for (const p of [...provenance.keys()]) if (p.startsWith(`${path}.`)) provenance.delete(p);
      provenance.set(path, layer.labels?.get(path) ?? layer.source);
    }
  }
}

/** The value at a path of keys (or a dotted path), or undefined. */
export function valueAt(obj: unknown, path: readonly PropertyKey[] | string): unknown {
  if (typeof path === "string") path = path.split(".");
  let cur = obj;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key as string];
  }
  return cur;
}

/** Where a path's value came from: its own entry, else its nearest parent's (a whole object set at once). */
export function sourceOf(provenance: ReadonlyMap<string, string>, path: readonly PropertyKey[]): string | undefined {
  const parts = path.map(String);
  for (let n = parts.length; n > 0; n--) {
    const hit = provenance.get(parts.slice(0, n).join("."));
    if (hit) return hit;
  }
  return undefined;
}

/**
 * The override (an `ASC_*` variable or a flag) that set a key below `path`, if one did: a rule that judges a whole
 * object (`asc:services.api`) is about the value `--set services.api.cpu=0.3` changed, not about the file.
 */
export function overrideWithin(provenance: ReadonlyMap<string, string>, path: readonly PropertyKey[]): string | undefined {
  const prefix = `${path.map(String).join(".")}.`;
  for (const [key, source] of provenance) if (key.startsWith(prefix) && overrideOf(source) !== undefined) return source;
  return undefined;
}

const isSecretPath = (path: readonly PropertyKey[]) => (SECRET_CONFIG_KEYS as readonly string[]).includes(String(path[0]));

/** `env ASC_X` → `ASC_X`; `flag --set k` → `--set asc:k`; `flag --image api` → `--image api`; else undefined. */
function overrideOf(source: string | undefined): string | undefined {
  if (source?.startsWith("env ")) return source.slice(4);
  if (source?.startsWith("flag --set ")) return `--set asc:${source.slice(11)}`;
  if (source?.startsWith("flag ")) return source.slice(5);
  return undefined;
}

/**
 * The headline of a refusal names where the bad values came from: an `ASC_*` variable or a flag when they did
 * (the profile file may be fine), the profile otherwise.
 */
export function problemsTitle(problems: readonly UserProblem[], profileLabel: string): string {
  const overrides = [...new Set(problems.map((p) => overrideOf(p.source)).filter((o): o is string => o !== undefined))];
  const fromOverridesOnly = overrides.length > 0 && problems.every((p) => overrideOf(p.source) !== undefined);
  if (fromOverridesOnly) {
    if (overrides.length > 1) return `Invalid values from ${overrides.join(", ")}`;
    return overrides[0].startsWith("ASC_") ? `Invalid value from ${overrides[0]}` : `Invalid ${overrides[0]}`;
  }
  return overrides.length ? `Invalid profile ${profileLabel} (with ${overrides.join(", ")})` : `Invalid profile ${profileLabel}`;
}

/** Turns one zod issue into a problem a person can act on. */
function problemFromIssue(issue: z.core.$ZodIssue, merged: unknown, provenance: ReadonlyMap<string, string>): UserProblem[] {
  const schema = schemaAt(BlueprintConfigSchema, issue.path);
  const value = isSecretPath(issue.path) ? "[secret]" : valueAt(merged, issue.path);
  const path = configPath(issue.path);
  const source = sourceOf(provenance, issue.path);
  const description = descriptionOf(schema);
  const base = { path, source, value };
  switch (issue.code) {
    case "unrecognized_keys": {
      const allowed = keysAt(BlueprintConfigSchema, issue.path);
      return issue.keys.map((key) => {
        const suggestion = didYouMean(key, allowed);
        const full = configPath([...issue.path, key]);
        const raw = valueAt(merged, [...issue.path, key]);
        // A misspelt secret key still holds a secret; other unknown keys show their value (scalars only, no subtree).
        const secretLike = (suggestion && isSecretPath([...issue.path, suggestion])) || /key|secret|token|password|pepper|salt/i.test(key);
        return {
          path: full,
          message: suggestion ? `unknown key; did you mean "${suggestion}"?` : "unknown key",
          value: secretLike ? "[redacted]" : isPlainObject(raw) || Array.isArray(raw) ? `(${Array.isArray(raw) ? "a list" : "a mapping"})` : raw,
          source: sourceOf(provenance, [...issue.path, key]),
          allowed: allowed.join(", "),
          fix: suggestion ? `rename it to ${configPath([...issue.path, suggestion])}` : `remove ${full}, or use one of the allowed keys`,
        };
      });
    }
    case "invalid_value": {
      const values = issue.values.map((v) => String(v));
      if (value === undefined) return [{ path, source, message: "is required", allowed: values.join(", "), fix: `set ${path} to one of the allowed values` }];
      const suggestion = typeof value === "string" ? didYouMean(value, values) : undefined;
      return [{
        ...base,
        message: suggestion ? `not an allowed value; did you mean "${suggestion}"?` : "not an allowed value",
        allowed: values.join(", "),
        fix: `set ${path} to one of the allowed values`,
      }];
    }
    case "invalid_type": {
      if (value === undefined) {
        return [{ path, source, message: "is required", allowed: describeAllowed(schema, issue.expected, description), fix: `set ${path} in the profile${description ? ` (${description})` : ""}` }];
      }
      return [{ ...base, message: `must be ${article(issue.expected)}, not ${article(typeOfValue(value))}`, allowed: describeAllowed(schema, issue.expected, description), fix: issue.expected === "boolean" ? `set ${path} to true or false` : `set ${path} to ${article(issue.expected)}` }];
    }
    case "too_small":
    case "too_big": {
      const bound = issue.code === "too_small" ? `at least ${String(issue.minimum)}` : `at most ${String(issue.maximum)}`;
      const what = issue.origin === "array" ? `${bound} item(s)` : issue.origin === "string" ? `${bound} characters` : bound;
      return [{ ...base, message: `must be ${what}`, allowed: what, fix: `set ${path} to a value that is ${what}` }];
    }
    default: {
      const allowed = description ?? issue.message;
      return [{ ...base, message: issue.message, allowed, fix: `correct ${path}` }];
    }
  }
}

function describeAllowed(schema: Parameters<typeof allowedValues>[0] | undefined, expected: string, description?: string): string {
  const values = schema ? allowedValues(schema) : undefined;
  if (values) return values.join(", ");
  if (expected === "boolean") return description ? `true, false (${description})` : "true, false";
  return description ? `${expected}: ${description}` : expected;
}

const article = (t: string) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);
const typeOfValue = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

/** The cloud and tier must be known before defaults can be chosen. */
function readCloudAndTier(merged: Record<string, unknown>, provenance: ReadonlyMap<string, string>): { cloud: CloudName; tier: TierName } | UserProblem[] {
  const problems: UserProblem[] = [];
  const check = <T extends string>(key: "cloud" | "tier", allowed: readonly T[]): T | undefined => {
    const value = merged[key];
    if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
    const suggestion = typeof value === "string" ? didYouMean(value, allowed) : undefined;
    problems.push({
      path: `asc:${key}`,
      message: value === undefined ? "is required" : suggestion ? `not an allowed value; did you mean "${suggestion}"?` : "not an allowed value",
      ...(value === undefined ? {} : { value }),
      source: provenance.get(key),
      allowed: allowed.join(", "),
      fix: `set asc:${key} to one of: ${allowed.join(", ")}`,
    });
    return undefined;
  };
  const cloud = check("cloud", CLOUDS);
  const tier = check("tier", TIERS);
  return cloud && tier ? { cloud, tier } : problems;
}

/** Merges, validates and applies the tier rules. Throws AscUserError listing every problem found. */
export function resolveConfig(layers: readonly ConfigLayer[], options: ResolveOptions): ResolvedConfig {
  const upper = mergeLayers(layers.filter((l) => l.kind !== "default"));
  const head = readCloudAndTier(upper.merged, upper.provenance);
  if (Array.isArray(head)) throw new AscUserError(problemsTitle(head, options.profileLabel), head);

  const defaultsLayer: ConfigLayer = {
    kind: "default",
    source: `default (${head.tier})`,
    values: tierDefaults(head.tier, head.cloud) as unknown as Record<string, unknown>,
  };
  const { merged, provenance } = mergeLayers([defaultsLayer, ...layers.filter((l) => l.kind !== "default")]);
  const parsed = BlueprintConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((issue) => problemFromIssue(issue, merged, provenance));
    throw new AscUserError(problemsTitle(problems, options.profileLabel), problems);
  }
  const ruleProblems = checkConfigRules(parsed.data, options.now).map((p) => {
    const parts = p.path.replace(/^asc:/, "").split(/[.[\]]+/).filter(Boolean);
    return { ...p, source: p.source ?? overrideWithin(provenance, parts) ?? sourceOf(provenance, parts) };
  });
  if (ruleProblems.length > 0) throw new AscUserError(problemsTitle(ruleProblems, options.profileLabel), ruleProblems);
  return { config: parsed.data, provenance };
}
