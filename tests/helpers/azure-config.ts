/** Validated Azure blueprint configs for tests, built the way a profile file is resolved (defaults, schema, rules). */
import { resolveConfig } from "../../src/config/resolve.js";
import type { BlueprintConfig, TierName } from "../../src/config/schema.js";

export const DIGEST_IMAGES = {
  api: "ghcr.io/acme/api@sha256:3f5c8e2a9b1d4c6e7f8a0b2c4d6e8f0a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e",
  web: "ghcr.io/acme/web@sha256:9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b",
};

/** The Entra administrator a production profile must name. */
export const ENTRA_ADMIN = { objectId: "3f2b8c1e-5d4a-4e6f-9b7c-1a2b3c4d5e6f", principalName: "asc-prod-db-admins", principalType: "Group" } as const;

/** The profile keys of a tier's Azure profile; `values` are merged over them like a profile file's keys. */
export function azureConfig(tier: TierName, values: Record<string, unknown> = {}): BlueprintConfig {
  const base: Record<string, unknown> = {
    cloud: "azure",
    tier,
    region: "westeurope",
    name: `asc-${tier === "production" ? "prod" : tier === "staging" ? "stg" : "dev"}`,
    images: DIGEST_IMAGES,
    ...(tier === "production" ? { database: { size: "large" }, azure: { postgresEntraAdmin: ENTRA_ADMIN } } : {}),
    ...(tier !== "dev" ? { billing: { enabled: true, stream: true, workerTopology: "dedicated", productPriceMap: "starter=price_1" } } : {}),
  };
  const layer = { kind: "profile" as const, source: "test profile", values: { ...base, ...values } };
  return resolveConfig([layer], { now: new Date("2026-11-21T12:00:00Z"), profileLabel: "test profile" }).config;
}
