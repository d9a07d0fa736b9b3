/**
 * Cross-field and tier rules that a schema alone cannot say. Each returns the problems it finds; an empty
 * list means the config is acceptable. Pure.
 */
import type { UserProblem } from "../errors.js";
import { isBurstableDatabase, postgresSku } from "../sizing/azure-instances.js";
import { resolveContainerAppSize } from "../sizing/container-apps.js";
import { resolveFargateSize } from "../sizing/fargate.js";
import { POLICY_RULES } from "../policies/registry.js";
import { MIN_PRODUCTION_LOG_RETENTION_DAYS } from "../policies/aws/cloudwatch/production-log-retention.js";
import { didYouMean } from "./did-you-mean.js";
import { parseImageRef } from "./image-ref.js";
import { parseProductPriceMap } from "./price-map.js";
import { checkAzurePostgresEntraAdmin, checkAzureProductionLocation, checkAzureVnetCidr } from "./azure-rules.js";
import { AWS_REGIONS, AZURE_LOCATIONS } from "./regions.js";
import { SERVICES, type BlueprintConfig } from "./schema.js";

type Rule = (config: BlueprintConfig, now: Date) => UserProblem[];

const checkRegion: Rule = (c) => {
  const allowed: readonly string[] = c.cloud === "aws" ? AWS_REGIONS : AZURE_LOCATIONS;
  if (allowed.includes(c.region)) return [];
  const label = c.cloud === "aws" ? "AWS region" : "Azure location";
  return [{
    path: "asc:region",
    value: c.region,
    message: `not a known ${label}`,
    allowed: allowed.join(", "),
    fix: `set asc:region to an ${label} such as ${allowed[c.cloud === "aws" ? 10 : 13]}`,
  }];
};

const checkImages: Rule = (c) =>
  (["api", "web"] as const).flatMap((service): UserProblem[] => {
    const path = `asc:images.${service}`;
    const value = c.images[service];
    const parsed = parseImageRef(value);
    if (!parsed.ok) {
      return [{ path, value, message: `not a usable image reference: it ${parsed.reason}`, allowed: "registry/repository:tag or registry/repository@sha256:<digest>", fix: `set ${path} to an image with a tag or, better, a digest` }];
    }
    if (c.tier === "production" && !parsed.ref.digest) {
      return [{ path, value, message: "production images must be pinned by digest", allowed: "registry/repository@sha256:<64 hex> (a tag may precede the digest)", fix: `resolve the digest (docker buildx imagetools inspect ${value}) and set ${path} to ${value.replace(/:[^/:@]+$/, "")}@sha256:…` }];
    }
    return [];
  });

/** A release step's own image follows the same rules as the services' images. */
const checkStepImages: Rule = (c) =>
  c.migrations.steps.flatMap((step, i): UserProblem[] => {
    if (step.image === undefined) return [];
    const path = `asc:migrations.steps[${i}].image`;
    const parsed = parseImageRef(step.image);
    if (!parsed.ok) return [{ path, value: step.image, message: `not a usable image reference: it ${parsed.reason}`, allowed: "registry/repository:tag or registry/repository@sha256:<digest>", fix: `set ${path} to an image with a tag or a digest, or remove it to run the api image` }];
    if (c.tier === "production" && !parsed.ref.digest) return [{ path, value: step.image, message: "production images must be pinned by digest", allowed: "registry/repository@sha256:<64 hex>", fix: `resolve the digest (docker buildx imagetools inspect ${step.image}) and set ${path} to it` }];
    return [];
  });

const checkSizes: Rule = (c) =>
  SERVICES.flatMap((service): UserProblem[] => {
    const { cpu, memoryGiB } = c.services[service];
    const result = c.cloud === "aws" ? resolveFargateSize(cpu, memoryGiB) : resolveContainerAppSize(cpu, memoryGiB);
    if (result.ok) return [];
    return [{ path: `asc:services.${service}`, value: { cpu, memoryGiB }, message: result.reason, allowed: result.allowed, fix: `pick an allowed cpu/memoryGiB pair for asc:services.${service}` }];
  });

const checkBillingTopology: Rule = (c) => {
  if (c.billing.workerTopology !== "inline" || c.services.api.replicas <= 1) return [];
  return [{
    path: "asc:billing.workerTopology",
    value: "inline",
    message: `an inline billing worker runs inside every api replica, and the api has ${c.services.api.replicas} replicas: retries and replays would run more than once`,
    allowed: "inline with services.api.replicas ≤ 1, or dedicated",
    fix: "set asc:billing.workerTopology to dedicated, or asc:services.api.replicas to 1",
  }];
};

