/**
 * How Container Apps pulls a workload's image: anonymously, with a registry user whose password is a Key Vault
 * reference, or with the workload's own identity from an Azure Container Registry. Pure, shared by the container
 * apps and the migration job.
 *
 * Microsoft docs checked:
 * - Containers, "Container registries" (learn.microsoft.com/azure/container-apps/containers#container-registries):
 *   `configuration.registries[]` takes `server`, `username` and `passwordSecretRef`, the name of an entry of
 *   `configuration.secrets`; such an entry may be a Key Vault reference, `keyVaultUrl` + `identity`
 *   (learn.microsoft.com/azure/container-apps/manage-secrets, "Reference secret from Key Vault"), read with the
 *   identity's Key Vault Secrets User grant.
 * - Image pull with managed identity (learn.microsoft.com/azure/container-apps/managed-identity-image-pull): for an
 *   ACR, `registries[]` takes `server` and `identity` (a user-assigned identity's resource id) instead; the identity
 *   needs AcrPull on the registry, and the registry must allow ARM-audience tokens.
 * - Managed identities, "Control managed identity availability"
 *   (learn.microsoft.com/azure/container-apps/managed-identity): lifecycle `None` keeps the identity from the
 *   containers' code and is meant for an identity "only used for ACR image pull or scale rules"; the platform still
 *   pulls with it.
 */

/** Where a registry's credentials come from. */
export type RegistryAccess =
  /** A registry user; the password is a Key Vault secret the pulling identities may read. */
  | { readonly kind: "password"; readonly server: string; readonly username: string }
  /** An Azure Container Registry, pulled with the workload's identity (AcrPull). */
  | { readonly kind: "identity"; readonly server: string; readonly registryId: string };

/** The registry password as Container Apps references it: a Key Vault secret URI and the app secret's name. */
export interface RegistryPasswordReference<V> {
  /** `configuration.secrets[].name` and `registries[].passwordSecretRef`. */
  readonly secretName: string;
  /** The Key Vault secret URI (versioned, so a new password rolls the workloads that pull). */
  readonly keyVaultUrl: V;
}

/** The Container Apps secret name of the registry password. */
export const REGISTRY_PASSWORD_SECRET_NAME = "registry-password";

/**
 * The registry host of an image reference, lowercased: the first path segment when it looks like a host (has a
 * dot or a port, or is `localhost`), else Docker Hub (`docker.io`), as the Docker CLI reads references.
 */
export function registryHostOf(image: string): string {
  const first = image.split("/")[0]!;
  const isHost = image.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost");
  return isHost ? first.toLowerCase() : "docker.io";
}

/** True when the image is pulled from `server`. */
export function pullsFrom(image: string, access: RegistryAccess | undefined): boolean {
  return access !== undefined && registryHostOf(image) === access.server.toLowerCase();
}

/** What one workload pulls with: the registry, and for a registry user the password's Key Vault reference. */
export interface RegistryPull<V> {
  readonly access: RegistryAccess;
  /** Required for `access.kind` `password`. */
  readonly password?: RegistryPasswordReference<V>;
}

export interface ContainerAppRegistries<V> {
  readonly registries: ({ readonly server: string; readonly username: string; readonly passwordSecretRef: string } | { readonly server: string; readonly identity: V })[];
  /** The Key Vault reference the password entry needs (in `configuration.secrets`), read with the identity. */
  readonly secrets: { readonly name: string; readonly keyVaultUrl: V; readonly identity: V }[];
}

/** `configuration.registries`, and the secret it references, for a workload that runs as `identityId`. */
export function containerAppRegistries<V>(pull: RegistryPull<V> | undefined, identityId: V): ContainerAppRegistries<V> {
  if (!pull) return { registries: [], secrets: [] };
  const { access, password } = pull;
  if (access.kind === "identity") return { registries: [{ server: access.server, identity: identityId }], secrets: [] };
  if (!password) throw new Error(`registry ${access.server}: user ${access.username} has no password reference; pass the Key Vault secret of asc:registryPassword.`);
  return {
    registries: [{ server: access.server, username: access.username, passwordSecretRef: password.secretName }],
    secrets: [{ name: password.secretName, keyVaultUrl: password.keyVaultUrl, identity: identityId }],
  };
}
