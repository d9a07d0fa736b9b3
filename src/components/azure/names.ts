/**
 * Azure names asc derives. Pure.
 * - Storage account and Key Vault names are global, so a derived one carries a short hash of the subscription,
 *   project and profile: two stacks (or two customers with the same project name) never collide, and the same
 *   stack always gets the same name.
 * - Role assignment names must be GUIDs; a name-based (v5-style) UUID of scope + role + principal makes them
 *   deterministic, so a re-run never creates a duplicate assignment.
 * - Container Apps host names follow from the app name and the environment's default domain.
 */
import { createHash } from "node:crypto";

/** The RFC 4122 URL namespace; any fixed namespace works, this one is well known. */
const UUID_NAMESPACE = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";
const HASH_LENGTH = 8;
export const STORAGE_ACCOUNT_NAME = /^[a-z0-9]{3,24}$/;
export const KEY_VAULT_NAME = /^[a-zA-Z](?:[a-zA-Z0-9]|-(?=[a-zA-Z0-9])){2,23}$/;
/** Container app and job names: 2-32 lowercase letters, digits and single hyphens, starting with a letter. */
export const CONTAINER_APP_NAME = /^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){1,31}$/;

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
  const name = `${project}-${service}`;
  if (!CONTAINER_APP_NAME.test(name)) {
    throw new Error(`container app name ${JSON.stringify(name)} is not valid; allowed: 2-32 lowercase letters, digits and single hyphens, starting with a letter. Shorten asc:name.`);
  }
  return name;
}

/** `SECRET_KEY` → `secret-key`: the Key Vault secret name of a variable, also used as the container app secret name. */
export const vaultSecretName = (variable: string): string => variable.toLowerCase().replace(/_/g, "-");
