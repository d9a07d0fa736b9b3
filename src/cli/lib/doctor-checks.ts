/**
 * asc doctor: the Pulumi CLI and its version, the backend login, each profile's validity, the secrets provider
 * (passphrase) and the cloud credentials, each with the fix for a problem.
 */
import { passphraseProblem, passphraseState } from "../../config/passphrase.js";
import { credentialSettingsRead } from "../../deploy/pipeline/cloud-credentials.js";
import { plainStackConfig } from "../../deploy/credentials/settings.js";
import { fileBackendProblem } from "../../config/backend.js";
import type { LoadedProfile, ProfileFile } from "../../config/load.js";
import type { PulumiGateway } from "../../deploy/pulumi/gateway.js";
import type { PipelineServices } from "../../deploy/pipeline/run-context.js";
import { formatProblems, isAscUserError } from "../../errors.js";
import { azureProfileChecks, type AzureProfileCheckInput } from "./azure-subscription-checks.js";

export type CheckStatus = "ok" | "problem" | "warning" | "not checked";

export interface DoctorCheck {
  readonly check: string;
  readonly status: CheckStatus;
  readonly detail: string;
  readonly fix?: string;
}

export interface DoctorInput {
  readonly root: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly profiles: readonly string[];
  readonly services: Pick<PipelineServices, "checkCloudCredentials">;
  /** Finds the binary and returns the gateway; throws a user error when there is none. */
  readonly pulumi: () => Promise<PulumiGateway>;
  readonly loadProfile: (profile: string) => LoadedProfile;
  /** Reads the stack file (throws a user error when it cannot be read). */
  readonly readProfile: (profile: string) => ProfileFile;
  /** PULUMI_BACKEND_URL or Pulumi.yaml's backend.url, with where it was read; null when neither names one. */
  readonly configuredBackend: { readonly url: string; readonly source: string } | null;
  /** `process.version` unless a test says otherwise. */
  readonly nodeVersion?: string;
  /** Azure subscription checks (resource providers, soft-deleted vault); without it Azure profiles skip them. */
  readonly azure?: Pick<AzureProfileCheckInput, "api" | "deriveKeyVaultName">;
}

/** The provider credential config in a profile file: plain values, and the secure keys doctor cannot decrypt. */
function providerConfigOf(input: DoctorInput, profile: string, cloud: "aws" | "azure"): { values: Record<string, string>; encrypted: string[] } {
  const namespace = cloud === "aws" ? "aws:" : "azure-native:";
  try {
    const raw = Object.fromEntries(Object.entries(input.readProfile(profile).otherNamespaces).filter(([k]) => k.startsWith(namespace)));
    const values = plainStackConfig(raw);
    return { values, encrypted: Object.keys(raw).filter((k) => !(k in values)) };
  } catch {
    return { values: {}, encrypted: [] };
  }
}

/** Node.js 22 is the supported runtime; 20.19+ still works. Node 20 reached end of life on 2026-04-30. */
export const SUPPORTED_NODE_MAJOR = 22;

/**
 * The one place asc speaks of the Node.js version. The AWS SDK prints its own notice (its releases from January 2027
 * need Node 22) on every run; bin/asc.js turns that off (AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED, read by
 * @aws-sdk/core's emitWarningIfUnsupportedVersion) because this check says it once, with the fix.
 */
export function nodeRuntimeCheck(version: string): DoctorCheck {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1] ?? 0);
  if (major >= SUPPORTED_NODE_MAJOR) return { check: "node runtime", status: "ok", detail: `Node.js ${version}` };
  return {
    check: "node runtime",
    status: "warning",
    detail: `Node.js ${version}: asc works, but Node 20 reached end of life on 2026-04-30 and AWS SDK releases from January 2027 need Node ${SUPPORTED_NODE_MAJOR}`,
    fix: `install Node.js ${SUPPORTED_NODE_MAJOR} LTS (nvm install ${SUPPORTED_NODE_MAJOR}, or your platform's package), then npm ci`,
  };
}

