/**
 * asc doctor's cloud credential check: the same cloud session a deploy opens in validate (credentials/session.ts),
 * from the stack config Pulumi's provider reads in the profile file (secure values cannot be decrypted here, and
 * are named as such), and the list of settings asc itself reads.
 */
import { isAscUserError } from "../../errors.js";
import { describeSources } from "../credentials/session.js";
import { AWS_SETTINGS, AZURE_SETTINGS, type StackConfigMap } from "../credentials/settings.js";
import type { CloudCredentialCheck } from "./run-context.js";

/** What asc reads for a cloud's credentials, in the provider's order. */
export function credentialSettingsRead(cloud: "aws" | "azure"): string {
  if (cloud === "aws") return `${AWS_SETTINGS.map(([key, env]) => (env ? `${key} (or ${env})` : key)).join(", ")}, then the AWS SDK's default chain`;
  return `${AZURE_SETTINGS.map(([key, env]) => `azure-native:${key} (or ${env})`).join(", ")}; without a method, the Azure CLI (az login)`;
}

export async function checkCloudCredentials(cloud: "aws" | "azure", region: string, stackConfig: StackConfigMap = {}, env: Readonly<Record<string, string | undefined>> = process.env): Promise<CloudCredentialCheck> {
  const { openCloudSession } = await import("../credentials/session.js");
  try {
    const session = await openCloudSession({ cloud, region, stackConfig, env, timeoutMs: 8000 });
    return { status: "ok", detail: `${session.identity} (${describeSources(session.settings.sources)})` };
  } catch (e) {
    if (isAscUserError(e)) return { status: "problem", detail: e.problems.map((p) => p.message).join("; ") };
    return { status: "problem", detail: e instanceof Error ? e.message.split("\n")[0] : String(e) };
  }
}
