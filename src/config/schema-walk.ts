/**
 * Reads the shape of the config schema: its leaf paths (for ASC_* variables, provenance and docs)
 * and the keys allowed at any path (for "did you mean"). Pure; works on zod 4 schema definitions.
 */
import type { z } from "zod";

type AnySchema = z.core.$ZodType;

export interface LeafInfo {
  /** Dotted path below `asc:`, e.g. `services.api.cpu`. */
  readonly path: string;
  /** How a string from an environment variable or flag is turned into a value. */
  readonly kind: "string" | "number" | "boolean" | "structured";
  readonly description?: string;
  readonly secret: boolean;
  /** The allowed literal values, for enums and literals. */
  readonly values?: readonly (string | number)[];
}

const def = (s: AnySchema) => s._zod.def as unknown as Record<string, unknown> & { type: string };

function meta(s: AnySchema): { description?: string; secret?: boolean } {
  const m = (s as unknown as { meta?: () => unknown }).meta?.();
  return (m ?? {}) as { description?: string; secret?: boolean };
}

export function unwrap(s: AnySchema): AnySchema {
  let cur = s;
  for (;;) {
    const d = def(cur);
    if (d.type === "optional" || d.type === "default" || d.type === "nullable" || d.type === "readonly") cur = d.innerType as AnySchema;
    else if (d.type === "pipe") cur = d.in as AnySchema;
    else return cur;
  }
}

function objectShape(s: AnySchema): Record<string, AnySchema> | undefined {
  const d = def(unwrap(s));
  return d.type === "object" ? (d.shape as Record<string, AnySchema>) : undefined;
}

function enumKeys(s: AnySchema): string[] | undefined {
  const d = def(unwrap(s));
  if (d.type === "enum") return Object.values(d.entries as Record<string, string>);
  return undefined;
}

export function allowedValues(s: AnySchema): (string | number)[] | undefined {
  const inner = unwrap(s);
  const d = def(inner);
  if (d.type === "enum") return Object.values(d.entries as Record<string, string>);
  if (d.type === "literal") return d.values as (string | number)[];
  return undefined;
}

function leafKind(s: AnySchema): LeafInfo["kind"] {
  const t = def(unwrap(s)).type;
  if (t === "number" || t === "int") return "number";
  if (t === "boolean") return "boolean";
  if (t === "string" || t === "enum") return "string";
  if (t === "literal") {
    const values = def(unwrap(s)).values as unknown[];
    return typeof values[0] === "number" ? "number" : "string";
  }
  return "structured";
}

/** Every leaf below `schema`: objects are walked, records with enum keys are expanded, the rest are leaves. */
export function listLeaves(schema: AnySchema, prefix = ""): LeafInfo[] {
  const shape = objectShape(schema);
  if (shape) {
    return Object.entries(shape).flatMap(([key, child]) => listLeaves(child, prefix ? `${prefix}.${key}` : key));
  }
  const inner = unwrap(schema);
  const d = def(inner);
  if (d.type === "record") {
    const keys = enumKeys(d.keyType as AnySchema);
    if (keys) return keys.flatMap((k) => listLeaves(d.valueType as AnySchema, `${prefix}.${k}`));
  }
  const m = { ...meta(inner), ...meta(schema) };
  return [{ path: prefix, kind: leafKind(schema), description: m.description, secret: m.secret === true, values: allowedValues(schema) }];
}

/** The schema at a path of keys (array indices are skipped), or undefined if the path leaves the schema. */
export function schemaAt(schema: AnySchema, path: readonly PropertyKey[]): AnySchema | undefined {
  let cur: AnySchema | undefined = schema;
  for (const key of path) {
    if (!cur) return undefined;
    const d = def(unwrap(cur));
    if (d.type === "object") cur = (d.shape as Record<string, AnySchema>)[String(key)];
    else if (d.type === "array") cur = d.element as AnySchema;
    else if (d.type === "record") cur = d.valueType as AnySchema;
    else return undefined;
  }
  return cur;
}

/** The keys an object at `path` may have. */
export function keysAt(schema: AnySchema, path: readonly PropertyKey[]): string[] {
  const s = schemaAt(schema, path);
  if (!s) return [];
  const shape = objectShape(s);
  if (shape) return Object.keys(shape);
  const d = def(unwrap(s));
  if (d.type === "record") return enumKeys(d.keyType as AnySchema) ?? [];
  return [];
}

export function descriptionOf(s: AnySchema | undefined): string | undefined {
  if (!s) return undefined;
  return meta(s).description ?? meta(unwrap(s)).description;
}