const DEV_OVERRIDE_SAFE_VALUE = { publicDatabase: false, httpOnly: false, forceDestroyStorage: false, keyVaultPurgeProtection: true } as const;

const checkDevOverrides: Rule = (c) => {
  if (c.tier === "dev") return [];
  return (Object.keys(DEV_OVERRIDE_SAFE_VALUE) as (keyof typeof DEV_OVERRIDE_SAFE_VALUE)[])
    .filter((key) => c.devOverrides[key] !== DEV_OVERRIDE_SAFE_VALUE[key])
    .map((key) => ({
      path: `asc:devOverrides.${key}`,
      value: c.devOverrides[key],
      message: `dev overrides are refused in ${c.tier}`,
      allowed: `${DEV_OVERRIDE_SAFE_VALUE[key]} (outside dev)`,
      fix: `remove asc:devOverrides.${key} from the ${c.tier} profile`,
    }));
};

const checkHttps: Rule = (c) => {
  const problems: UserProblem[] = [];
  // Outside dev the httpOnly override is refused on its own; it must not also hide the missing certificate.
  const httpOnly = c.tier === "dev" && c.devOverrides.httpOnly;
  if (c.cloud === "aws" && !c.domain?.certificateArn && !c.domain?.hostedZoneId && !httpOnly) {
    problems.push({
      path: "asc:domain.certificateArn",
      message: c.tier === "dev" ? "HTTPS needs an ACM certificate" : `HTTPS needs an ACM certificate in ${c.tier}`,
      allowed: "an ACM certificate ARN covering asc:domain.web and asc:domain.api",
      fix: c.tier === "dev"
        ? "set asc:domain (web, api, certificateArn), or in dev only set asc:devOverrides.httpOnly: true"
        : "request a certificate in ACM for both hosts and set asc:domain.certificateArn, or set asc:domain.hostedZoneId and asc requests one",
    });
  }
  // An ALB only uses ACM certificates of its own region (ACM User Guide, "Services integrated with ACM": ELB).
  const certRegion = c.domain?.certificateArn?.split(":")[3];
  // An unknown region is reported by checkRegion already.
  if (c.cloud === "aws" && certRegion !== undefined && certRegion !== c.region && (AWS_REGIONS as readonly string[]).includes(c.region)) {
    problems.push({
      path: "asc:domain.certificateArn",
      value: c.domain!.certificateArn,
      message: `the certificate is in ${certRegion}, but the load balancer is in ${c.region}; an ALB can only use an ACM certificate of its own region`,
      allowed: `an ACM certificate ARN in ${c.region} (arn:aws:acm:${c.region}:…)`,
      fix: `request or import the certificate in ACM in ${c.region} and set asc:domain.certificateArn to its ARN`,
    });
  }
  if (c.cloud === "azure" && c.domain?.hostedZoneId) {
    problems.push({ path: "asc:domain.hostedZoneId", value: c.domain.hostedZoneId, message: "a Route 53 hosted zone is AWS only", allowed: "(unset on Azure)", fix: "remove asc:domain.hostedZoneId from the Azure profile" });
  }
  if (c.cloud === "azure" && c.domain?.certificateArn) {
    problems.push({ path: "asc:domain.certificateArn", value: c.domain.certificateArn, message: "an ACM certificate is AWS only", allowed: "(unset on Azure)", fix: "remove asc:domain.certificateArn from the Azure profile" });
  }
  return problems;
};

const checkBackups: Rule = (c) =>
  c.tier !== "dev" && c.database.backupRetentionDays < 7
    ? [{ path: "asc:database.backupRetentionDays", value: c.database.backupRetentionDays, message: `backups must be kept at least 7 days in ${c.tier}`, allowed: "7 to 35", fix: "set asc:database.backupRetentionDays to 7 or more" }]
    : [];

const checkAwsProductionLogRetention: Rule = (c) =>
  c.cloud === "aws" && c.tier === "production" && c.logs.retentionDays < MIN_PRODUCTION_LOG_RETENTION_DAYS
    ? [{ path: "asc:logs.retentionDays", value: c.logs.retentionDays, message: `production logs must be kept at least ${MIN_PRODUCTION_LOG_RETENTION_DAYS} days on AWS`, allowed: "365, 400, 545 or 731", fix: "set asc:logs.retentionDays to 365 or more, or remove it (production defaults to 365)" }]
    : [];

const checkAwsProductionMonitoring: Rule = (c) =>
  c.cloud === "aws" && c.tier === "production" && c.database.monitoringIntervalSeconds === 0
    ? [{ path: "asc:database.monitoringIntervalSeconds", value: 0, message: "production databases run RDS Enhanced Monitoring", allowed: "1, 5, 10, 15, 30 or 60", fix: "set asc:database.monitoringIntervalSeconds to 60 (or a shorter interval), or remove it (production defaults to 60)" }]
    : [];

