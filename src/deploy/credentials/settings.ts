/**
 * Which credential asc's own cloud SDK clients (migration runners, rollout checks, doctor) use: the same one the
 * stack's Pulumi provider uses, read from the same stack config keys and environment variables, in the same order.
 * Pure: it takes the stack's config (key → value, secure values already decrypted or absent) and the environment.
 *
 * Azure follows pulumi-azure-native's provider (provider/pkg/provider/auth_azidentity.go, readAuthConfig and
 * newSingleMethodAuthCredential): each setting is the `azure-native:<key>` stack config value, else its
 * environment variable; the first configured method wins, in this order: default credential, client certificate,
 * client secret, OIDC (a token, a token file, or the GitHub token exchange), managed identity, then the Azure CLI.
 * A configured method that lacks a required value is an error, not a fall-through.
 *
 * AWS follows pulumi-aws's provider config (node_modules/@pulumi/aws/config/vars.d.ts): `aws:region`,
 * `aws:profile`, `aws:accessKey`/`aws:secretKey`/`aws:token`, and `aws:assumeRoles` (a list, each assumed in turn
 * with the previous credentials), over the SDK's default chain (AWS_PROFILE, AWS_* keys, SSO, web identity, ECS and
 * EC2 roles).
 */

export type StackConfigMap = Readonly<Record<string, string | undefined>>;
type Env = Readonly<Record<string, string | undefined>>;

/** A setting and where it came from, for doctor and error messages (values are never part of `source`). */
interface Setting {
  readonly value: string;
  readonly source: string;
}

function pick(config: StackConfigMap, env: Env, key: string, envName: string): Setting | undefined {
  const fromConfig = config[key];
  if (fromConfig !== undefined && fromConfig !== "") return { value: fromConfig, source: `stack config ${key}` };
  const fromEnv = env[envName];
  if (fromEnv !== undefined && fromEnv !== "") return { value: fromEnv, source: `env ${envName}` };
  return undefined;
}

export type AzureMethod = "default-credential" | "client-certificate" | "client-secret" | "oidc-token" | "oidc-token-file" | "oidc-github" | "managed-identity" | "azure-cli";

export interface AzureCredentialSettings {
  readonly cloud: "azure";
  readonly method: AzureMethod;
  readonly tenantId?: string;
  readonly clientId?: string;
  readonly subscriptionId?: string;
  readonly clientSecret?: string;
  readonly certificatePath?: string;
  readonly certificatePassword?: string;
  readonly oidcToken?: string;
  readonly oidcTokenFilePath?: string;
  readonly oidcRequestToken?: string;
  readonly oidcRequestUrl?: string;
  readonly oidcAudience?: string;
  /** Setting name → where it came from (`stack config azure-native:clientId`, `env ARM_CLIENT_ID`). */
  readonly sources: Readonly<Record<string, string>>;
}

/** A method is configured but a value it needs is missing: what the provider itself would refuse. */
export interface CredentialSettingsProblem {
  readonly problem: string;
  /** The settings that would fix it, as config key or environment variable. */
  readonly needs: readonly string[];
}

/** Every stack config key and variable asc reads for Azure credentials, for doctor. */
export const AZURE_SETTINGS: readonly (readonly [key: string, env: string])[] = [
  ["useDefaultAzureCredential", "ARM_USE_DEFAULT_AZURE_CREDENTIAL"],
  ["clientCertificatePath", "ARM_CLIENT_CERTIFICATE_PATH"],
  ["clientCertificatePassword", "ARM_CLIENT_CERTIFICATE_PASSWORD"],
  ["clientSecret", "ARM_CLIENT_SECRET"],
  ["useOidc", "ARM_USE_OIDC"],
  ["oidcToken", "ARM_OIDC_TOKEN"],
  ["oidcTokenFilePath", "ARM_OIDC_TOKEN_FILE_PATH"],
  ["oidcRequestToken", "ACTIONS_ID_TOKEN_REQUEST_TOKEN"],
  ["oidcRequestUrl", "ACTIONS_ID_TOKEN_REQUEST_URL"],
  ["oidcAudience", "ARM_OIDC_AUDIENCE"],
  ["useMsi", "ARM_USE_MSI"],
  ["clientId", "ARM_CLIENT_ID"],
  ["tenantId", "ARM_TENANT_ID"],
  ["subscriptionId", "ARM_SUBSCRIPTION_ID"],
];

