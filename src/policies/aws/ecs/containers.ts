/** Reads the container definitions of an ECS task definition (a JSON string in aws v7) for per-container rules. */
import { asArray, asRecord, lookup, parseJsonInput } from "../../props.js";
import type { ResourceProps } from "../../rule.js";

export type ContainerDefinition = Readonly<Record<string, unknown>>;

/** How a container is named in messages: `container "api"`, or `container #0` when it has no name. */
export const containerLabel = (container: ContainerDefinition, index: number): string =>
  typeof container.name === "string" ? `container "${container.name}"` : `container #${index}`;

/** Runs `check` on every container; reports a missing or malformed `containerDefinitions` once. */
export function checkEachContainer(props: ResourceProps, check: (container: ContainerDefinition, label: string) => string[]): string[] {
  const found = lookup(props, "containerDefinitions");
  if (found.state === "opaque") return [];
  if (found.state === "missing") return ["containerDefinitions is not set; it must be a JSON array of container definitions"];
  const parsed = parseJsonInput(found.value);
  const list = parsed.ok ? asArray(parsed.value) : undefined;
  if (!list) return ["containerDefinitions is not a JSON array of container definitions"];
  return list.flatMap((entry, index) => {
    const container = asRecord(entry);
    return container ? check(container, containerLabel(container, index)) : [];
  });
}
