/**
 * Stores one value as a Key Vault secret (through the ARM management plane, so it works while the vault's data
 * plane is private). Not a component: a helper for components (KeyVault, Database, Cache) that creates the
 * secret as a child of `parent`.
 */
import * as keyvault from "@pulumi/azure-native/keyvault/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface VaultSecretArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly vaultName: pulumi.Input<string>;
  /** The secret's name in the vault (letters, digits and hyphens), e.g. `database-url`. */
  readonly secretName: string;
  /** The value. It is wrapped in `pulumi.secret` here, so plain strings are safe too. */
  readonly value: pulumi.Input<string>;
  readonly tags: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** References to a stored secret; never its value. */
export interface VaultSecretReference {
  /** ARM resource id, the scope for per-secret role assignments. */
  readonly id: pulumi.Output<string>;
  /** Unversioned secret URI (`https://<vault>.vault.azure.net/secrets/<name>`), for Key Vault references. */
  readonly uri: pulumi.Output<string>;
  /**
   * The current version's URI (`…/secrets/<name>/<version>`), what the env contract references. Container Apps
   * re-read an unversioned reference on their own schedule (within 30 minutes) and then restart every referencing
   * revision; a versioned one stays on its version (learn.microsoft.com/azure/container-apps/manage-secrets, "Key
   * Vault references"). A new value is a new version, so exactly the apps and jobs that reference the rotated
   * secret change and roll, at the update, under asc's rollout check.
   */
  readonly versionedUri: pulumi.Output<string>;
  readonly name: string;
}

export const VAULT_SECRET_NAME = /^[0-9a-zA-Z-]{1,127}$/;

/** Creates `${name}` (keyvault.Secret) under `parent`. `opts` may add `ignoreChanges` and the like. */
export function createVaultSecret(name: string, args: VaultSecretArgs, parent: pulumi.Resource, opts: pulumi.CustomResourceOptions = {}): VaultSecretReference {
  if (!VAULT_SECRET_NAME.test(args.secretName)) {
    throw new Error(`Key Vault secret name ${JSON.stringify(args.secretName)} is not valid; allowed: 1-127 letters, digits and hyphens.`);
  }
  const secret = new keyvault.Secret(
    name,
    {
      resourceGroupName: args.resourceGroupName,
      vaultName: args.vaultName,
      secretName: args.secretName,
      properties: { value: pulumi.secret(args.value), contentType: "text/plain" },
      tags: args.tags,
    },
    { ...opts, parent },
  );
  return { id: secret.id, uri: secret.properties.apply((p) => p.secretUri), versionedUri: secret.properties.apply((p) => p.secretUriWithVersion), name: args.secretName };
}
