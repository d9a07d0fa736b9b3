/**
 * AWS instance classes and engine families for the profile's database and cache settings. Pure.
 * The size names come from the config schema, so a size added there fails to compile here until it is mapped.
 */
import type { BlueprintConfig } from "../config/schema.js";

export type DatabaseSize = BlueprintConfig["database"]["size"];
export type CacheSize = BlueprintConfig["cache"]["size"];
export type PostgresMajorVersion = BlueprintConfig["database"]["engineVersion"];
export type RedisEngineVersion = BlueprintConfig["cache"]["engineVersion"];

/** Database size → RDS instance class (Graviton: burstable for small sizes, general purpose above). */
export const RDS_INSTANCE_CLASS: Readonly<Record<DatabaseSize, string>> = {
  small: "db.t4g.small",
  medium: "db.t4g.medium",
  large: "db.m7g.large",
  xlarge: "db.m7g.xlarge",
};

/** Cache size → ElastiCache node type. */
export const CACHE_NODE_TYPE: Readonly<Record<CacheSize, string>> = {
  small: "cache.t4g.small",
  medium: "cache.t4g.medium",
  large: "cache.m7g.large",
};

/** Postgres major version → RDS parameter group family. */
export const POSTGRES_PARAMETER_GROUP_FAMILY: Readonly<Record<PostgresMajorVersion, string>> = {
  "15": "postgres15",
  "16": "postgres16",
  "17": "postgres17",
};

function lookup<K extends string>(table: Readonly<Record<K, string>>, key: K, what: string): string {
  if (!Object.prototype.hasOwnProperty.call(table, key)) {
    const allowed = Object.keys(table).map((k) => JSON.stringify(k)).join(", ");
    throw new Error(`${what} ${JSON.stringify(key)} is not supported on AWS; allowed: ${allowed}`);
  }
  return table[key];
}

/** The RDS instance class for a database size, e.g. `"large"` → `"db.m7g.large"`. Throws on an unknown size. */
export function rdsInstanceClass(size: DatabaseSize): string {
  return lookup(RDS_INSTANCE_CLASS, size, "database size");
}

/** The ElastiCache node type for a cache size, e.g. `"small"` → `"cache.t4g.small"`. Throws on an unknown size. */
export function cacheNodeType(size: CacheSize): string {
  return lookup(CACHE_NODE_TYPE, size, "cache size");
}

/** The parameter group family for a Postgres major version, e.g. `"16"` → `"postgres16"`. Throws on an unknown version. */
export function postgresParameterGroupFamily(version: PostgresMajorVersion): string {
  return lookup(POSTGRES_PARAMETER_GROUP_FAMILY, version, "Postgres engine version");
}
