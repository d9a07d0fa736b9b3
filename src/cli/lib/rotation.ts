/**
 * Bumps `asc:secrets.rotation.<name>` in a profile file, keeping its comments and layout (yaml Document API).
 * The next deploy then regenerates those secrets (the epoch is the random resource's keeper).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { isMap, parseDocument } from "yaml";
import { profileFile } from "../../config/load.js";
import type { CloudName, GeneratedSecret } from "../../config/schema.js";
import type { UserProblem } from "../../errors.js";

export interface RotationBump {
  readonly secret: GeneratedSecret;
  readonly from: number;
  readonly to: number;
}

export interface RotationEdit {
  readonly bumps: RotationBump[];
  /** Puts the file back as it was, unless it changed since; returns whether it did. */
  restore(): boolean;
}

/** Writes the new epochs; each one is one more than the highest of the file's and `current` (the resolved value). */
export function bumpRotationEpochs(root: string, profile: string, secrets: readonly GeneratedSecret[], current: Partial<Record<GeneratedSecret, number>>): RotationEdit {
  const file = profileFile(root, profile);
  const original = readFileSync(file, "utf8");
  const doc = parseDocument(original);
  if (!isMap(doc.get("config"))) doc.set("config", doc.createNode({}));
  const bumps = secrets.map((secret) => {
    const path = ["config", "asc:secrets", "rotation", secret];
    const inFile = doc.getIn(path);
    const from = Math.max(typeof inFile === "number" ? inFile : 0, current[secret] ?? 0);
    doc.setIn(path, from + 1);
    return { secret, from, to: from + 1 };
  });
  const written = doc.toString();
  writeFileSync(file, written);
  return {
    bumps,
    restore() {
      if (readFileSync(file, "utf8") !== written) return false;
      writeFileSync(file, original);
      return true;
    },
  };
}

/**
 * Secrets an epoch cannot rotate on a cloud. On Azure the Redis password is the cache's access key, which Azure
 * generates and asc only reads (list keys) into REDIS_URL; bumping `redisAuthToken` would change nothing. A rotation
 * without an outage would move REDIS_URL to the secondary key, roll the apps, then regenerate the primary, and the
 * blueprint has no switch for that yet, so asc refuses and points to the manual procedure.
 */
export const NOT_ROTATABLE: Readonly<Record<CloudName, readonly GeneratedSecret[]>> = { aws: [], azure: ["redisAuthToken"] };

/** The refusal for secrets named with --secret that the profile's cloud cannot rotate by epoch; undefined if none. */
export function unrotatableSecretProblems(cloud: CloudName, named: readonly GeneratedSecret[]): UserProblem[] {
  return named.filter((s) => NOT_ROTATABLE[cloud].includes(s)).map((s) => ({
    path: "--secret",
    value: s,
    message: "on Azure the Redis password is the Managed Redis access key, which Azure generates: a new epoch would change nothing, and asc cannot yet move REDIS_URL to the secondary key first, so regenerating the key would break every connection until the apps restart",
    allowed: "the other generated secrets on Azure (asc:secrets.rotation)",
    fix: "regenerate the key by hand in a quiet window, then deploy and restart the api and worker: docs/runbooks/secret-rotation.md, \"Redis on Azure\"",
  }));
}