const messageOf = (e: unknown) => (isAscUserError(e) ? `${e.title}\n${formatProblems(e.problems)}` : e instanceof Error ? e.message : String(e));

async function pulumiChecks(input: DoctorInput, out: DoctorCheck[]): Promise<{ gateway?: PulumiGateway; backend?: string }> {
  let gateway: PulumiGateway;
  try {
    gateway = await input.pulumi();
  } catch (e) {
    const fix = isAscUserError(e) ? e.problems[0]?.fix : "reinstall the Pulumi CLI (https://www.pulumi.com/docs/install/)";
    out.push({ check: "pulumi CLI", status: "problem", detail: messageOf(e).split("\n")[0], ...(fix ? { fix } : {}) });
    out.push({ check: "backend login", status: "not checked", detail: "needs the Pulumi CLI" });
    return {};
  }
  out.push({ check: "pulumi CLI", status: "ok", detail: `${gateway.command} (v${gateway.version})` });
  if (!input.root) {
    out.push({ check: "backend login", status: "not checked", detail: "not inside an asc project" });
    return { gateway };
  }
  try {
    const who = await gateway.whoAmI(input.root);
    out.push({ check: "backend login", status: "ok", detail: `${who.user} on ${who.url ?? "the default backend"}` });
    return { gateway, ...(who.url ? { backend: who.url } : {}) };
  } catch (e) {
    out.push({ check: "backend login", status: "problem", detail: messageOf(e).split("\n")[0], fix: "pulumi login <backend> (s3://…, azblob://…, https://api.pulumi.com), or set PULUMI_BACKEND_URL (and PULUMI_ACCESS_TOKEN for Pulumi Cloud)" });
    return { gateway };
  }
}

function secretsProviderCheck(input: DoctorInput, profile: string, backend: string | undefined): DoctorCheck {
  const check = `secrets provider (${profile})`;
  let file: ProfileFile;
  try {
    file = input.readProfile(profile);
  } catch {
    return { check, status: "not checked", detail: "the profile file cannot be read (see above)" };
  }
  const provider = file.secretsProvider;
  const state = passphraseState(file, input.env, backend);
  if (state === "not-used") return provider ? { check, status: "ok", detail: `${provider} (needs that cloud's credentials)` } : { check, status: "ok", detail: "the Pulumi Cloud backend's secrets provider" };
  if (state === "set" || state === "file") return { check, status: "ok", detail: "passphrase provider; PULUMI_CONFIG_PASSPHRASE(_FILE) is set" };
  const problem = passphraseProblem(state, file.file)!;
  return { check, status: "problem", detail: state === "empty" ? "passphrase secrets provider, but PULUMI_CONFIG_PASSPHRASE is empty (asc treats it as unset)" : "passphrase secrets provider, but neither PULUMI_CONFIG_PASSPHRASE nor PULUMI_CONFIG_PASSPHRASE_FILE is set", fix: problem.fix };
}

