/** The resolved config as rows of key, value and source, with secrets redacted. Pure. */
import { sourceOf, valueAt, type ResolvedConfig } from "./resolve.js";
import { SECRET_CONFIG_KEYS } from "./schema.js";
import { configLeaves } from "./load.js";

export interface ConfigRow {
  readonly key: string;
  readonly value: unknown;
  readonly source: string;
}

export const REDACTED = "[secret]";

export function describeResolvedConfig(resolved: ResolvedConfig): ConfigRow[] {
  return configLeaves()
    .map((leaf) => {
      const value = valueAt(resolved.config, leaf.path);
      const secret = (SECRET_CONFIG_KEYS as readonly string[]).includes(leaf.path);
      return { key: leaf.path, value: secret && value !== undefined ? REDACTED : value, source: sourceOf(resolved.provenance, leaf.path.split(".")) ?? "unset" };
    })
    .filter((row) => row.value !== undefined && !(row.key.startsWith("secrets.rotation.") && row.source === "unset"));
}
