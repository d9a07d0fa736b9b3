/**
 * Azure names asc derives. Pure.
 * - Storage account and Key Vault names are global, so a derived one carries a short hash of the subscription,
 *   project and profile: two stacks (or two customers with the same project name) never collide, and the same
 *   stack always gets the same name.
 * - Role assignment names must be GUIDs; a name-based (v5-style) UUID of scope + role + principal makes them
 *   deterministic, so a re-run never creates a duplicate assignment.
 * - Container Apps host names follow from the app name and the environment's default domain.
 * - The Container Apps environment and the resource group Azure creates for its infrastructure are named from
 *   `asc:name` (at most 16 characters), so no `asc:name` overflows Azure's limits
 *   (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules): environments 2-60
 *   lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit; resource groups
 *   1-90 letters, digits, underscores, hyphens, periods and parentheses, not ending in a period. The infrastructure
 *   group is unique in the subscription (Azure creates it, so it must not exist), hence the same hash as above.
 */
import { createHash } from "node:crypto";

/** The RFC 4122 URL namespace; any fixed namespace works, this one is well known. */
const UUID_NAMESPACE = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";
const HASH_LENGTH = 8;
export const STORAGE_ACCOUNT_NAME = /^[a-z0-9]{3,24}$/;
export const KEY_VAULT_NAME = /^[a-zA-Z](?:[a-zA-Z0-9]|-(?=[a-zA-Z0-9])){2,23}$/;
/** Container app and job names: 2-32 lowercase letters, digits and single hyphens, starting with a letter. */
export const CONTAINER_APP_NAME = /^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){1,31}$/;
/** Container Apps environment names: 2-60 lowercase letters, digits and hyphens, a letter first, no hyphen last. */
export const CONTAINER_APPS_ENVIRONMENT_NAME = /^[a-z][a-z0-9-]{0,58}[a-z0-9]$/;
/** Resource group names (ASCII): 1-90 letters, digits, `_`, `-`, `.`, `(` and `)`, not ending in a period. */
export const RESOURCE_GROUP_NAME = /^[A-Za-z0-9_().-]{0,89}[A-Za-z0-9_()-]$/;
/** Host names: each DNS label 1-63 characters (RFC 1035), 253 in all. */
export const DNS_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export interface GlobalNameSeed {
  /** `config.name`, e.g. `asc-prod`. */
  readonly project: string;
  /** The profile (stack), e.g. `azure-production`. */
  readonly profile: string;
  /** The subscription the stack deploys to. */
  readonly subscriptionId: string;
}

const shortHash = (seed: GlobalNameSeed): string =>
  createHash("sha256").update(`${seed.subscriptionId.toLowerCase()}/${seed.project}/${seed.profile}`).digest("hex").slice(0, HASH_LENGTH);

/** `asc-prod` + `azure-production` → `ascprodazureprod1a2b3c4d`: lowercase letters and digits, 3 to 24. */
export function deriveStorageAccountName(seed: GlobalNameSeed): string {
  const base = `${seed.project}${seed.profile}`.toLowerCase().replace(/[^a-z0-9]/g, "");
  return `${base.slice(0, 24 - HASH_LENGTH)}${shortHash(seed)}`;
}

/** `asc-prod` + `azure-production` → `asc-prod-azure-1a2b3c4d`: starts with a letter, single hyphens, 3 to 24. */
export function deriveKeyVaultName(seed: GlobalNameSeed): string {
  const base = `${seed.project}-${seed.profile}`.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+/, "");
  const head = base.slice(0, 24 - HASH_LENGTH - 1).replace(/-+$/, "");
  return `${head}-${shortHash(seed)}`;
}

/** `asc-prod` → `asc-prod-env`: the Container Apps environment. */
export function containerAppsEnvironmentName(project: string): string {
  return checked(`${project}-env`, CONTAINER_APPS_ENVIRONMENT_NAME, "Container Apps environment name", "2-60 lowercase letters, digits and hyphens, starting with a letter");
}

/**
 * `asc-prod` + `azure-production` → `asc-prod-cae-infra-1a2b3c4d`: the platform-managed resource group of a
 * workload-profiles environment (`infrastructureResourceGroup`), one per stack in the subscription.
 */
export function infrastructureResourceGroupName(seed: GlobalNameSeed): string {
  return checked(`${seed.project}-cae-infra-${shortHash(seed)}`, RESOURCE_GROUP_NAME, "resource group name", "1-90 letters, digits, '_', '-', '.', '(' and ')', not ending in '.'");
}

/** `asc-prod` → `asc-prod.private.postgres.database.azure.com`: the zone a VNet-integrated Flexible Server resolves in. */
export function postgresPrivateDnsZoneName(project: string): string {
  return checked(`${project}.private.postgres.database.azure.com`, DNS_NAME, "private DNS zone name", "DNS labels of 1-63 characters");
}

function checked(name: string, rule: RegExp, what: string, allowed: string): string {
  if (!rule.test(name)) throw new Error(`${what} ${JSON.stringify(name)} is not valid; allowed: ${allowed}. Shorten asc:name.`);
  return name;
}

/** A name-based UUID (SHA-1, version 5 layout) of `name` in `namespace`. */
export function uuidV5(name: string, namespace: string = UUID_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  const bytes = createHash("sha1").update(Buffer.concat([ns, Buffer.from(name, "utf8")])).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The GUID name of a role assignment. ARM ids are case-insensitive, so inputs are lower-cased: a scope that
 * comes back with different casing must not rename (and so replace) the assignment.
 */
export function roleAssignmentName(scope: string, roleDefinitionGuid: string, principalId: string): string {
  return uuidV5([scope, roleDefinitionGuid, principalId].map((s) => s.toLowerCase()).join("|"));
}

/**
 * The host name Container Apps gives an app's ingress: `<app>.<defaultDomain>` when external, and
 * `<app>.internal.<defaultDomain>` when the ingress is internal to the environment.
 */
export function containerAppFqdn(appName: string, defaultDomain: string, external: boolean): string {
  return external ? `${appName}.${defaultDomain}` : `${appName}.internal.${defaultDomain}`;
}

/** The container app (or job) name of a service: `<project>-<service>`. Throws when Azure would refuse it. */
export function containerAppName(project: string, service: string): string {
  return checked(`${project}-${service}`, CONTAINER_APP_NAME, "container app name", "2-32 lowercase letters, digits and single hyphens, starting with a letter");
}

/** The job of a release step: `<project>-step-<step>` (asc:migrations.steps[].name is at most 10 characters). */
export const releaseStepJobName = (project: string, step: string): string => containerAppName(project, `step-${step}`);

/** `SECRET_KEY` → `secret-key`: the Key Vault secret name of a variable, also used as the container app secret name. */
export const vaultSecretName = (variable: string): string => variable.toLowerCase().replace(/_/g, "-");
