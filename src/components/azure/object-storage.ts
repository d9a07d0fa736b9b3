/**
 * ObjectStorage: a StorageV2 account for the app's files — TLS 1.2, HTTPS only, no anonymous blobs, no shared
 * keys (the app signs user-delegation SAS URLs with its identity), network access only through a private endpoint,
 * blob soft delete and versioning, and CORS so browsers can PUT to presigned URLs from the web origin.
 */
import * as storage from "@pulumi/azure-native/storage/index.js";
import * as pulumi from "@pulumi/pulumi";
import { definedOnly, type AzureTags } from "./args.js";
import { STORAGE_ACCOUNT_NAME } from "./names.js";
import { createPrivateEndpoint } from "./private-endpoint.js";

export const OBJECT_STORAGE_TYPE = "asc:azure:ObjectStorage";

export type StorageRedundancy = "Standard_LRS" | "Standard_ZRS" | "Standard_GRS" | "Standard_GZRS";

/** Methods browsers use on presigned blob URLs. */
export const CORS_METHODS = ["PUT", "GET", "HEAD"] as const;

export interface ObjectStorageArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  /** Azure location. @example "westeurope" */
  readonly location: string;
  /** Globally unique account name (3-24 lowercase letters and digits). @example "ascprodazureprod1a2b3c4d" */
  readonly accountName: pulumi.Input<string>;
  /** Replication. @default "Standard_LRS" */
  readonly redundancy?: StorageRedundancy;
  /** Origins allowed to PUT/GET/HEAD from a browser: the web's public origin, plus any extras. */
  readonly corsOrigins: pulumi.Input<pulumi.Input<string>[]>;
  /** The app's blob container. @default "app" */
  readonly containerName?: string;
  /** Days deleted blobs (and containers) can be restored. @default 7 */
  readonly softDeleteDays?: number;
  /** Private endpoint (blob) in this subnet, registered in this private DNS zone (privatelink.blob.core.windows.net). */
  readonly privateEndpoint: { readonly subnetId: pulumi.Input<string>; readonly privateDnsZoneId: pulumi.Input<string> };
  /**
   * Open the Blob endpoint to the internet so browsers can PUT to SAS URLs (the app's presigned uploads); requests
   * still need a SAS, and anonymous access and shared keys stay off. @default false - private endpoint only
   */
  readonly publicBlobEndpoint?: boolean;
  /** Tags for every taggable child. @default {} */
  readonly tags?: AzureTags;
}

export interface ResolvedObjectStorageArgs extends ObjectStorageArgs {
  readonly redundancy: StorageRedundancy;
  readonly containerName: string;
  readonly softDeleteDays: number;
  readonly publicBlobEndpoint: boolean;
  readonly tags: AzureTags;
}

/** Applies defaults and rejects arguments Azure would refuse. Pure. */
export function resolveObjectStorageArgs(args: ObjectStorageArgs): ResolvedObjectStorageArgs {
  const resolved = { redundancy: "Standard_LRS", containerName: "app", softDeleteDays: 7, publicBlobEndpoint: false, tags: {}, ...definedOnly(args) } as ResolvedObjectStorageArgs;
  if (typeof resolved.accountName === "string" && !STORAGE_ACCOUNT_NAME.test(resolved.accountName)) {
    throw new Error(`ObjectStorage accountName: ${JSON.stringify(resolved.accountName)} is not a storage account name; allowed: 3-24 lowercase letters and digits.`);
  }
  if (!/^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/.test(resolved.containerName)) {
    throw new Error(`ObjectStorage containerName: ${JSON.stringify(resolved.containerName)} is not a blob container name; allowed: 3-63 lowercase letters, digits and single hyphens.`);
  }
  if (!Number.isInteger(resolved.softDeleteDays) || resolved.softDeleteDays < 1 || resolved.softDeleteDays > 365) {
    throw new Error(`ObjectStorage softDeleteDays: ${resolved.softDeleteDays} is out of range; Blob soft delete keeps whole days from 1 to 365.`);
  }
  return resolved;
}

export class ObjectStorage extends pulumi.ComponentResource {
  readonly accountId: pulumi.Output<string>;
  readonly accountName: pulumi.Output<string>;
  /** AZURE_BLOB_ACCOUNT_URL, e.g. `https://<account>.blob.core.windows.net/`. */
  readonly blobEndpoint: pulumi.Output<string>;
  /** AZURE_BLOB_CONTAINER. */
  readonly containerName: pulumi.Output<string>;
  /** The private endpoint's DNS zone group: the app resolves the Blob endpoint through it. */
  readonly privateDns: pulumi.Resource;

  constructor(name: string, args: ObjectStorageArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(OBJECT_STORAGE_TYPE, name, {}, opts);
    const resolved = resolveObjectStorageArgs(args);

    const account = new storage.StorageAccount(
      `${name}-account`,
      {
        resourceGroupName: resolved.resourceGroupName,
        accountName: resolved.accountName,
        location: resolved.location,
        kind: "StorageV2",
        sku: { name: resolved.redundancy },
        accessTier: "Hot",
        minimumTlsVersion: "TLS1_2",
        enableHttpsTrafficOnly: true,
        allowBlobPublicAccess: false,
        allowSharedKeyAccess: false,
        defaultToOAuthAuthentication: true,
        allowCrossTenantReplication: false,
        publicNetworkAccess: resolved.publicBlobEndpoint ? "Enabled" : "Disabled",
        networkRuleSet: { defaultAction: resolved.publicBlobEndpoint ? "Allow" : "Deny", bypass: "AzureServices" },
        tags: resolved.tags,
      },
      { parent: this },
    );
    const blobService = new storage.BlobServiceProperties(
      `${name}-blob-service`,
      {
        resourceGroupName: resolved.resourceGroupName,
        accountName: account.name,
        blobServicesName: "default",
        isVersioningEnabled: true,
        deleteRetentionPolicy: { enabled: true, days: resolved.softDeleteDays },
        containerDeleteRetentionPolicy: { enabled: true, days: resolved.softDeleteDays },
        cors: {
          corsRules: [{ allowedOrigins: resolved.corsOrigins, allowedMethods: [...CORS_METHODS], allowedHeaders: ["*"], exposedHeaders: ["ETag"], maxAgeInSeconds: 3600 }],
        },
      },
      { parent: this },
    );
    const container = new storage.BlobContainer(
      `${name}-container`,
      { resourceGroupName: resolved.resourceGroupName, accountName: account.name, containerName: resolved.containerName, publicAccess: "None" },
      { parent: this, dependsOn: [blobService] },
    );
    const { dnsZoneGroup } = createPrivateEndpoint(
      `${name}-pe`,
      { resourceGroupName: resolved.resourceGroupName, location: resolved.location, subnetId: resolved.privateEndpoint.subnetId, targetResourceId: account.id, groupId: "blob", privateDnsZoneId: resolved.privateEndpoint.privateDnsZoneId, tags: resolved.tags },
      this,
    );

    this.accountId = account.id;
    this.accountName = account.name;
    this.blobEndpoint = account.primaryEndpoints.apply((e) => e.blob);
    this.containerName = container.name;
    this.privateDns = dnsZoneGroup;
    this.registerOutputs({ accountId: this.accountId, accountName: this.accountName, blobEndpoint: this.blobEndpoint, containerName: this.containerName });
  }
}
