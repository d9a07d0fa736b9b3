/** Resolved configs for tests, built through the real resolver from a few overrides. */
import { resolveConfig } from "../../src/config/resolve.js";
import type { BlueprintConfig } from "../../src/config/schema.js";

const DIGEST = "@sha256:" + "a".repeat(64);
const CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/7a6b5c4d-3e2f-1a0b-9c8d-7e6f5a4b3c2d";

export function testConfig(overrides: Record<string, unknown> = {}): BlueprintConfig {
  const cloud = (overrides.cloud as string) ?? "aws";
  const values = {
    cloud,
    tier: "staging",
    region: cloud === "aws" ? "eu-west-1" : "westeurope",
    images: { api: `ghcr.io/acme/api${DIGEST}`, web: `ghcr.io/acme/web${DIGEST}` },
    domain: cloud === "aws" ? { web: "app.example.com", api: "api.example.com", certificateArn: CERT } : undefined,
    ...overrides,
  };
  return resolveConfig([{ kind: "profile", source: "test", values }], { now: new Date("2026-11-21"), profileLabel: "test" }).config;
}
