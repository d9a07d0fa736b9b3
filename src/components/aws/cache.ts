/**
 * ElastiCache for Redis: an encrypted (at rest and in transit), AUTH-protected replication group in private
 * subnets, with the app's REDIS_URL stored in Secrets Manager. Bump `authTokenEpoch` to rotate the token.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "./sdk.js";
import * as random from "@pulumi/random";
import { cacheNodeType, type CacheSize, type RedisEngineVersion } from "../../sizing/aws-instances.js";
import { REDIS_PORT } from "./network.js";
import { createSecret, DEFAULT_SECRET_RECOVERY_WINDOW_DAYS } from "./secret-value.js";
import { definedOnly } from "./task-definition.js";

export const CACHE_TYPE = "asc:aws:Cache";

/** Daily snapshots kept when `highAvailability` is on and `snapshotRetentionDays` is unset. */
export const HA_SNAPSHOT_RETENTION_DAYS = 7;
/** ElastiCache's maximum snapshot retention. */
export const MAX_SNAPSHOT_RETENTION_DAYS = 35;

export interface CacheArgs {
  /** Subnets of the cache subnet group: private subnets, in at least two AZs for `highAvailability`. */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Security group attached to the nodes; it must allow 6379 from the services. */
  readonly securityGroupId: pulumi.Input<string>;
  /** Customer-managed KMS key for data at rest and the REDIS_URL secret. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Node size, mapped to a node type by `cacheNodeType`. */
  readonly size: CacheSize;
  /** Redis engine version. */
  readonly engineVersion: RedisEngineVersion;
  /** `true`: a primary and a replica in another AZ with automatic failover; `false`: one node. */
  readonly highAvailability: boolean;
  /** Rotation epoch of the AUTH token: a new number generates a new token (and REDIS_URL). */
  readonly authTokenEpoch: number;
  /**
   * Days of daily snapshots to keep; 0 turns snapshots off.
   * @default - 7 with highAvailability, 0 without
   */
  readonly snapshotRetentionDays?: number;
  /**
   * Days Secrets Manager keeps the REDIS_URL secret after deletion (0 deletes at once, for dev).
   * @default 30
   */
  readonly secretRecoveryWindowDays?: number;
  /** Tags for every taggable child. */
  readonly tags: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export interface ResolvedCacheArgs extends Omit<CacheArgs, "snapshotRetentionDays" | "secretRecoveryWindowDays"> {
  readonly snapshotRetentionDays: number;
  readonly secretRecoveryWindowDays: number;
  readonly nodeType: string;
  readonly numCacheClusters: 1 | 2;
  /** Automatic failover and Multi-AZ go together: both on with highAvailability, both off without. */
  readonly automaticFailover: boolean;
}

/** Applies defaults (which depend on `highAvailability`) and refuses bad values. Pure. */
export function resolveCacheArgs(args: CacheArgs): ResolvedCacheArgs {
  const resolved: ResolvedCacheArgs = {
    snapshotRetentionDays: args.highAvailability ? HA_SNAPSHOT_RETENTION_DAYS : 0,
    secretRecoveryWindowDays: DEFAULT_SECRET_RECOVERY_WINDOW_DAYS,
    ...(definedOnly(args) as CacheArgs),
    nodeType: cacheNodeType(args.size),
    numCacheClusters: args.highAvailability ? 2 : 1,
    automaticFailover: args.highAvailability,
  };
  const retention = resolved.snapshotRetentionDays;
  if (!Number.isInteger(retention) || retention < 0 || retention > MAX_SNAPSHOT_RETENTION_DAYS) {
    throw new Error(`Cache: snapshotRetentionDays is ${retention}; ElastiCache keeps 0 to ${MAX_SNAPSHOT_RETENTION_DAYS} whole days. Pick a value in that range, or leave it unset.`);
  }
  if (!Number.isInteger(resolved.authTokenEpoch) || resolved.authTokenEpoch < 0) {
    throw new Error(`Cache: authTokenEpoch is ${resolved.authTokenEpoch}; it must be a whole number of 0 or more. Bump it by one to rotate the token.`);
  }
  return resolved;
}

/** A Redis replication group (cluster mode off). Outputs hold references only: the token is never an output. */
export class Cache extends pulumi.ComponentResource {
  /** Host name of the primary endpoint. */
  readonly primaryEndpointAddress: pulumi.Output<string>;
  readonly port: pulumi.Output<number>;
  /** Secrets Manager ARN of REDIS_URL (`rediss://:<token>@<host>:6379/0`). */
  readonly redisUrlSecretArn: pulumi.Output<string>;
  /** REDIS_URL's versioned ECS `valueFrom` (`<arn>:::<version-id>`): a new auth token rolls what references it. */
  readonly redisUrlValueFrom: pulumi.Output<string>;
  readonly replicationGroupId: pulumi.Output<string>;

