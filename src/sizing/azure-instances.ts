/**
 * Azure SKUs for the profile's database, cache and log settings. Pure.
 * The size names come from the config schema, so a size added there fails to compile here until it is mapped.
 */
import type { BlueprintConfig } from "../config/schema.js";

export type DatabaseSize = BlueprintConfig["database"]["size"];
export type CacheSize = BlueprintConfig["cache"]["size"];

/** A Postgres Flexible Server compute SKU. */
export interface PostgresSku {
  readonly name: string;
  readonly tier: "Burstable" | "GeneralPurpose";
}

/**
 * An Azure Managed Redis SKU (the `Balanced` performance tier). Every size can run with high availability (a
 * replica on a second node); only the memory grows. Azure Cache for Redis is retiring, so asc no longer maps to it
 * (docs/azure.md, "Azure Managed Redis").
 */
export interface RedisSku {
  readonly name: "Balanced_B0" | "Balanced_B1" | "Balanced_B5";
}

/** Database size → Flexible Server SKU (burstable for small sizes, general purpose above). */
export const POSTGRES_SKU: Readonly<Record<DatabaseSize, PostgresSku>> = {
  small: { name: "Standard_B1ms", tier: "Burstable" },
  medium: { name: "Standard_B2s", tier: "Burstable" },
  large: { name: "Standard_D2ds_v5", tier: "GeneralPurpose" },
  xlarge: { name: "Standard_D4ds_v5", tier: "GeneralPurpose" },
};

/**
 * Cache size → Managed Redis SKU, following Microsoft's mapping from the retiring tiers (C0 → B0, C1 → B1,
 * P1 → B5): about 0.5, 1 and 6 GB.
 */
export const REDIS_SKU: Readonly<Record<CacheSize, RedisSku>> = {
  small: { name: "Balanced_B0" },
  medium: { name: "Balanced_B1" },
  large: { name: "Balanced_B5" },
};

/** Storage sizes Flexible Server offers (premium SSD), in GiB. */
export const POSTGRES_STORAGE_SIZES_GB = [32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768] as const;

/** Log Analytics keeps data 30 to 730 days on the interactive tier. */
export const LOG_ANALYTICS_MIN_RETENTION_DAYS = 30;
export const LOG_ANALYTICS_MAX_RETENTION_DAYS = 730;

function lookup<K extends string, T>(table: Readonly<Record<K, T>>, key: K, what: string): T {
  if (!Object.prototype.hasOwnProperty.call(table, key)) {
    const allowed = Object.keys(table).map((k) => JSON.stringify(k)).join(", ");
    throw new Error(`${what} ${JSON.stringify(key)} is not supported on Azure; allowed: ${allowed}`);
  }
  return table[key];
}

/** The Flexible Server SKU for a database size, e.g. `"large"` → Standard_D2ds_v5 (GeneralPurpose). Throws on an unknown size. */
export function postgresSku(size: DatabaseSize): PostgresSku {
  return lookup(POSTGRES_SKU, size, "database size");
}

/** The Managed Redis SKU for a cache size, e.g. `"medium"` → Balanced_B1. Throws on an unknown size. */
export function redisSku(size: CacheSize): RedisSku {
  return lookup(REDIS_SKU, size, "cache size");
}

/** Burstable servers have no zone-redundant HA and no production SLA for sustained load. */
export const isBurstableDatabase = (size: DatabaseSize): boolean => postgresSku(size).tier === "Burstable";

/** The smallest Flexible Server storage size that holds `storageGiB`, e.g. 20 → 32, 100 → 128. */
export function postgresStorageSizeGB(storageGiB: number): number {
  const size = POSTGRES_STORAGE_SIZES_GB.find((s) => s >= storageGiB);
  if (size === undefined || !(storageGiB > 0)) {
    throw new Error(`database storage ${storageGiB} GiB does not fit a Flexible Server storage size; allowed: up to ${POSTGRES_STORAGE_SIZES_GB.at(-1)} GiB`);
  }
  return size;
}

/** The profile's log retention as Log Analytics takes it: raised to 30 days, capped at 730. */
export function logAnalyticsRetentionDays(days: number): number {
  return Math.min(LOG_ANALYTICS_MAX_RETENTION_DAYS, Math.max(LOG_ANALYTICS_MIN_RETENTION_DAYS, days));
}