export function azureCredentialSettings(config: StackConfigMap, env: Env): AzureCredentialSettings | CredentialSettingsProblem {
  const got: Record<string, Setting | undefined> = {};
  for (const [key, envName] of AZURE_SETTINGS) got[key] = pick(config, env, `azure-native:${key}`, envName);
  const sources = Object.fromEntries(Object.entries(got).filter(([, s]) => s).map(([k, s]) => [k, s!.source]));
  const v = (key: string) => got[key]?.value;
  const base = { cloud: "azure" as const, tenantId: v("tenantId"), clientId: v("clientId"), subscriptionId: v("subscriptionId"), sources };
  const require = (method: string, keys: string[]): CredentialSettingsProblem | undefined => {
    const missing = keys.filter((k) => !v(k));
    if (missing.length === 0) return undefined;
    return { problem: `${method} is configured, but ${missing.map((k) => `azure-native:${k}`).join(", ")} ${missing.length === 1 ? "is" : "are"} not set`, needs: missing.map((k) => `azure-native:${k} or ${AZURE_SETTINGS.find(([key]) => key === k)![1]}`) };
  };
  if (v("useDefaultAzureCredential") === "true") return require("the default Azure credential", ["subscriptionId"]) ?? { ...base, method: "default-credential" };
  if (v("clientCertificatePath")) {
    return require("a service principal with a client certificate", ["subscriptionId", "tenantId", "clientId"]) ?? { ...base, method: "client-certificate", certificatePath: v("clientCertificatePath"), certificatePassword: v("clientCertificatePassword") };
  }
  if (v("clientSecret")) return require("a service principal with a client secret", ["subscriptionId", "tenantId", "clientId"]) ?? { ...base, method: "client-secret", clientSecret: v("clientSecret") };
  if (v("useOidc") === "true") {
    const missing = require("OIDC", ["subscriptionId", "tenantId", "clientId"]);
    if (missing) return missing;
    if (v("oidcToken")) return { ...base, method: "oidc-token", oidcToken: v("oidcToken") };
    if (v("oidcTokenFilePath")) return { ...base, method: "oidc-token-file", oidcTokenFilePath: v("oidcTokenFilePath") };
    if (v("oidcRequestUrl") && v("oidcRequestToken")) return { ...base, method: "oidc-github", oidcRequestUrl: v("oidcRequestUrl"), oidcRequestToken: v("oidcRequestToken"), oidcAudience: v("oidcAudience") };
    return { problem: "OIDC is configured, but there is no OIDC token, token file, or token request URL and token", needs: ["ARM_OIDC_TOKEN", "ARM_OIDC_TOKEN_FILE_PATH", "ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN (GitHub Actions with id-token: write)"] };
  }
  if (v("useMsi") === "true") return require("a managed identity", ["subscriptionId"]) ?? { ...base, method: "managed-identity" };
  return { ...base, method: "azure-cli" };
}

export interface AwsAssumeRole {
  readonly roleArn: string;
  readonly sessionName?: string;
  readonly externalId?: string;
  readonly durationSeconds?: number;
}

export interface AwsCredentialSettings {
  readonly cloud: "aws";
  readonly region: string;
  readonly profile?: string;
  readonly staticKeys?: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string };
  readonly assumeRoles: readonly AwsAssumeRole[];
  /** `aws:endpoints[].sts`: a private (VPC) STS endpoint the provider uses, so asc's STS calls go there too. */
  readonly stsEndpoint?: string;
  readonly sources: Readonly<Record<string, string>>;
}

/** Every stack config key and variable asc reads for AWS credentials, for doctor (the SDK's chain reads the rest). */
export const AWS_SETTINGS: readonly (readonly [key: string, env: string | null])[] = [
  ["aws:region", "AWS_REGION"],
  ["aws:profile", "AWS_PROFILE"],
  ["aws:accessKey", "AWS_ACCESS_KEY_ID"],
  ["aws:secretKey", "AWS_SECRET_ACCESS_KEY"],
  ["aws:token", "AWS_SESSION_TOKEN"],
  ["aws:assumeRoles", null],
  ["aws:endpoints (sts)", null],
];

/** pulumi-aws durations: "1h", "15m", "3600s", "1h30m" (Go's time.ParseDuration units s, m, h). */
export function parseDurationSeconds(text: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(h|m|s)/g;
  let total = 0;
  let consumed = 0;
  for (const m of text.matchAll(re)) {
    total += Number(m[1]) * (m[2] === "h" ? 3600 : m[2] === "m" ? 60 : 1);
    consumed += m[0].length;
  }
  return consumed === text.length && consumed > 0 ? Math.round(total) : undefined;
}

