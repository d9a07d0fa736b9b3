/**
 * Cache: Azure Cache for Redis, TLS 1.2 only on port 6380, reachable only through a private endpoint, with the
 * app's REDIS_URL (`rediss://:<key>@<host>:6380/0`) kept in Key Vault. The access key is read with
 * `listRedisKeys` and never leaves Pulumi's secret handling.
 */
import * as redis from "@pulumi/azure-native/redis/index.js";
import * as pulumi from "@pulumi/pulumi";
import { redisSku, type CacheSize, type RedisSku } from "../../sizing/azure-instances.js";
import { definedOnly, type AzureTags } from "./args.js";
import { createPrivateEndpoint } from "./private-endpoint.js";
import { createVaultSecret } from "./vault-secret.js";

export const CACHE_TYPE = "asc:azure:Cache";
/** Azure Cache for Redis serves TLS on 6380 (the plain port stays closed). */
export const REDIS_TLS_PORT = 6380;
export const REDIS_URL_SECRET_NAME = "redis-url";

export interface CacheArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  /** Azure location. @example "westeurope" */
  readonly location: string;
  /** Mapped by `redisSku`: small Basic C0, medium Standard C1, large Premium P1. */
  readonly size: CacheSize;
  /**
   * Require a replica with failover. Basic has none, so it is refused with `small`.
   * @default false
   */
  readonly highAvailability?: boolean;
  /** Private endpoint in this subnet, registered in this private DNS zone (privatelink.redis.cache.windows.net). */
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

/** Applies defaults and refuses conflicting args. Pure. */
export function resolveCacheArgs(args: CacheArgs): ResolvedCacheArgs {
  const base = { highAvailability: false, tags: {}, ...definedOnly(args) } as CacheArgs & { highAvailability: boolean; tags: AzureTags };
  const resolved: ResolvedCacheArgs = { ...base, sku: redisSku(base.size) };
  if (resolved.highAvailability && resolved.sku.name === "Basic") {
    throw new Error(`Cache: highAvailability needs a replica, but size "${resolved.size}" is Basic (no replica). Use size "medium" or "large", or turn highAvailability off.`);
  }
  return resolved;
}

export class Cache extends pulumi.ComponentResource {
  readonly cacheName: pulumi.Output<string>;
  readonly hostName: pulumi.Output<string>;
  readonly sslPort: number;
  /** Unversioned Key Vault URI of REDIS_URL. */
  readonly redisUrlSecretUri: pulumi.Output<string>;
  readonly redisUrlSecretName: string;

  constructor(name: string, args: CacheArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(CACHE_TYPE, name, {}, opts);
    const resolved = resolveCacheArgs(args);

    const cache = new redis.Redis(
      `${name}-redis`,
      {
        resourceGroupName: resolved.resourceGroupName,
        location: resolved.location,
        sku: { name: resolved.sku.name, family: resolved.sku.family, capacity: resolved.sku.capacity },
        enableNonSslPort: false,
        minimumTlsVersion: "1.2",
        publicNetworkAccess: "Disabled",
        redisVersion: "6",
        tags: resolved.tags,
      },
      { parent: this },
    );
    createPrivateEndpoint(
      `${name}-pe`,
      { resourceGroupName: resolved.resourceGroupName, location: resolved.location, subnetId: resolved.privateEndpoint.subnetId, targetResourceId: cache.id, groupId: "redisCache", privateDnsZoneId: resolved.privateEndpoint.privateDnsZoneId, tags: resolved.tags },
      this,
    );
    const keys = redis.listRedisKeysOutput({ resourceGroupName: resolved.resourceGroupName, name: cache.name }, { parent: this });
    // Keys are base64 ('+', '/', '='): percent-encoded, as the URL's password part needs (redis-py unquotes it).
    const primaryKey = pulumi.secret(keys.apply((k) => encodeURIComponent(k.primaryKey ?? "")));
    const url = pulumi.interpolate`rediss://:${primaryKey}@${cache.hostName}:${REDIS_TLS_PORT}/0`;
    const secret = createVaultSecret(
      `${name}-redis-url`,
      { resourceGroupName: resolved.resourceGroupName, vaultName: resolved.vaultName, secretName: REDIS_URL_SECRET_NAME, value: url, tags: resolved.tags },
      this,
    );

    this.cacheName = cache.name;
    this.hostName = cache.hostName;
    this.sslPort = REDIS_TLS_PORT;
    this.redisUrlSecretUri = secret.uri;
    this.redisUrlSecretName = REDIS_URL_SECRET_NAME;
    this.registerOutputs({ cacheName: this.cacheName, hostName: this.hostName, sslPort: this.sslPort, redisUrlSecretUri: this.redisUrlSecretUri, redisUrlSecretName: this.redisUrlSecretName });
  }
}
