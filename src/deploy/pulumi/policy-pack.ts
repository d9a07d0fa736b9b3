/**
 * The CrossGuard pack for a profile: the pack folder shipped with asc (policy-pack/, running the compiled rules) and
 * the config file that carries the profile's tier and exemptions to it (`--policy-pack-config`). Written to
 * var/policy/<profile>.json under the project, atomically.
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BlueprintConfig } from "../../config/schema.js";

/** The asc package's policy-pack folder (its PulumiPolicy.yaml runs dist/policies/pack-entry.js). */
export const POLICY_PACK_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../policy-pack");

export interface PolicyPackFiles {
  readonly dir: string;
  readonly configFile: string;
}

export const policyPackConfigPath = (projectRoot: string, profile: string) => path.join(projectRoot, "var", "policy", `${profile}.json`);

export async function writePolicyPackConfig(projectRoot: string, profile: string, config: Pick<BlueprintConfig, "tier" | "app" | "azure" | "policyExemptions">): Promise<PolicyPackFiles> {
  const { buildPolicyPackConfig } = await import("../../policies/pack.js");
  const configFile = policyPackConfigPath(projectRoot, profile);
  mkdirSync(path.dirname(configFile), { recursive: true });
  const temp = `${configFile}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(buildPolicyPackConfig({ tier: config.tier, config }), null, 2)}\n`);
  renameSync(temp, configFile);
  return { dir: POLICY_PACK_DIR, configFile };
}
