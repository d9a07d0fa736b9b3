/** Rules on Postgres server parameters look at `azure-native:dbforpostgresql:Configuration` resources by parameter name. */
import { expectInput, lookup } from "../../props.js";
import type { ResourceProps } from "../../rule.js";

/** Checks `value` when the resource sets `parameter`; other parameters (and unknown names) are not this rule's business. */
export function checkServerParameter(props: ResourceProps, parameter: string, ok: (value: unknown) => boolean, must: string): string[] {
  const name = lookup(props, "configurationName");
  if (name.state !== "set" || String(name.value).toLowerCase() !== parameter) return [];
  return expectInput(props, { path: "value", label: `${parameter} value`, ok, must });
}
