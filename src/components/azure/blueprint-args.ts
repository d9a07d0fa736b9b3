/**
 * What the Azure blueprint derives from a profile before creating anything: tags, sizes, replica counts, app
 * names and tier switches. Pure, so every decision is testable without Pulumi.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { BlueprintConfig } from "../../config/schema.js";
import { apiPublicPaths } from "../../contract/public-surface.js";
import { deployedServices } from "../../contract/topology.js";
import type { SecretVariable } from "../../contract/types.js";
import { isBurstableDatabase, logAnalyticsRetentionDays } from "../../sizing/azure-instances.js";
import { resolveContainerAppSize, type ContainerAppSize } from "../../sizing/container-apps.js";
import { ascTags } from "../shared/generated-secrets.js";
import type { RegistryAccess } from "./image-pull.js";
import { containerAppName, containerAppsEnvironmentName, postgresPrivateDnsZoneName } from "./names.js";

export type AzureAppService = "api" | "web" | "worker";
export type ApiIngress = "external" | "routed" | "internal";

export interface AzureBlueprintArgs {
  /** The resolved, validated profile config (cloud "azure"). */
  readonly config: BlueprintConfig;
  /** The profile (stack) name, used in tags and derived global names. */
  readonly profile: string;
  /** Operator-supplied secret values, by variable; already secret. */
  readonly operatorSecrets: Partial<Record<SecretVariable, pulumi.Input<string>>>;
  /** `asc:registryPassword`, already secret; required when `azure.registryCredentials` names a user. */
  readonly registryPassword?: pulumi.Input<string>;
  /**
   * Leave the container apps out (a first deploy's provision, before the first migration): an app with HTTP
   * ingress starts a replica on the first request even at zero minimum replicas, so only an app that does not
   * exist is sure not to run. The job, environment, identities and data stores are created. @default false
   */
  readonly holdServices?: boolean;
}

export interface ResolvedAzureBlueprintArgs extends AzureBlueprintArgs {
  readonly tags: Record<string, string>;
  readonly production: boolean;
  readonly dev: boolean;
  /** Long-running services, in rollout order. */
  readonly services: AzureAppService[];
  readonly sizes: Record<AzureAppService, ContainerAppSize>;
  /** Fixed replica counts; api and web run at least 2 in production. */
  readonly replicas: Record<AzureAppService, number>;
  /** Container app names (and the job's): `<name>-<service>`. */
  readonly appNames: Record<AzureAppService | "migrate", string>;
  /** The Container Apps environment: `<name>-env` (applied to new stacks only; see ContainerAppsEnvironment). */
  readonly environmentName: string;
  /**
   * How the api is reached from outside the environment: `external` (dev with `app.exposeApi`: its own public
   * ingress), `routed` (staging and production with `app.exposeApi`: internal ingress, and only the contract's public
   * paths on a public route host), or `internal` (no public path: `app.exposeApi` false).
   */
  readonly apiIngress: ApiIngress;
  /** Whether the api's own ingress is external (only `apiIngress` `external`). */
  readonly apiExternal: boolean;
  /** The api's public paths (`apiPublicPaths`), routed when `apiIngress` is `routed`; empty otherwise. */
  readonly apiPublicPaths: readonly string[];
  /** The route configuration's name and host label: `<name>-api-public`. */
  readonly apiRouteName: string;
  readonly logRetentionDays: number;
  readonly postgresDnsZoneName: string;
  /** Always true outside dev; dev may turn it off with `devOverrides.keyVaultPurgeProtection`. */
  readonly keyVaultPurgeProtection: boolean;
  /** The private registry images may come from (`azure.registryCredentials`). */
  readonly registry?: RegistryAccess;
}

/** api and web run at least this many replicas in production. */
export const PRODUCTION_MIN_REPLICAS = 2;

/** Pure: everything the blueprint decides from the config. Throws on a config it cannot deploy. */
export function resolveAzureBlueprintArgs(args: AzureBlueprintArgs): ResolvedAzureBlueprintArgs {
  const { config } = args;
  if (config.cloud !== "azure") throw new Error(`AzureBlueprint: config.cloud is "${config.cloud}"; use AwsBlueprint for AWS profiles`);
  if (config.domain?.certificateArn) throw new Error("AzureBlueprint: domain.certificateArn is an AWS ACM certificate; remove it from the Azure profile");
  const production = config.tier === "production";
  const dev = config.tier === "dev";
  if (production && isBurstableDatabase(config.database.size)) {
    throw new Error(`AzureBlueprint: database.size "${config.database.size}" is a Burstable server, which production refuses; use "large" or "xlarge"`);
  }
  const size = (service: AzureAppService): ContainerAppSize => {
    const r = resolveContainerAppSize(config.services[service].cpu, config.services[service].memoryGiB);
    if (!r.ok) throw new Error(`AzureBlueprint: services.${service}: ${r.reason} (${r.allowed})`);
    return r.size;
  };
  const floor = (service: "api" | "web") => (production ? Math.max(PRODUCTION_MIN_REPLICAS, config.services[service].replicas) : config.services[service].replicas);
  const replicas = { api: floor("api"), web: floor("web"), worker: config.services.worker.replicas };
  if (config.billing.workerTopology === "inline" && replicas.api > 1) {
    throw new Error(`AzureBlueprint: the inline billing worker runs in every api replica, and the api runs ${replicas.api}; use billing.workerTopology "dedicated"`);
  }
  // Container Apps ingress cannot filter by path: outside dev the api's public paths go through a route host.
  const apiIngress: ApiIngress = !config.app.exposeApi ? "internal" : dev ? "external" : "routed";
  const credentials = config.azure.registryCredentials;
  const registry: RegistryAccess | undefined = !credentials
    ? undefined
    : credentials.username !== undefined
      ? { kind: "password", server: credentials.server, username: credentials.username }
      : { kind: "identity", server: credentials.server, registryId: credentials.acrResourceId! };
  if (registry?.kind === "password" && args.registryPassword === undefined) {
    throw new Error(`AzureBlueprint: azure.registryCredentials names the user ${registry.username} on ${registry.server} but no registryPassword was given; pass asc:registryPassword`);
  }
  return {
    ...args,
    ...(registry ? { registry } : {}),
    tags: ascTags(config, args.profile),
    production,
    dev,
    services: deployedServices(config),
    sizes: { api: size("api"), web: size("web"), worker: size("worker") },
    replicas,
    appNames: {
      api: containerAppName(config.name, "api"),
      web: containerAppName(config.name, "web"),
      worker: containerAppName(config.name, "worker"),
      migrate: containerAppName(config.name, "migrate"),
    },
    apiIngress,
    apiExternal: apiIngress === "external",
    apiPublicPaths: apiIngress === "routed" ? apiPublicPaths(config) : [],
    apiRouteName: `${config.name}-api-public`,
    logRetentionDays: logAnalyticsRetentionDays(config.logs.retentionDays),
    environmentName: containerAppsEnvironmentName(config.name),
    postgresDnsZoneName: postgresPrivateDnsZoneName(config.name),
    keyVaultPurgeProtection: dev ? config.devOverrides.keyVaultPurgeProtection : true,
  };
}
