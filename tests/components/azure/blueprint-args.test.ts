import { resolveAzureBlueprintArgs } from "../../../src/components/azure/blueprint-args.js";
import type { BlueprintConfig } from "../../../src/config/schema.js";
import { azureConfig } from "../../helpers/azure-config.js";

const resolve = (config: BlueprintConfig, profile = "azure-test") => resolveAzureBlueprintArgs({ config, profile, operatorSecrets: {} });

describe("resolveAzureBlueprintArgs", () => {
  it("GIVEN a production profile WHEN resolved THEN api and web run at least 2 fixed replicas, the worker as configured, and purge protection is on", () => {
    const r = resolve(azureConfig("production", { services: { api: { cpu: 1, memoryGiB: 2, replicas: 1 }, web: { cpu: 0.5, memoryGiB: 1, replicas: 1 }, worker: { cpu: 0.5, memoryGiB: 1, replicas: 1 } } }), "azure-production");
    expect(r.replicas).toEqual({ api: 2, web: 2, worker: 1 });
    expect(r.sizes).toEqual({ api: { cpu: 1, memory: "2Gi" }, web: { cpu: 0.5, memory: "1Gi" }, worker: { cpu: 0.5, memory: "1Gi" } });
    expect(r.services).toEqual(["api", "worker", "web"]);
    expect(r.appNames).toEqual({ api: "asc-prod-api", web: "asc-prod-web", worker: "asc-prod-worker", migrate: "asc-prod-migrate" });
    expect(r.keyVaultPurgeProtection).toBe(true);
    expect(r.logRetentionDays).toBe(90);
    expect(r.postgresDnsZoneName).toBe("asc-prod.private.postgres.database.azure.com");
    expect(r.tags).toEqual({ project: "asc-prod", profile: "azure-production", tier: "production", "managed-by": "asc" });
    expect([r.production, r.dev, r.apiIngress, r.apiExternal, r.apiRouteName]).toEqual([true, false, "routed", false, "asc-prod-api-public"]);
    expect(r.apiPublicPaths).toEqual(["/health", "/health/ready", "/.well-known/jwks.json", "/webhooks/stripe"]);
  });

  it("GIVEN a dev profile that turns purge protection off and keeps 7 days of logs WHEN resolved THEN both are honoured (retention raised to Log Analytics' 30)", () => {
    const r = resolve(azureConfig("dev", { devOverrides: { keyVaultPurgeProtection: false } }));
    expect(r.keyVaultPurgeProtection).toBe(false);
    expect(r.logRetentionDays).toBe(30);
    expect(r.replicas).toEqual({ api: 1, web: 1, worker: 1 });
    expect(r.services).toEqual(["api", "web"]);
  });

  it("GIVEN exposeApi false WHEN resolved THEN the api is internal with no public path", () => {
    const r = resolve(azureConfig("staging", { app: { exposeApi: false } }));
    expect([r.apiIngress, r.apiExternal, r.apiPublicPaths]).toEqual(["internal", false, []]);
  });

  it("GIVEN dev with exposeApi WHEN resolved THEN the api keeps its own external ingress; staging with billing off routes only health and JWKS", () => {
    const dev = resolve(azureConfig("dev"));
    expect([dev.apiIngress, dev.apiExternal, dev.apiPublicPaths]).toEqual(["external", true, []]);
    const staging = resolve(azureConfig("staging", { billing: { enabled: false } }));
    expect([staging.apiIngress, staging.apiExternal, staging.apiPublicPaths]).toEqual(["routed", false, ["/health", "/health/ready", "/.well-known/jwks.json"]]);
  });

  it.each<[string, BlueprintConfig, string]>([
    ["an AWS config", { ...azureConfig("staging"), cloud: "aws" }, 'AzureBlueprint: config.cloud is "aws"; use AwsBlueprint for AWS profiles'],
    ["a certificate ARN", { ...azureConfig("staging"), domain: { web: "a.example.com", api: "b.example.com", certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/7a6b5c4d-3e2f-1a0b-9c8d-7e6f5a4b3c2d" } }, "AzureBlueprint: domain.certificateArn is an AWS ACM certificate; remove it from the Azure profile"],
    ["a Burstable production database", { ...azureConfig("production"), database: { ...azureConfig("production").database, size: "medium" } }, 'AzureBlueprint: database.size "medium" is a Burstable server, which production refuses; use "large" or "xlarge"'],
    ["an impossible size", { ...azureConfig("staging"), services: { ...azureConfig("staging").services, web: { cpu: 0.5, memoryGiB: 3, replicas: 2 } } }, "AzureBlueprint: services.web: 3 GiB is not allowed with 0.5 vCPU on Container Apps (Consumption) (memoryGiB with cpu 0.5: 1 (2 GiB per vCPU))"],
    ["an inline worker in production", { ...azureConfig("production"), billing: { enabled: true, stream: false, workerTopology: "inline" }, services: { ...azureConfig("production").services, api: { cpu: 1, memoryGiB: 2, replicas: 1 } } }, 'AzureBlueprint: the inline billing worker runs in every api replica, and the api runs 2; use billing.workerTopology "dedicated"'],
  ])("GIVEN %s WHEN resolved THEN it throws the exact message", (_label, config, message) => {
    expect(() => resolve(config)).toThrow(message);
  });
});
