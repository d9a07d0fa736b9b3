/**
 * The credential objects asc's SDK clients use, built from the settings Pulumi's provider uses (settings.ts), and
 * the check that gets a token with exactly that credential before anything changes. Imported lazily: an AWS run
 * never loads @azure/identity and the reverse.
 */
import type { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import type { TokenCredential } from "@azure/identity";
import type { AwsCredentialSettings, AzureCredentialSettings } from "./settings.js";

export type AwsCredentialIdentityProvider = ReturnType<typeof fromNodeProviderChain>;

/** The provider chain: the SDK's default chain (or aws:profile, or static keys), then each of aws:assumeRoles in turn. */
export async function awsCredentialProvider(settings: AwsCredentialSettings): Promise<AwsCredentialIdentityProvider> {
  const { fromNodeProviderChain, fromIni, fromTemporaryCredentials } = await import("@aws-sdk/credential-providers");
  let provider: AwsCredentialIdentityProvider = settings.staticKeys
    ? async () => ({ ...settings.staticKeys! })
    : settings.profile
      ? fromIni({ profile: settings.profile })
      : fromNodeProviderChain();
  for (const role of settings.assumeRoles) {
    provider = fromTemporaryCredentials({
      masterCredentials: provider,
      params: {
        RoleArn: role.roleArn,
        RoleSessionName: role.sessionName ?? "asc",
        ...(role.externalId ? { ExternalId: role.externalId } : {}),
        ...(role.durationSeconds ? { DurationSeconds: role.durationSeconds } : {}),
      },
      clientConfig: { region: settings.region, ...(settings.stsEndpoint ? { endpoint: settings.stsEndpoint } : {}) },
    });
  }
  return provider;
}

/** The azidentity credential of the method the provider would choose (auth_azidentity.go, newSingleMethodAuthCredential). */
export async function azureTokenCredential(settings: AzureCredentialSettings): Promise<TokenCredential> {
  const identity = await import("@azure/identity");
  const { tenantId, clientId } = settings;
  switch (settings.method) {
    case "default-credential":
      return new identity.DefaultAzureCredential();
    case "client-certificate":
      return new identity.ClientCertificateCredential(tenantId!, clientId!, { certificatePath: settings.certificatePath!, ...(settings.certificatePassword ? { certificatePassword: settings.certificatePassword } : {}) } as never);
    case "client-secret":
      return new identity.ClientSecretCredential(tenantId!, clientId!, settings.clientSecret!);
    case "oidc-token":
      return new identity.ClientAssertionCredential(tenantId!, clientId!, async () => settings.oidcToken!);
    case "oidc-token-file": {
      const { readFile } = await import("node:fs/promises");
      return new identity.ClientAssertionCredential(tenantId!, clientId!, async () => (await readFile(settings.oidcTokenFilePath!, "utf8")).trim());
    }
    case "oidc-github":
      return new identity.ClientAssertionCredential(tenantId!, clientId!, () => githubOidcToken(settings));
    case "managed-identity":
      return clientId ? new identity.ManagedIdentityCredential({ clientId }) : new identity.ManagedIdentityCredential();
    case "azure-cli":
      return new identity.AzureCliCredential(tenantId ? { tenantId } : {});
  }
}

/**
 * GitHub Actions' token exchange, as the provider does it: GET the request URL with `audience` (default
 * api://AzureADTokenExchange) and the request token as a bearer; the answer is `{ "value": "<jwt>" }`.
 */
export async function githubOidcToken(settings: Pick<AzureCredentialSettings, "oidcRequestUrl" | "oidcRequestToken" | "oidcAudience">): Promise<string> {
  const url = new URL(settings.oidcRequestUrl!);
  url.searchParams.set("audience", settings.oidcAudience ?? "api://AzureADTokenExchange");
  const response = await fetch(url, { headers: { Accept: "application/json", Authorization: `Bearer ${settings.oidcRequestToken}` } });
  if (!response.ok) throw new Error(`GitHub OIDC token request answered ${response.status}`);
  const body = (await response.json()) as { value?: unknown };
  if (typeof body.value !== "string" || !body.value) throw new Error("GitHub OIDC token response has no value");
  return body.value;
}