const PRICE_MAP_ALLOWED = 'a JSON object {"starter":"price_123"} or plan=price,… such as starter=price_123,pro=price_456';

const checkBilling: Rule = (c) => {
  const map = c.billing.productPriceMap;
  if (map === undefined) {
    return c.billing.enabled
      ? [{ path: "asc:billing.productPriceMap", message: "the api needs STRIPE_PRODUCT_PRICE_MAP when billing is enabled", allowed: PRICE_MAP_ALLOWED, fix: "set asc:billing.productPriceMap, or asc:billing.enabled: false" }]
      : [];
  }
  const parsed = parseProductPriceMap(map);
  return parsed.ok ? [] : [{ path: "asc:billing.productPriceMap", value: map, message: `the api would refuse or misread it: it ${parsed.reason}`, allowed: PRICE_MAP_ALLOWED, fix: "write one plan=price entry per plan, separated by commas" }];
};

const checkEmail: Rule = (c) =>
  c.email.enabled && !c.email.from
    ? [{ path: "asc:email.from", message: "a sender address is required when email is enabled", allowed: "an email address", fix: "set asc:email.from, or asc:email.enabled: false" }]
    : [];

/** An exemption is a debt with a date: at most a year, so it comes back for review. */
export const MAX_EXEMPTION_DAYS = 366;

const checkExemptions: Rule = (c, now) => {
  const today = now.toISOString().slice(0, 10);
  const latest = new Date(now.getTime() + MAX_EXEMPTION_DAYS * 86_400_000).toISOString().slice(0, 10);
  const known = POLICY_RULES.filter((r) => r.cloud === "any" || r.cloud === c.cloud).map((r) => r.name);
  return c.policyExemptions.flatMap((e, i): UserProblem[] => {
    const problems: UserProblem[] = [];
    if (!known.includes(e.policy)) {
      const suggestion = didYouMean(e.policy, known);
      problems.push({ path: `asc:policyExemptions[${i}].policy`, value: e.policy, message: `not an asc policy for ${c.cloud}${suggestion ? `; did you mean "${suggestion}"?` : ""}`, allowed: known.join(", "), fix: suggestion ? `set it to ${suggestion}` : "name one of the policies listed in docs/policies.md" });
    }
    if (e.expires < today) {
      problems.push({ path: `asc:policyExemptions[${i}].expires`, value: e.expires, message: `the exemption of ${e.policy} for ${e.resource} expired`, allowed: `a date from ${today} on`, fix: "fix the violation and remove the exemption, or renew it with a new reason and date" });
    } else if (e.expires > latest) {
      problems.push({ path: `asc:policyExemptions[${i}].expires`, value: e.expires, message: `expires more than a year ahead (after ${latest})`, allowed: `a date from ${today} to ${latest}`, fix: `set an expiry by ${latest}, and renew the exemption then if it is still needed` });
    }
    return problems;
  });
};

// --- Azure: what the Azure SKUs behind the shared size names can and cannot do (src/sizing/azure-instances.ts) ---

const checkAzureDatabase: Rule = (c) => {
  if (c.cloud !== "azure" || !isBurstableDatabase(c.database.size)) return [];
  const sku = postgresSku(c.database.size).name;
  if (c.tier === "production") {
    return [{ path: "asc:database.size", value: c.database.size, message: `"${c.database.size}" is a Burstable Postgres server (${sku}) on Azure, which production refuses`, allowed: "large (Standard_D2ds_v5) or xlarge (Standard_D4ds_v5), General Purpose", fix: "set asc:database.size to large or xlarge" }];
  }
  if (c.database.highAvailability) {
    return [{ path: "asc:database.highAvailability", value: true, message: `zone-redundant HA needs a General Purpose server on Azure, and "${c.database.size}" is Burstable (${sku})`, allowed: "highAvailability with database.size large or xlarge", fix: "set asc:database.size to large, or asc:database.highAvailability to false" }];
  }
  return [];
};

/** Azure Managed Redis without high availability keeps one copy of the data and has no SLA; production refuses it. */
const checkAzureCache: Rule = (c) =>
  c.cloud === "azure" && c.tier === "production" && !c.cache.highAvailability
    ? [{ path: "asc:cache.highAvailability", value: false, message: "Azure Managed Redis without high availability has no replica and no SLA, which production refuses", allowed: "true (in production on Azure)", fix: "set asc:cache.highAvailability to true, or remove it (production defaults to true)" }]
    : [];