export function awsCredentialSettings(config: StackConfigMap, env: Env, fallbackRegion: string): AwsCredentialSettings | CredentialSettingsProblem {
  const sources: Record<string, string> = {};
  const region = config["aws:region"] ?? fallbackRegion;
  sources.region = config["aws:region"] ? "stack config aws:region" : "asc:region";
  const profile = config["aws:profile"];
  if (profile) sources.profile = "stack config aws:profile";
  else if (env.AWS_PROFILE) sources.profile = "env AWS_PROFILE (through the SDK's chain)";
  const accessKey = config["aws:accessKey"];
  const secretKey = config["aws:secretKey"];
  if ((accessKey && !secretKey) || (!accessKey && secretKey)) return { problem: "only one of aws:accessKey and aws:secretKey is set", needs: ["both aws:accessKey and aws:secretKey, or neither"] };
  const staticKeys = accessKey && secretKey ? { accessKeyId: accessKey, secretAccessKey: secretKey, ...(config["aws:token"] ? { sessionToken: config["aws:token"] } : {}) } : undefined;
  if (staticKeys) sources.keys = "stack config aws:accessKey, aws:secretKey";
  const assumeRoles: AwsAssumeRole[] = [];
  const raw = config["aws:assumeRoles"];
  if (raw) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return { problem: "aws:assumeRoles is not a JSON list", needs: ['aws:assumeRoles as a list: [{ "roleArn": "arn:aws:iam::…:role/…" }]'] };
    }
    if (!Array.isArray(parsed)) return { problem: "aws:assumeRoles is not a list", needs: ['aws:assumeRoles as a list: [{ "roleArn": "arn:aws:iam::…:role/…" }]'] };
    for (const [i, item] of parsed.entries()) {
      const role = item as Record<string, unknown>;
      if (!role || typeof role.roleArn !== "string" || !role.roleArn) return { problem: `aws:assumeRoles[${i}] has no roleArn`, needs: [`aws:assumeRoles[${i}].roleArn`] };
      const duration = typeof role.duration === "string" ? parseDurationSeconds(role.duration) : undefined;
      if (typeof role.duration === "string" && duration === undefined) return { problem: `aws:assumeRoles[${i}].duration "${role.duration}" is not a duration`, needs: [`aws:assumeRoles[${i}].duration such as "1h" or "15m"`] };
      assumeRoles.push({
        roleArn: role.roleArn,
        ...(typeof role.sessionName === "string" ? { sessionName: role.sessionName } : {}),
        ...(typeof role.externalId === "string" ? { externalId: role.externalId } : {}),
        ...(duration !== undefined ? { durationSeconds: duration } : {}),
      });
    }
    sources.assumeRoles = `stack config aws:assumeRoles (${assumeRoles.length} role${assumeRoles.length === 1 ? "" : "s"})`;
  }
  let stsEndpoint: string | undefined;
  if (config["aws:endpoints"]) {
    let endpoints: unknown;
    try {
      endpoints = JSON.parse(config["aws:endpoints"]);
    } catch {
      return { problem: "aws:endpoints is not a JSON list", needs: ['aws:endpoints as a list: [{ "sts": "https://…" }]'] };
    }
    const found = Array.isArray(endpoints) ? endpoints.map((e) => (e as Record<string, unknown>)?.sts).find((v) => typeof v === "string" && v) : undefined;
    if (typeof found === "string") {
      stsEndpoint = found;
      sources.stsEndpoint = "stack config aws:endpoints";
    }
  }
  return { cloud: "aws", region, ...(profile ? { profile } : {}), ...(staticKeys ? { staticKeys } : {}), assumeRoles, ...(stsEndpoint ? { stsEndpoint } : {}), sources };
}

export const isSettingsProblem = (s: object): s is CredentialSettingsProblem => "problem" in s;

/** The stack config map from a profile file's `config:` block: plain values as strings; objects and lists as JSON; secure values left out. */
export function plainStackConfig(config: Readonly<Record<string, unknown>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(config ?? {})) {
    if (value === null || value === undefined) continue;
    if (typeof value === "object" && !Array.isArray(value) && "secure" in (value as object)) continue;
    out[key] = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  }
  return out;
}