export async function runDoctorChecks(input: DoctorInput): Promise<DoctorCheck[]> {
  const out: DoctorCheck[] = [nodeRuntimeCheck(input.nodeVersion ?? process.version)];
  if (!input.root) out.push({ check: "asc project", status: "problem", detail: "no Pulumi.yaml here or in a parent folder", fix: "cd into the asc project (the folder with Pulumi.yaml)" });
  else out.push({ check: "asc project", status: "ok", detail: input.root });
  const { backend } = await pulumiChecks(input, out);
  const clouds = new Map<string, { cloud: "aws" | "azure"; region: string; profile: string; stackConfig: { values: Record<string, string>; encrypted: string[] } }>();
  const azureProfiles: AzureProfileSummary[] = [];
  const url = input.configuredBackend ?? (backend ? { url: backend, source: "pulumi login (the current backend)" } : null);
  for (const profile of input.profiles) {
    try {
      const loaded = input.loadProfile(profile);
      const c = loaded.config;
      out.push({ check: `profile ${profile}`, status: "ok", detail: `${c.cloud}, ${c.tier}, ${c.region}` });
      if (!clouds.has(`${c.cloud}:${c.region}`)) clouds.set(`${c.cloud}:${c.region}`, { cloud: c.cloud, region: c.region, profile, stackConfig: providerConfigOf(input, profile, c.cloud) });
      if (c.cloud === "azure") azureProfiles.push({ profile, tier: c.tier, region: c.region, name: c.name, keyVaultName: c.azure.keyVaultName });
      const refused = fileBackendProblem(c.tier, url?.url, url?.source ?? "backend", c.region);
      if (refused) out.push({ check: `backend (${profile})`, status: "problem", detail: `${c.tier} on a local file backend (${url?.source}: ${JSON.stringify(url?.url.trim())}): ${refused.message}`, fix: refused.fix });
    } catch (e) {
      out.push({ check: `profile ${profile}`, status: "problem", detail: messageOf(e).split("\n")[0], fix: isAscUserError(e) ? (e.problems[0]?.fix ?? "fix the profile") : "fix the profile" });
    }
    out.push(secretsProviderCheck(input, profile, backend));
  }
  for (const { cloud, region, profile, stackConfig } of clouds.values()) {
    const result = await input.services.checkCloudCredentials(cloud, region, stackConfig.values);
    out.push({
      check: `${cloud} credentials (${region})`,
      status: result.status,
      detail: `${result.detail}${stackConfig.encrypted.length ? `; encrypted in ${profile}'s stack config, checked at deploy: ${stackConfig.encrypted.join(", ")}` : ""}`,
      ...(result.status === "problem" ? { fix: cloud === "aws" ? "aws sso login / aws configure, or export AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY); aws:profile and aws:assumeRoles in the profile apply too" : "az login, or set the ARM_* variables Pulumi's azure-native provider reads (ARM_CLIENT_ID, ARM_TENANT_ID, ARM_SUBSCRIPTION_ID with ARM_CLIENT_SECRET or ARM_USE_OIDC)" } : {}),
    });
    out.push({ check: `${cloud} credential settings`, status: "ok", detail: `asc reads what Pulumi's provider reads: ${credentialSettingsRead(cloud)}` });
  }
  if (azureProfiles.length) out.push(...(await azureChecks(input, azureProfiles, out)));
  if (input.root && input.profiles.length === 0) out.push({ check: "profiles", status: "warning", detail: "no stacks/Pulumi.<profile>.yaml yet", fix: "copy a profile from the asc repository's stacks/ folder" });
  return out;
}

type AzureProfileSummary = Pick<AzureProfileCheckInput, "profile" | "tier" | "region" | "name" | "keyVaultName">;

async function azureChecks(input: DoctorInput, profiles: readonly AzureProfileSummary[], before: readonly DoctorCheck[]): Promise<DoctorCheck[]> {
  const azure = input.azure;
  const signedIn = before.some((c) => c.check.startsWith("azure credentials") && c.status === "ok");
  const results: DoctorCheck[] = [];
  for (const p of profiles) {
    if (!azure || !signedIn) {
      results.push({ check: `Azure subscription (${p.profile})`, status: "not checked", detail: signedIn ? "no Azure client" : "needs Azure credentials (see above)" });
      continue;
    }
    results.push(...(await azureProfileChecks({ ...p, ...azure, otherNamespaces: input.readProfile(p.profile).otherNamespaces, env: input.env })));
  }
  return results;
}

const MARK: Record<CheckStatus, string> = { ok: "✓", problem: "✗", warning: "!", "not checked": "-" };

export function renderDoctor(checks: readonly DoctorCheck[]): string {
  const lines = checks.flatMap((c) => [`${MARK[c.status]} ${c.check}: ${c.detail}`, ...(c.fix && c.status !== "ok" ? [`    fix: ${c.fix}`] : [])]);
  const problems = checks.filter((c) => c.status === "problem").length;
  return `${lines.join("\n")}\n\n${problems === 0 ? "No problems found." : `${problems} problem(s) found.`}\n`;
}