const checkAzureInlineWorker: Rule = (c) =>
  c.cloud === "azure" && c.tier === "production" && c.billing.workerTopology === "inline"
    ? [{ path: "asc:billing.workerTopology", value: "inline", message: "on Azure the production api runs at least 2 replicas, so an inline billing worker would run retries and replays more than once", allowed: "dedicated (in production on Azure)", fix: "set asc:billing.workerTopology to dedicated" }]
    : [];

const checkAwsSettingsOnAzure: Rule = (c) =>
  c.cloud !== "azure"
    ? []
    : (Object.keys(c.aws) as (keyof BlueprintConfig["aws"])[]).map((key) => ({
        path: `asc:aws.${key}`,
        value: c.aws[key],
        message: "an ECS setting, AWS only",
        allowed: "(unset on Azure)",
        fix: `remove asc:aws.${key} from the Azure profile`,
      }));

/** Registry credentials: Azure only, and a password only for a registry user (never left unused in the stack). */
const checkRegistryCredentials: Rule = (c) => {
  const credentials = c.azure.registryCredentials;
  if (c.cloud === "aws" && credentials) {
    return [{ path: "asc:azure.registryCredentials.server", value: credentials.server, message: "Container Apps registry credentials are Azure only", allowed: "(unset on AWS)", fix: "use asc:aws.registryCredentials (a Secrets Manager secret ARN) on AWS, and remove asc:azure.registryCredentials" }];
  }
  const acrName = credentials?.acrResourceId?.split("/").pop()?.toLowerCase();
  if (credentials && acrName && !new RegExp(`^${acrName}\\.azurecr\\.(io|cn|us)$`).test(credentials.server)) {
    return [{ path: "asc:azure.registryCredentials.server", value: credentials.server, message: `is not the login server of the registry ${acrName} named by acrResourceId`, allowed: `${acrName}.azurecr.io`, fix: `set asc:azure.registryCredentials.server to ${acrName}.azurecr.io, the host your image references use` }];
  }
  if (c.registryPassword !== undefined && credentials?.username === undefined) {
    return [{ path: "asc:registryPassword", value: "[secret]", message: "is set but no registry user uses it", allowed: "a password only with asc:azure.registryCredentials.username (Azure)", fix: "set asc:azure.registryCredentials.server and .username, or run: pulumi config rm asc:registryPassword -s <profile>" }];
  }
  return [];
};

const checkWritableRootFilesystem: Rule = (c) =>
  c.tier === "production" && (c.aws.writableRootFilesystem?.length ?? 0) > 0
    ? [{
        path: "asc:aws.writableRootFilesystem",
        value: c.aws.writableRootFilesystem,
        message: "a writable root filesystem is a dev and staging exemption; production containers run read-only",
        allowed: "(unset in production)",
        fix: "make the image declare VOLUME for the paths it writes (/tmp, and /app/.next/cache for the web) owned by uid 10001, then remove asc:aws.writableRootFilesystem",
      }]
    : [];

const checkAzureName: Rule = (c) => {
  if (c.cloud !== "azure") return [];
  const problems: UserProblem[] = c.name.includes("--")
    ? [{ path: "asc:name", value: c.name, message: "Container Apps names (<name>-api, …) may not contain two hyphens in a row", allowed: "lowercase letters, digits and single hyphens", fix: `set asc:name to ${c.name.replace(/-+/g, "-")}` }]
    : [];
  c.migrations.steps.forEach((step, i) => {
    if (step.name.includes("--")) {
      problems.push({ path: `asc:migrations.steps[${i}].name`, value: step.name, message: "the step's Container Apps Job (<name>-step-<step>) may not contain two hyphens in a row", allowed: "lowercase letters, digits and single hyphens", fix: `set asc:migrations.steps[${i}].name to ${step.name.replace(/-+/g, "-")}` });
    }
  });
  return problems;
};

const RULES: readonly Rule[] = [checkRegion, checkImages, checkStepImages, checkSizes, checkBillingTopology, checkDevOverrides, checkHttps, checkBackups, checkAwsProductionLogRetention, checkAwsProductionMonitoring, checkBilling, checkEmail, checkExemptions, checkAzureDatabase, checkAzureCache, checkAzureInlineWorker, checkAzureName, checkAwsSettingsOnAzure, checkRegistryCredentials, checkWritableRootFilesystem, checkAzureProductionLocation, checkAzureVnetCidr, checkAzurePostgresEntraAdmin];

export function checkConfigRules(config: BlueprintConfig, now: Date): UserProblem[] {
  return RULES.flatMap((rule) => rule(config, now));
}
