/**
 * asc doctor's Azure subscription checks: the resource providers the plan needs are registered, and no soft-deleted
 * Key Vault holds the stack's vault name. Both make a first `pulumi up` fail late, after other resources exist.
 *
 * - A resource provider must be registered in a subscription before it can create that provider's resources
 *   (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-providers-and-types); the fix is
 *   `az provider register --namespace <ns>`.
 * - A deleted vault stays soft-deleted for its retention period and keeps its name until then: a new vault of that
 *   name cannot be created until it is recovered or purged, and purge protection forbids purging
 *   (https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview, "Key vault recovery" and "Purge protection").
 *
 * - For production, Postgres's own answer for this subscription and location, `zoneRedundantHaAndGeoBackupSupported`
 *   (capabilities by location): Microsoft holds new zone-redundant HA servers in some locations for a while
 *   (src/config/azure-capabilities.ts), which only this call shows.
 *
 * The calls go through the ARM SDK clients asc already depends on (@azure/arm-resources `providers.get`,
 * @azure/arm-keyvault `vaults.listDeleted`). No Postgres management client is a dependency, so the capabilities call
 * is ARM REST with a DefaultAzureCredential token and fetch. Tests inject {@link AzureSubscriptionApi}, or a fake fetch.
 */
import type { TokenCredential } from "@azure/identity";
import type { DoctorCheck } from "./doctor-checks.js";

/** Every resource provider namespace the Azure blueprint creates resources in. */
export const REQUIRED_RESOURCE_PROVIDERS = [
  "Microsoft.App",
  "Microsoft.DBforPostgreSQL",
  "Microsoft.Cache",
  "Microsoft.OperationalInsights",
  "Microsoft.Insights",
  "Microsoft.ManagedIdentity",
  "Microsoft.KeyVault",
  "Microsoft.Storage",
  "Microsoft.Network",
] as const;

export interface DeletedVaultInfo {
  readonly name: string;
  readonly location: string;
  readonly purgeProtectionEnabled: boolean;
  /** ISO date the platform purges it. */
  readonly scheduledPurgeDate?: string;
}

/** What the checks read from a subscription. */
export interface AzureSubscriptionApi {
  /** `registrationState` per namespace: Registered, NotRegistered, Registering, Unregistering, … */
  providerRegistrationState(namespace: string): Promise<string>;
  deletedVaults(): Promise<DeletedVaultInfo[]>;
  /** Postgres's `zoneRedundantHaAndGeoBackupSupported` for a location; undefined when the answer does not say. */
  postgresZoneRedundantHaAndGeoBackup(location: string): Promise<boolean | undefined>;
}

export interface AzureSubscriptionCheckInput {
  readonly profile: string;
  readonly subscriptionId: string;
  readonly vaultName: string;
  readonly api: AzureSubscriptionApi;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message.split("\n")[0] : String(e));

export async function resourceProvidersCheck(input: AzureSubscriptionCheckInput): Promise<DoctorCheck> {
  const check = `Azure resource providers (${input.profile})`;
  let states: string[];
  try {
    states = await Promise.all(REQUIRED_RESOURCE_PROVIDERS.map((ns) => input.api.providerRegistrationState(ns)));
  } catch (e) {
    return { check, status: "problem", detail: `could not read the providers of subscription ${input.subscriptionId}: ${messageOf(e)}`, fix: "sign in with an identity that can read the subscription (Reader), or check the subscription id (ARM_SUBSCRIPTION_ID)" };
  }
  const missing = REQUIRED_RESOURCE_PROVIDERS.filter((_, i) => states[i] !== "Registered");
  if (missing.length === 0) return { check, status: "ok", detail: `all ${REQUIRED_RESOURCE_PROVIDERS.length} registered in subscription ${input.subscriptionId}` };
  const registering = missing.filter((ns) => states[REQUIRED_RESOURCE_PROVIDERS.indexOf(ns)] === "Registering");
  return {
    check,
    status: "problem",
    detail: `not registered in subscription ${input.subscriptionId}: ${missing.map((ns) => `${ns} (${states[REQUIRED_RESOURCE_PROVIDERS.indexOf(ns)]})`).join(", ")}`,
    fix: `${missing.filter((ns) => !registering.includes(ns)).map((ns) => `az provider register --namespace ${ns} --subscription ${input.subscriptionId}`).join("; ") || "wait"}${registering.length ? `${missing.length > registering.length ? "; " : ""}wait for ${registering.join(", ")} to finish registering (az provider show -n <namespace> --query registrationState)` : ""}`,
  };
}

