/**
 * Bumps `asc:secrets.rotation.<name>` in a profile file, keeping its comments and layout (yaml Document API).
 * The next deploy then regenerates those secrets (the epoch is the random resource's keeper).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { isMap, parseDocument } from "yaml";
import { profileFile } from "../../config/load.js";
import type { GeneratedSecret } from "../../config/schema.js";

export interface RotationBump {
  readonly secret: GeneratedSecret;
  readonly from: number;
  readonly to: number;
}

/** Writes the new epochs; each one is one more than the highest of the file's and `current` (the resolved value). */
export function bumpRotationEpochs(root: string, profile: string, secrets: readonly GeneratedSecret[], current: Partial<Record<GeneratedSecret, number>>): RotationBump[] {
  const file = profileFile(root, profile);
  const doc = parseDocument(readFileSync(file, "utf8"));
  if (!isMap(doc.get("config"))) doc.set("config", doc.createNode({}));
  const bumps = secrets.map((secret) => {
    const path = ["config", "asc:secrets", "rotation", secret];
    const inFile = doc.getIn(path);
    const from = Math.max(typeof inFile === "number" ? inFile : 0, current[secret] ?? 0);
    doc.setIn(path, from + 1);
    return { secret, from, to: from + 1 };
  });
  writeFileSync(file, doc.toString());
  return bumps;
}
