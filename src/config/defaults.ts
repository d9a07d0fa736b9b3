/** Tier defaults: what a profile gets for every key it leaves out. Pure. */
import type { BlueprintConfig, CloudName, TierName } from "./schema.js";

/** Everything but the keys a profile must set itself (cloud, tier, region, images). */
export type ConfigDefaults = Omit<BlueprintConfig, "cloud" | "tier" | "region" | "images">;

export const DEFAULT_MIGRATION_COMMAND = ["alembic", "-c", "alembic.ini", "upgrade", "heads"];

export function tierDefaults(tier: TierName, cloud: CloudName): ConfigDefaults {
  const production = tier === "production";
  const dev = tier === "dev";
  const replicas = { dev: 1, staging: 2, production: 3 }[tier];
  return {
    name: "asc",
    services: {
      api: { cpu: production ? 1 : 0.5, memoryGiB: production ? 2 : 1, replicas },
      web: { cpu: 0.5, memoryGiB: 1, replicas },
      worker: { cpu: 0.5, memoryGiB: 1, replicas: 1 },
    },
    network: { cidr: "10.40.0.0/16", azCount: production ? 3 : 2, natGateways: production ? "per-az" : "single" },
    database: {
      // Azure's "medium" is a Burstable server, which production refuses; "large" is General Purpose there.
      size: production ? (cloud === "azure" ? "large" : "medium") : "small",
      storageGiB: production ? 100 : 20,
      engineVersion: "16",
      highAvailability: production,
      deletionProtection: production,
      backupRetentionDays: production ? 14 : 7,
      iamAuthentication: production,
      monitoringIntervalSeconds: dev ? 0 : 60,
      applyImmediately: !production,
      name: "app",
      username: "app_admin",
    },
    cache: { size: production ? "medium" : "small", highAvailability: production, engineVersion: "7.1" },
    storage: { extraCorsOrigins: [] },
    // A year in production on AWS (Security Hub CloudWatch.16); Azure's Log Analytics keeps its own default.
    logs: { retentionDays: ({ dev: 7, staging: 30, production: cloud === "aws" ? 365 : 90 } as const)[tier] },
    app: { signupAccessPolicy: production ? "invite_only" : "public", exposeApi: true },
    billing: { enabled: false, stream: false, workerTopology: dev ? "inline" : "dedicated" },
    email: { enabled: false },
    secrets: { rotation: {} },
    migrations: { command: DEFAULT_MIGRATION_COMMAND, timeoutSeconds: 900, retryLimit: 0, mode: "release", steps: [] },
    health: { deadlineSeconds: production ? 600 : 300, intervalSeconds: 5 },
    devOverrides: { publicDatabase: false, httpOnly: false, forceDestroyStorage: false, keyVaultPurgeProtection: true },
    policyExemptions: [],
    // Browsers PUT to user-delegation SAS URLs on the public Blob endpoint (docs/azure.md, Browser uploads).
    azure: cloud === "azure" ? { browserUploads: true } : {},
    aws: {},
  };
}
