/**
 * KeyVault: the app's vault (RBAC authorization, soft delete, purge protection, private endpoint) and every
 * secret the app reads from it — the generated ones (random, rotated by bumping an epoch), the operator-supplied
 * ones, the HMAC signing secret, and the Ed25519 keyset secret (seeded once, then rotated only by the operator
 * console). Outputs are ids, names and URIs only, never values.
 */
import * as keyvault from "@pulumi/azure-native/keyvault/index.js";
import * as monitor from "@pulumi/azure-native/monitor/index.js";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { SecretVariable } from "../../contract/types.js";
import { definedOnly, type AzureTags } from "./args.js";
import { REGISTRY_PASSWORD_SECRET_NAME } from "./image-pull.js";
import { KEY_VAULT_NAME, vaultSecretName } from "./names.js";
import { createPrivateEndpoint } from "./private-endpoint.js";
import { createVaultSecret, type VaultSecretReference } from "./vault-secret.js";

export const KEY_VAULT_TYPE = "asc:azure:KeyVault";

/** AZURE_KV_SIGNING_SECRET_NAME. */
export const SIGNING_SECRET_NAME = "auth-signing-secret";
/** AUTH_KEY_SECRET_NAME. */
export const KEYSET_SECRET_NAME = "auth-keyset";
/** Days a deleted vault (and a deleted secret) can be recovered. */
export const SOFT_DELETE_RETENTION_DAYS = 90;

/** A secret asc generates. Bumping `epoch` regenerates the value on the next deploy. */
export interface GeneratedSecretSpec {
  readonly variable: SecretVariable;
  /** Rotation epoch (a non-negative integer); the random value's keeper. */
  readonly epoch: number;
}

export interface KeyVaultArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  /** Azure location. @example "westeurope" */
  readonly location: string;
  /** Globally unique vault name (3-24 letters, digits and single hyphens). @example "asc-prod-azure-1a2b3c4d" */
  readonly vaultName: pulumi.Input<string>;
  /** Entra tenant the vault trusts (`authorization.getClientConfigOutput().tenantId`). */
  readonly tenantId: pulumi.Input<string>;
  /** Private endpoint in this subnet, registered in this private DNS zone (privatelink.vaultcore.azure.net). */
  readonly privateEndpoint: { readonly subnetId: pulumi.Input<string>; readonly privateDnsZoneId: pulumi.Input<string> };
  /**
   * Refuse purging a deleted vault until its retention ends. It cannot be turned off once on.
   * @default true
   */
  readonly purgeProtection?: boolean;
  /**
   * Keep the data plane reachable from the internet (dev only). Deploys never need it: secrets are written
   * through ARM. @default false
   */
  readonly publicNetworkAccess?: boolean;
  /** Secrets generated as 64 random alphanumerics, one per variable. */
  readonly generated: readonly GeneratedSecretSpec[];
  /** Operator-supplied values, stored as given. A variable may not be both generated and operator-supplied. */
  readonly operatorSecrets: Partial<Record<SecretVariable, pulumi.Input<string>>>;
  /**
   * The keyset secret's first value: the app's keyset JSON with one active Ed25519 key
   * (`serializeKeyset(buildEd25519Keyset())`, src/components/shared/keyset.ts). The api only reads the keyset and
   * cannot sign a token without an active key, so the secret must hold one before the first login. Written once:
   * Pulumi ignores the value afterwards (`ignoreChanges`), so a rotation by the operator console is never undone
   * and a new seed passed on a later run changes nothing.
   */
  readonly keysetSeed: pulumi.Input<string>;
  /**
   * The registry password (`asc:registryPassword`), stored as the secret `registry-password`; only the identities
   * that pull from the registry may read it. @default - no registry password
   */
  readonly registryPassword?: pulumi.Input<string>;
  /** Rotation epoch of the HMAC signing secret. @default 0 */
  readonly signingSecretEpoch?: number;
  /**
   * Log Analytics workspace (ARM id) the vault's audit logs (category group `audit`: every data-plane access,
   * category `AuditEvent`) go to. @default - no diagnostic setting
   */
  readonly auditLogWorkspaceId?: pulumi.Input<string>;
  /** Tags for every taggable child. @default {} */
  readonly tags?: AzureTags;
}

