/**
 * Cache: Azure Managed Redis (a `redisenterprise` cluster and its single database `default`), TLS only on port
 * 10000, reachable only through a private endpoint, with the app's REDIS_URL (`rediss://:<key>@<host>:10000/0`)
 * kept in Key Vault. The access key is read with `listDatabaseKeys` and never leaves Pulumi's secret handling.
 *
 * Azure Cache for Redis (`azure-native:redis:Redis`) is retiring, so asc no longer creates it; switching a stack
 * replaces the cache (see docs/azure.md, "Azure Managed Redis", for the sources and the consequences).
 * - The database uses the Enterprise clustering policy: the app's plain (non-cluster) Redis client talks to one
 *   endpoint and the proxy routes keys (learn.microsoft.com/azure/redis/choose-clustering-policy).
 * - The client protocol is `Encrypted` (TLS); access-key authentication stays on because REDIS_URL carries the key
 *   (learn.microsoft.com/azure/redis/entra-for-authentication: access keys remain available beside Entra).
 */
import * as redisenterprise from "@pulumi/azure-native/redisenterprise/index.js";
import * as pulumi from "@pulumi/pulumi";
import { redisSku, type CacheSize, type RedisSku } from "../../sizing/azure-instances.js";
import { definedOnly, type AzureTags } from "./args.js";
import { createPrivateEndpoint } from "./private-endpoint.js";
import { createVaultSecret } from "./vault-secret.js";

export const CACHE_TYPE = "asc:azure:Cache";
/** Azure Managed Redis serves its database over TLS on 10000. */
export const REDIS_TLS_PORT = 10000;
/** A Managed Redis cluster has exactly one database, and it must be called `default`. */
export const REDIS_DATABASE_NAME = "default";
/** Private Link sub-resource of a Managed Redis cluster (`Microsoft.Cache/redisEnterprise`). */
export const REDIS_PRIVATE_LINK_GROUP = "redisEnterprise";
export const REDIS_URL_SECRET_NAME = "redis-url";

export interface CacheArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  /** Azure location. @example "westeurope" */
  readonly location: string;
  /** Mapped by `redisSku`: small Balanced_B0, medium Balanced_B1, large Balanced_B5. */
  readonly size: CacheSize;
  /**
   * Keep a replica of every shard on a second node (Managed Redis `highAvailability: Enabled`); off keeps one copy
   * and has no SLA. @default false
   */
  readonly highAvailability?: boolean;
  /** Private endpoint in this subnet, registered in this private DNS zone (privatelink.redis.azure.net). */
  readonly privateEndpoint: { readonly subnetId: pulumi.Input<string>; readonly privateDnsZoneId: pulumi.Input<string> };
  /** The vault REDIS_URL is stored in. */
  readonly vaultName: pulumi.Input<string>;
  /** Tags for every taggable child. @default {} */
  readonly tags?: AzureTags;
}

export interface ResolvedCacheArgs extends CacheArgs {
  readonly highAvailability: boolean;
  readonly tags: AzureTags;
  readonly sku: RedisSku;
}

/** Applies defaults. Pure. */
export function resolveCacheArgs(args: CacheArgs): ResolvedCacheArgs {
  const base = { highAvailability: false, tags: {}, ...definedOnly(args) } as CacheArgs & { highAvailability: boolean; tags: AzureTags };
  return { ...base, sku: redisSku(base.size) };
}

/**
 * The app's REDIS_URL for a Managed Redis database: TLS, the access key as password (percent-encoded: keys are
 * base64 with '+', '/' and '=', and redis-py unquotes the password), port 10000, database 0 (the only one). Pure.
 */
export function managedRedisUrl(accessKey: string, hostName: string): string {
  return `rediss://:${encodeURIComponent(accessKey)}@${hostName}:${REDIS_TLS_PORT}/0`;
}

export class Cache extends pulumi.ComponentResource {
  readonly clusterName: pulumi.Output<string>;
  readonly hostName: pulumi.Output<string>;
  readonly sslPort: number;
  /** Unversioned Key Vault URI of REDIS_URL. */
  readonly redisUrlSecretUri: pulumi.Output<string>;
  readonly redisUrlSecretName: string;
  /** ARM id of the REDIS_URL secret: the scope of a per-secret read grant. */
  readonly redisUrlSecretId: pulumi.Output<string>;
  /** The private endpoint's DNS zone group: whatever resolves the cache's host must wait for it. */
  readonly privateDns: pulumi.Resource;

  constructor(name: string, args: CacheArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(CACHE_TYPE, name, {}, opts);
    const resolved = resolveCacheArgs(args);

    const cluster = new redisenterprise.RedisEnterprise(
      `${name}-cluster`,
      {
        resourceGroupName: resolved.resourceGroupName,
        location: resolved.location,
        sku: { name: resolved.sku.name },
        highAvailability: resolved.highAvailability ? "Enabled" : "Disabled",
        minimumTlsVersion: "1.2",
        publicNetworkAccess: "Disabled",
        tags: resolved.tags,
      },
      { parent: this },
    );
    const database = new redisenterprise.Database(
      `${name}-database`,
      {
        resourceGroupName: resolved.resourceGroupName,
        clusterName: cluster.name,
        databaseName: REDIS_DATABASE_NAME,
        clientProtocol: "Encrypted",
        clusteringPolicy: "EnterpriseCluster",
        accessKeysAuthentication: "Enabled",
        port: REDIS_TLS_PORT,
      },
      { parent: this },
    );
    const { dnsZoneGroup } = createPrivateEndpoint(
      `${name}-pe`,
      { resourceGroupName: resolved.resourceGroupName, location: resolved.location, subnetId: resolved.privateEndpoint.subnetId, targetResourceId: cluster.id, groupId: REDIS_PRIVATE_LINK_GROUP, privateDnsZoneId: resolved.privateEndpoint.privateDnsZoneId, tags: resolved.tags },
      this,
    );
    const keys = redisenterprise.listDatabaseKeysOutput({ resourceGroupName: resolved.resourceGroupName, clusterName: cluster.name, databaseName: database.name }, { parent: this });
    const url = pulumi.secret(pulumi.all([keys, cluster.hostName]).apply(([k, host]) => managedRedisUrl(k.primaryKey ?? "", host)));
    const secret = createVaultSecret(
      `${name}-redis-url`,
      { resourceGroupName: resolved.resourceGroupName, vaultName: resolved.vaultName, secretName: REDIS_URL_SECRET_NAME, value: url, tags: resolved.tags },
      this,
    );

    this.clusterName = cluster.name;
    this.hostName = cluster.hostName;
    this.sslPort = REDIS_TLS_PORT;
    this.redisUrlSecretUri = secret.versionedUri;
    this.redisUrlSecretName = REDIS_URL_SECRET_NAME;
    this.redisUrlSecretId = secret.id;
    this.privateDns = dnsZoneGroup;
    this.registerOutputs({ clusterName: this.clusterName, hostName: this.hostName, sslPort: this.sslPort, redisUrlSecretUri: this.redisUrlSecretUri, redisUrlSecretName: this.redisUrlSecretName });
  }
}