export async function softDeletedVaultCheck(input: AzureSubscriptionCheckInput): Promise<DoctorCheck> {
  const check = `Key Vault name ${input.vaultName} (${input.profile})`;
  let vaults: DeletedVaultInfo[];
  try {
    vaults = await input.api.deletedVaults();
  } catch (e) {
    return { check, status: "problem", detail: `could not list the soft-deleted vaults of subscription ${input.subscriptionId}: ${messageOf(e)}`, fix: "sign in with an identity that has Microsoft.KeyVault/deletedVaults/read on the subscription (Key Vault Contributor or Contributor)" };
  }
  const held = vaults.find((v) => v.name.toLowerCase() === input.vaultName.toLowerCase());
  if (!held) return { check, status: "ok", detail: `no soft-deleted vault of that name in subscription ${input.subscriptionId}` };
  const until = held.scheduledPurgeDate ? ` until ${held.scheduledPurgeDate.slice(0, 10)}` : "";
  const recover = `recover it (az keyvault recover --name ${held.name} --subscription ${input.subscriptionId}) and import it into the stack`;
  return {
    check,
    status: "problem",
    detail: `a soft-deleted vault named ${held.name} (${held.location}) holds the name${until}; creating the stack's vault would fail`,
    fix: held.purgeProtectionEnabled
      ? `purge protection forbids purging it: ${recover}, or set asc:azure.keyVaultName to another name`
      : `if it holds nothing you need, purge it (az keyvault purge --name ${held.name} --location ${held.location} --subscription ${input.subscriptionId}); otherwise ${recover}, or set asc:azure.keyVaultName to another name`,
  };
}

export async function postgresZoneCapabilityCheck(input: AzureSubscriptionCheckInput & { readonly location: string }): Promise<DoctorCheck> {
  const check = `Postgres zone-redundant HA with geo-backup in ${input.location} (${input.profile})`;
  let supported: boolean | undefined;
  try {
    supported = await input.api.postgresZoneRedundantHaAndGeoBackup(input.location);
  } catch (e) {
    return { check, status: "problem", detail: `could not read the Postgres capabilities of ${input.location}: ${messageOf(e)}`, fix: "sign in with an identity that can read the subscription (Reader), or check the subscription id" };
  }
  if (supported === true) return { check, status: "ok", detail: `subscription ${input.subscriptionId} may create such a server there` };
  if (supported === undefined) return { check, status: "warning", detail: "the capabilities answer has no zoneRedundantHaAndGeoBackupSupported", fix: `az postgres flexible-server list-skus --location ${input.location}, and look for zoneRedundantHaAndGeoBackupSupported` };
  return {
    check,
    status: "problem",
    detail: `Postgres reports zoneRedundantHaAndGeoBackupSupported Disabled for subscription ${input.subscriptionId} in ${input.location}: the production server would be refused`,
    fix: "pick another production location (docs/azure.md), or ask Microsoft support to allow zone-redundant HA for the subscription in this location",
  };
}

/** Test seams: the token source and fetch. */
export interface AzureRestDeps {
  readonly credential?: TokenCredential;
  readonly fetch?: typeof fetch;
}

const ARM = "https://management.azure.com";
const POSTGRES_API_VERSION = "2024-08-01";

