/** The resolved config as rows of key, value and source, with secrets redacted. Pure. */
import type { ResolvedConfig } from "./resolve.js";
import { SECRET_CONFIG_KEYS } from "./schema.js";
import { configLeaves } from "./load.js";

export interface ConfigRow {
  readonly key: string;
  readonly value: unknown;
  readonly source: string;
}

export const REDACTED = "[secret]";

function valueAt(obj: unknown, dotted: string): unknown {
  return dotted.split(".").reduce<unknown>((cur, k) => (cur && typeof cur === "object" ? (cur as Record<string, unknown>)[k] : undefined), obj);
}

export function describeResolvedConfig(resolved: ResolvedConfig): ConfigRow[] {
  return configLeaves()
    .map((leaf) => {
      const value = valueAt(resolved.config, leaf.path);
      const secret = (SECRET_CONFIG_KEYS as readonly string[]).includes(leaf.path);
      return { key: leaf.path, value: secret && value !== undefined ? REDACTED : value, source: resolved.provenance.get(leaf.path) ?? sourceOfParent(resolved, leaf.path) };
    })
    .filter((row) => row.value !== undefined && !(row.key.startsWith("secrets.rotation.") && row.source === "unset"));
}

function sourceOfParent(resolved: ResolvedConfig, leafPath: string): string {
  const parts = leafPath.split(".");
  for (let n = parts.length - 1; n > 0; n--) {
    const hit = resolved.provenance.get(parts.slice(0, n).join("."));
    if (hit) return hit;
  }
  return "unset";
}