export interface ResolvedKeyVaultArgs extends KeyVaultArgs {
  readonly purgeProtection: boolean;
  readonly publicNetworkAccess: boolean;
  readonly signingSecretEpoch: number;
  readonly tags: AzureTags;
}

const isNonNegativeInteger = (n: number) => Number.isInteger(n) && n >= 0;

/** Applies defaults and rejects arguments Azure would refuse, or that conflict. Pure. */
export function resolveKeyVaultArgs(args: KeyVaultArgs): ResolvedKeyVaultArgs {
  const resolved = { purgeProtection: true, publicNetworkAccess: false, signingSecretEpoch: 0, tags: {}, ...definedOnly(args) } as ResolvedKeyVaultArgs;
  if (typeof resolved.vaultName === "string" && !KEY_VAULT_NAME.test(resolved.vaultName)) {
    throw new Error(`KeyVault vaultName: ${JSON.stringify(resolved.vaultName)} is not a Key Vault name; allowed: 3-24 letters, digits and single hyphens, starting with a letter.`);
  }
  const seen = new Set<SecretVariable>();
  for (const { variable, epoch } of resolved.generated) {
    if (seen.has(variable)) throw new Error(`KeyVault generated: ${variable} is listed twice; list each generated secret once.`);
    seen.add(variable);
    if (!isNonNegativeInteger(epoch)) throw new Error(`KeyVault generated ${variable}: epoch ${epoch} is not a non-negative integer; bump epochs by whole numbers from 0.`);
  }
  const both = Object.keys(resolved.operatorSecrets).filter((v) => seen.has(v as SecretVariable));
  if (both.length > 0) {
    throw new Error(`KeyVault: ${both.join(", ")} is both generated and operator-supplied; keep it in only one of generated and operatorSecrets.`);
  }
  if (!isNonNegativeInteger(resolved.signingSecretEpoch)) {
    throw new Error(`KeyVault signingSecretEpoch: ${resolved.signingSecretEpoch} is not a non-negative integer; bump epochs by whole numbers from 0.`);
  }
  return resolved;
}

const RANDOM_LENGTH = 64;

export class KeyVault extends pulumi.ComponentResource {
  readonly vaultId: pulumi.Output<string>;
  readonly vaultName: pulumi.Output<string>;
  /** AZURE_KEY_VAULT_URL, e.g. `https://<name>.vault.azure.net/`. */
  readonly vaultUri: pulumi.Output<string>;
  /** Unversioned secret URI per variable, generated and operator-supplied alike. */
  readonly secretUris: Readonly<Partial<Record<SecretVariable, pulumi.Output<string>>>>;
  /** Key Vault secret name per variable (plain: names are chosen here, not by Azure). */
  readonly secretNames: Readonly<Partial<Record<SecretVariable, string>>>;
  /** ARM id per variable: the scope of a per-secret read grant. */
  readonly secretIds: Readonly<Partial<Record<SecretVariable, pulumi.Output<string>>>>;
  readonly signingSecretName: string;
  /** ARM id of the signing secret: the scope of the api's write access. */
  readonly signingSecretId: pulumi.Output<string>;
  readonly keysetSecretName: string;
  readonly keysetSecretId: pulumi.Output<string>;
  /** The registry password's secret, when one was given. */
  readonly registryPasswordSecret?: VaultSecretReference;
  /** The private endpoint's DNS zone group: Key Vault references resolve the vault through it. */
  readonly privateDns: pulumi.Resource;