/** The real subscription, through the ARM SDK clients and ARM REST (loaded on first use). */
export function sdkAzureSubscriptionApi(subscriptionId: string, deps: AzureRestDeps = {}): AzureSubscriptionApi {
  const credential: Promise<TokenCredential> = deps.credential
    ? Promise.resolve(deps.credential)
    : import("@azure/identity").then(({ DefaultAzureCredential }) => new DefaultAzureCredential());
  const doFetch = deps.fetch ?? fetch;
  return {
    async postgresZoneRedundantHaAndGeoBackup(location) {
      const token = await (await credential).getToken(`${ARM}/.default`);
      const url = `${ARM}/subscriptions/${encodeURIComponent(subscriptionId)}/providers/Microsoft.DBforPostgreSQL/locations/${encodeURIComponent(location)}/capabilities?api-version=${POSTGRES_API_VERSION}`;
      const response = await doFetch(url, { headers: { authorization: `Bearer ${token?.token ?? ""}` } });
      const body = (await response.json()) as { value?: { zoneRedundantHaAndGeoBackupSupported?: string | boolean }[]; error?: { code?: string; message?: string } };
      if (!response.ok) throw new Error(`${response.status} ${body.error?.code ?? ""}: ${body.error?.message ?? "no message"}`.trim());
      const values = (body.value ?? []).map((v) => v.zoneRedundantHaAndGeoBackupSupported).filter((v) => v !== undefined);
      if (values.length === 0) return undefined;
      // Newer API versions answer "Enabled"/"Disabled", older ones true/false.
      return values.some((v) => v === true || v === "Enabled");
    },
    async providerRegistrationState(namespace) {
      const { ResourceManagementClient } = await import("@azure/arm-resources");
      const provider = await new ResourceManagementClient(await credential, subscriptionId).providers.get(namespace);
      return provider.registrationState ?? "Unknown";
    },
    async deletedVaults() {
      const { KeyVaultManagementClient } = await import("@azure/arm-keyvault");
      const out: DeletedVaultInfo[] = [];
      for await (const v of new KeyVaultManagementClient(await credential, subscriptionId).vaults.listDeleted()) {
        out.push({
          name: v.name ?? "",
          location: v.properties?.location ?? "",
          purgeProtectionEnabled: v.properties?.purgeProtectionEnabled ?? false,
          ...(v.properties?.scheduledPurgeDate ? { scheduledPurgeDate: new Date(v.properties.scheduledPurgeDate).toISOString() } : {}),
        });
      }
      return out;
    },
  };
}

/**
 * The subscription a profile deploys to, as the azure-native provider finds it: the stack's
 * `azure-native:subscriptionId`, then ARM_SUBSCRIPTION_ID; undefined when only the Azure CLI's default would say.
 */
export function configuredSubscriptionId(otherNamespaces: Readonly<Record<string, unknown>>, env: Readonly<Record<string, string | undefined>>): string | undefined {
  const fromStack = otherNamespaces["azure-native:subscriptionId"];
  if (typeof fromStack === "string" && fromStack.trim()) return fromStack.trim();
  return env.ARM_SUBSCRIPTION_ID?.trim() || undefined;
}

export interface AzureProfileCheckInput {
  readonly profile: string;
  readonly tier: string;
  readonly region: string;
  /** `asc:name` and `asc:azure.keyVaultName` of the resolved profile. */
  readonly name: string;
  readonly keyVaultName: string | undefined;
  readonly otherNamespaces: Readonly<Record<string, unknown>>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly api: (subscriptionId: string) => AzureSubscriptionApi;
  /** The blueprint's derivation of the vault name (names.ts), injected: the CLI reaches components only through the library. */
  readonly deriveKeyVaultName: (seed: { readonly project: string; readonly profile: string; readonly subscriptionId: string }) => string | Promise<string>;
}

/** Both checks for one Azure profile; a warning with the fix when the subscription is not configured. */
export async function azureProfileChecks(input: AzureProfileCheckInput): Promise<DoctorCheck[]> {
  const subscriptionId = configuredSubscriptionId(input.otherNamespaces, input.env);
  if (!subscriptionId) {
    return [{
      check: `Azure subscription (${input.profile})`,
      status: "warning",
      detail: "neither azure-native:subscriptionId in the profile nor ARM_SUBSCRIPTION_ID names the subscription, so resource providers and soft-deleted vaults were not checked",
      fix: `pulumi config set azure-native:subscriptionId <id> -s ${input.profile} (az account show --query id -o tsv), or export ARM_SUBSCRIPTION_ID`,
    }];
  }
  const vaultName = input.keyVaultName ?? (await input.deriveKeyVaultName({ project: input.name, profile: input.profile, subscriptionId }));
  const common = { profile: input.profile, subscriptionId, vaultName, api: input.api(subscriptionId) };
  return Promise.all([
    resourceProvidersCheck(common),
    softDeletedVaultCheck(common),
    ...(input.tier === "production" ? [postgresZoneCapabilityCheck({ ...common, location: input.region })] : []),
  ]);
}
