/**
 * Safe reading of resource inputs for rules. Inputs may miss properties, hold the offline preview's "[unknown]"
 * (not known yet) or "[secret]" placeholders, or have an unexpected shape; none of that may throw.
 */
import type { ResourceProps } from "./rule.js";

export const UNKNOWN_VALUE = "[unknown]";
export const SECRET_VALUE = "[secret]";

/** A value a rule cannot judge: not known yet, or hidden as a secret. Never a violation by itself. */
export const isOpaque = (value: unknown): boolean => value === UNKNOWN_VALUE || value === SECRET_VALUE;

export type Lookup = { readonly state: "missing" } | { readonly state: "opaque" } | { readonly state: "set"; readonly value: unknown };
const MISSING: Lookup = { state: "missing" };
const OPAQUE: Lookup = { state: "opaque" };

/** Reads a dotted path (`network.publicNetworkAccess`). `null` counts as missing; an opaque parent makes it opaque. */
export function lookup(props: unknown, path: string): Lookup {
  let current: unknown = props;
  for (const key of path.split(".")) {
    if (isOpaque(current)) return OPAQUE;
    if (current === null || typeof current !== "object") return MISSING;
    current = (current as Record<string, unknown>)[key];
  }
  if (current === undefined || current === null) return MISSING;
  return isOpaque(current) ? OPAQUE : { state: "set", value: current };
}

/** The value at `path` when it is set and known, else undefined. */
export const valueAt = (props: unknown, path: string): unknown => {
  const found = lookup(props, path);
  return found.state === "set" ? found.value : undefined;
};

/** How a value appears in a message: JSON, so strings are quoted and objects are readable. */
export const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

export interface Expectation {
  /** Dotted path of the input. */
  readonly path: string;
  readonly ok: (value: unknown) => boolean;
  /** Completes "it must be …". */
  readonly must: string;
  /** Name shown in the message; defaults to the path. */
  readonly label?: string;
  /** "compliant" when the provider's default for a missing property is the safe value. */
  readonly whenMissing?: "violation" | "compliant";
  /** Why missing is a problem, e.g. "the AWS default is 300 seconds". */
  readonly missingNote?: string;
}

/** Checks one input: `<label> is not set; it must be …` or `<label> is <value>; it must be …`. */
export function expectInput(props: unknown, e: Expectation): string[] {
  const label = e.label ?? e.path;
  const found = lookup(props, e.path);
  if (found.state === "opaque") return [];
  if (found.state === "missing") {
    if (e.whenMissing === "compliant") return [];
    return [`${label} is not set${e.missingNote ? ` (${e.missingNote})` : ""}; it must be ${e.must}`];
  }
  return e.ok(found.value) ? [] : [`${label} is ${show(found.value)}; it must be ${e.must}`];
}

export const isTrue = (value: unknown): boolean => value === true;
export const isNotTrue = (value: unknown): boolean => value !== true;
export const isFalse = (value: unknown): boolean => value === false;
export const isNonEmptyString = (value: unknown): boolean => typeof value === "string" && value.trim() !== "";
/** Case-insensitive string equality (Azure enums come in several casings). */
export const equalsIgnoreCase = (expected: string) => (value: unknown): boolean =>
  typeof value === "string" && value.toLowerCase() === expected.toLowerCase();

export const asRecord = (value: unknown): Readonly<Record<string, unknown>> | undefined =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
export const asArray = (value: unknown): readonly unknown[] | undefined => (Array.isArray(value) ? value : undefined);

/** A number from a number or a numeric string (some providers take either), else undefined. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** A JSON document given as a string (aws v7 policies, container definitions) or already as a value. */
export function parseJsonInput(value: unknown): { readonly ok: true; readonly value: unknown } | { readonly ok: false } {
  if (typeof value !== "string") return { ok: true, value };
  try {
    return { ok: true, value: JSON.parse(value) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The `tags` map of a resource, or undefined when absent or not known. */
export const tagsOf = (props: ResourceProps): Readonly<Record<string, unknown>> | undefined => asRecord(valueAt(props, "tags"));