  constructor(name: string, args: KeyVaultArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(KEY_VAULT_TYPE, name, {}, opts);
    const resolved = resolveKeyVaultArgs(args);

    const vault = this.createVault(name, resolved);
    if (resolved.auditLogWorkspaceId !== undefined) {
      new monitor.DiagnosticSetting(
        `${name}-audit-logs`,
        { name: "asc-audit", resourceUri: vault.id, workspaceId: resolved.auditLogWorkspaceId, logs: [{ categoryGroup: "audit", enabled: true }] },
        { parent: this },
      );
    }
    const { dnsZoneGroup } = createPrivateEndpoint(
      `${name}-pe`,
      { resourceGroupName: resolved.resourceGroupName, location: resolved.location, subnetId: resolved.privateEndpoint.subnetId, targetResourceId: vault.id, groupId: "vault", privateDnsZoneId: resolved.privateEndpoint.privateDnsZoneId, tags: resolved.tags },
      this,
    );
    const store = (logical: string, secretName: string, value: pulumi.Input<string>, opts: pulumi.CustomResourceOptions = {}): VaultSecretReference =>
      createVaultSecret(`${name}-${logical}`, { resourceGroupName: resolved.resourceGroupName, vaultName: vault.name, secretName, value, tags: resolved.tags }, this, opts);

    const secretUris: Partial<Record<SecretVariable, pulumi.Output<string>>> = {};
    const secretNames: Partial<Record<SecretVariable, string>> = {};
    const secretIds: Partial<Record<SecretVariable, pulumi.Output<string>>> = {};
    const keep = (variable: SecretVariable, ref: VaultSecretReference) => {
      secretUris[variable] = ref.versionedUri;
      secretNames[variable] = ref.name;
      secretIds[variable] = ref.id;
    };
    for (const { variable, epoch } of resolved.generated) {
      const secretName = vaultSecretName(variable);
      keep(variable, store(secretName, secretName, this.randomValue(`${name}-${secretName}-random`, epoch)));
    }
    for (const [variable, value] of Object.entries(resolved.operatorSecrets) as [SecretVariable, pulumi.Input<string> | undefined][]) {
      if (value === undefined) continue;
      const secretName = vaultSecretName(variable);
      keep(variable, store(secretName, secretName, value));
    }
    const signing = store("signing-secret", SIGNING_SECRET_NAME, this.randomValue(`${name}-signing-secret-random`, resolved.signingSecretEpoch));
    // Seeded once; from then on the operator console owns the value (see keysetSeed).
    const keyset = store("keyset", KEYSET_SECRET_NAME, resolved.keysetSeed, { ignoreChanges: ["properties.value"] });
    if (resolved.registryPassword !== undefined) this.registryPasswordSecret = store(REGISTRY_PASSWORD_SECRET_NAME, REGISTRY_PASSWORD_SECRET_NAME, resolved.registryPassword);

    this.vaultId = vault.id;
    this.vaultName = vault.name;
    this.vaultUri = vault.properties.apply((p) => p.vaultUri ?? "");
    this.secretUris = secretUris;
    this.secretNames = secretNames;
    this.secretIds = secretIds;
    this.signingSecretName = SIGNING_SECRET_NAME;
    this.signingSecretId = signing.id;
    this.keysetSecretName = KEYSET_SECRET_NAME;
    this.keysetSecretId = keyset.id;
    this.privateDns = dnsZoneGroup;
    this.registerOutputs({
      vaultId: this.vaultId,
      vaultName: this.vaultName,
      vaultUri: this.vaultUri,
      secretUris: this.secretUris,
      secretNames: this.secretNames,
      signingSecretName: this.signingSecretName,
      signingSecretId: this.signingSecretId,
      keysetSecretName: this.keysetSecretName,
      keysetSecretId: this.keysetSecretId,
    });
  }

  private createVault(name: string, args: ResolvedKeyVaultArgs): keyvault.Vault {
    return new keyvault.Vault(
      `${name}-vault`,
      {
        resourceGroupName: args.resourceGroupName,
        vaultName: args.vaultName,
        location: args.location,
        properties: {
          tenantId: args.tenantId,
          sku: { family: "A", name: "standard" },
          enableRbacAuthorization: true,
          enableSoftDelete: true,
          softDeleteRetentionInDays: SOFT_DELETE_RETENTION_DAYS,
          // Azure refuses an explicit false; leaving it out is how "off" is said.
          ...(args.purgeProtection ? { enablePurgeProtection: true } : {}),
          publicNetworkAccess: args.publicNetworkAccess ? "Enabled" : "Disabled",
          networkAcls: { defaultAction: args.publicNetworkAccess ? "Allow" : "Deny", bypass: "AzureServices" },
        },
        tags: args.tags,
      },
      { parent: this },
    );
  }

  /** Alphanumeric only, so values need no escaping anywhere. */
  private randomValue(logicalName: string, epoch: number): pulumi.Output<string> {
    const password = new random.RandomPassword(logicalName, { length: RANDOM_LENGTH, special: false, keepers: { epoch: String(epoch) } }, { parent: this });
    return pulumi.secret(password.result);
  }
}
