/**
 * A cloud session: the credential asc's SDK clients use for one run, proven before anything changes. Opening it
 * resolves the settings the stack's Pulumi provider uses (settings.ts), builds that credential (clients.ts), and
 * gets an identity with it: STS GetCallerIdentity on AWS, an ARM token on Azure. A configuration the provider would
 * refuse, or a credential that gets no identity, is a user error (exit 2) that names the settings to fix.
 */
import { AscUserError } from "../../errors.js";
import type { AwsCredentialIdentityProvider } from "./clients.js";
import { awsCredentialSettings, azureCredentialSettings, isSettingsProblem, type AwsCredentialSettings, type AzureCredentialSettings, type StackConfigMap } from "./settings.js";
import type { TokenCredential } from "@azure/identity";

export type CloudSession =
  | { readonly cloud: "aws"; readonly settings: AwsCredentialSettings; readonly credentials: AwsCredentialIdentityProvider; readonly identity: string }
  | { readonly cloud: "azure"; readonly settings: AzureCredentialSettings; readonly credential: TokenCredential; readonly identity: string };

export interface OpenSessionInput {
  readonly cloud: "aws" | "azure";
  readonly region: string;
  /** The stack's config, secure values decrypted (or left out where nothing could decrypt them). */
  readonly stackConfig: StackConfigMap;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly timeoutMs?: number;
}

const ARM_SCOPE = "https://management.azure.com/.default";

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_r, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const firstLine = (e: unknown) => (e instanceof Error ? `${e.name && e.name !== "Error" ? `${e.name}: ` : ""}${e.message}` : String(e)).split("\n")[0];

export function describeSources(sources: Readonly<Record<string, string>>): string {
  const entries = Object.entries(sources);
  return entries.length ? entries.map(([k, v]) => `${k} from ${v}`).join(", ") : "nothing configured: the SDK's default chain";
}

export async function openCloudSession(input: OpenSessionInput): Promise<CloudSession> {
  const timeoutMs = input.timeoutMs ?? 15_000;
  if (input.cloud === "aws") {
    const settings = awsCredentialSettings(input.stackConfig, input.env, input.region);
    if (isSettingsProblem(settings)) throw settingsError("aws", settings.problem, settings.needs);
    const { awsCredentialProvider } = await import("./clients.js");
    const credentials = await awsCredentialProvider(settings);
    const { STSClient, GetCallerIdentityCommand } = await import("@aws-sdk/client-sts");
    const sts = new STSClient({ region: settings.region, credentials, ...(settings.stsEndpoint ? { endpoint: settings.stsEndpoint } : {}) });
    try {
      const who = await withTimeout(sts.send(new GetCallerIdentityCommand({})), timeoutMs, "AWS STS");
      return { cloud: "aws", settings, credentials, identity: who.Arn ?? `account ${who.Account ?? "?"}` };
    } catch (e) {
      throw identityError("aws", firstLine(e), settings.sources);
    } finally {
      sts.destroy();
    }
  }
  const settings = azureCredentialSettings(input.stackConfig, input.env);
  if (isSettingsProblem(settings)) throw settingsError("azure", settings.problem, settings.needs);
  const { azureTokenCredential } = await import("./clients.js");
  const credential = await azureTokenCredential(settings);
  try {
    await withTimeout(credential.getToken(ARM_SCOPE), timeoutMs, "Microsoft Entra ID");
    return { cloud: "azure", settings, credential, identity: `${settings.method}${settings.clientId ? ` (client ${settings.clientId})` : ""}` };
  } catch (e) {
    throw identityError("azure", firstLine(e), settings.sources, settings.method);
  }
}

function settingsError(cloud: "aws" | "azure", problem: string, needs: readonly string[]): AscUserError {
  return new AscUserError(`The ${cloud === "aws" ? "AWS" : "Azure"} credential settings are incomplete`, [{
    path: cloud === "aws" ? "aws:* stack config" : "azure-native:* stack config / ARM_*",
    message: `${problem}; Pulumi's provider would refuse it too`,
    allowed: needs.join("; "),
    fix: `set ${needs[0]} (pulumi config set, or the variable), or remove the setting that selects this method`,
  }]);
}

function identityError(cloud: "aws" | "azure", reason: string, sources: Readonly<Record<string, string>>, method?: string): AscUserError {
  return new AscUserError(`The ${cloud === "aws" ? "AWS" : "Azure"} credentials Pulumi would use do not work for asc`, [{
    path: cloud === "aws" ? "AWS credentials" : `Azure credential (${method})`,
    message: `${cloud === "aws" ? "STS GetCallerIdentity" : "an ARM token request"} failed: ${reason}`,
    allowed: `credentials that Pulumi's provider and asc's migration and rollout clients both use (${describeSources(sources)})`,
    fix: cloud === "aws" ? "refresh the credentials (aws sso login, new session keys) or fix aws:profile / aws:assumeRoles, then run asc doctor" : "fix the ARM_* variables or azure-native:* stack config (or az login), then run asc doctor",
  }]);
}