  constructor(name: string, args: CacheArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(CACHE_TYPE, name, {}, opts);
    const resolved = resolveCacheArgs(args);

    const subnetGroup = this.createSubnetGroup(name, resolved);
    const authToken = this.createAuthToken(name, resolved);
    const group = this.createReplicationGroup(name, resolved, subnetGroup, authToken);
    const redisUrl = this.createRedisUrlSecret(name, resolved, group, authToken);

    this.primaryEndpointAddress = group.primaryEndpointAddress;
    this.port = group.port.apply((port) => port ?? REDIS_PORT);
    this.redisUrlSecretArn = redisUrl.arn;
    this.redisUrlValueFrom = redisUrl.valueFrom;
    // The id of a replication group is its replication group id.
    this.replicationGroupId = group.id;
    this.registerOutputs({
      primaryEndpointAddress: this.primaryEndpointAddress,
      port: this.port,
      redisUrlSecretArn: this.redisUrlSecretArn,
      replicationGroupId: this.replicationGroupId,
    });
  }

  private createSubnetGroup(name: string, args: ResolvedCacheArgs): aws.elasticache.SubnetGroup {
    return new aws.elasticache.SubnetGroup(`${name}-subnets`, { description: `Subnets of ${name}`, subnetIds: args.subnetIds, tags: args.tags }, { parent: this });
  }

  /** Alphanumeric only: ElastiCache refuses some symbols in AUTH tokens, and REDIS_URL needs no escaping. */
  private createAuthToken(name: string, args: ResolvedCacheArgs): pulumi.Output<string> {
    const token = new random.RandomPassword(`${name}-auth-token`, { length: 48, special: false, keepers: { epoch: String(args.authTokenEpoch) } }, { parent: this });
    return pulumi.secret(token.result);
  }

  private createReplicationGroup(name: string, args: ResolvedCacheArgs, subnetGroup: aws.elasticache.SubnetGroup, authToken: pulumi.Output<string>) {
    return new aws.elasticache.ReplicationGroup(
      `${name}-redis`,
      {
        description: `Redis for ${name}`,
        engine: "redis",
        engineVersion: args.engineVersion,
        autoMinorVersionUpgrade: true,
        nodeType: args.nodeType,
        port: REDIS_PORT,
        numCacheClusters: args.numCacheClusters,
        automaticFailoverEnabled: args.automaticFailover,
        multiAzEnabled: args.automaticFailover,
        atRestEncryptionEnabled: true,
        kmsKeyId: args.kmsKeyArn,
        transitEncryptionEnabled: true,
        authToken,
        // On rotation the previous token stays valid, so running tasks keep working while the services roll.
        authTokenUpdateStrategy: "ROTATE",
        securityGroupIds: [args.securityGroupId],
        // The id of a cache subnet group is its name.
        subnetGroupName: subnetGroup.id,
        snapshotRetentionLimit: args.snapshotRetentionDays,
        tags: args.tags,
      },
      { parent: this },
    );
  }

  private createRedisUrlSecret(name: string, args: ResolvedCacheArgs, group: aws.elasticache.ReplicationGroup, authToken: pulumi.Output<string>) {
    const value = pulumi.interpolate`rediss://:${authToken}@${group.primaryEndpointAddress}:${REDIS_PORT}/0`;
    return createSecret(
      `${name}-redis-url`,
      { description: `REDIS_URL of ${name}`, value, kmsKeyId: args.kmsKeyArn, tags: args.tags, recoveryWindowInDays: args.secretRecoveryWindowDays },
      this,
    );
  }
}
