/**
 * AzureBlueprint: the whole Azure reference platform for one profile. Resource group and Log Analytics, a VNet
 * with private DNS, a VNet-integrated Container Apps environment, Key Vault, Postgres Flexible Server, Azure Cache
 * for Redis, Blob storage, one identity per service with its role assignments, the container apps and the
 * migration job — every container's env from the contract, every secret a Key Vault reference.
 */
import * as authorization from "@pulumi/azure-native/authorization/index.js";
import * as pulumi from "@pulumi/pulumi";
import { migrationImageOf } from "../../config/release-images.js";
import { deriveEnvContract, secretVariablesFor } from "../../contract/derive.js";
import type { ContractBindings, ContractOutputs, ContractService, SecretRef, SecretVariable } from "../../contract/types.js";
import { STACK_OUTPUTS_VERSION, type HealthEndpoint, type Outputs, type StackOutputs } from "../../contract/stack-outputs.js";
import { generatedSecretSpecs, rotationEpoch } from "../shared/generated-secrets.js";
import { buildEd25519Keyset, serializeKeyset } from "../shared/keyset.js";
import { ApiPublicRoutes } from "./api-public-routes.js";
import { resolveAzureBlueprintArgs, type AzureBlueprintArgs, type ResolvedAzureBlueprintArgs } from "./blueprint-args.js";
import { Cache } from "./cache.js";
import { ContainerAppService, type ContainerAppServiceArgs } from "./container-app.js";
import { ContainerAppsEnvironment } from "./container-apps-environment.js";
import { API_PORT, WEB_PORT, apiProbes, webProbes } from "./container-env.js";
import { Database } from "./database.js";
import { Foundation } from "./foundation.js";
import { REGISTRY_PASSWORD_SECRET_NAME, pullsFrom, type RegistryPull } from "./image-pull.js";
import { KeyVault } from "./key-vault.js";
import { MigrationJob } from "./migration-job.js";
import { containerAppFqdn, deriveKeyVaultName, deriveStorageAccountName, infrastructureResourceGroupName, releaseStepJobName, vaultSecretName } from "./names.js";
import { Network } from "./network.js";
import { ObjectStorage } from "./object-storage.js";
import { ServiceIdentity, type RoleGrant } from "./service-identity.js";

export const AZURE_BLUEPRINT_TYPE = "asc:azure:Blueprint";
export { resolveAzureBlueprintArgs, type AzureBlueprintArgs } from "./blueprint-args.js";

export class AzureBlueprint extends pulumi.ComponentResource {
  /** The typed stack outputs (URLs, names, ids and secret references; no secret values). */
  readonly outputs: Outputs<StackOutputs>;

  constructor(name: string, args: AzureBlueprintArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(AZURE_BLUEPRINT_TYPE, name, {}, opts);
    const r = resolveAzureBlueprintArgs(args);
    const { config, tags } = r;
    const child = { parent: this };
    const location = config.region;
    const client = authorization.getClientConfigOutput({ parent: this });
    const seed = { project: config.name, profile: r.profile };

    const foundation = new Foundation(`${name}-foundation`, { location, logRetentionDays: r.logRetentionDays, tags }, child);
    const resourceGroupName = foundation.resourceGroupName;
    const base = { resourceGroupName, location, tags };
    const network = new Network(`${name}-network`, { resourceGroupName, location, cidr: config.network.cidr, postgresDnsZoneName: r.postgresDnsZoneName, tags }, child);
    const environment = new ContainerAppsEnvironment(`${name}-environment`, {
      ...base,
      infrastructureSubnetId: network.containerAppsSubnetId,
      logAnalyticsWorkspaceName: foundation.workspaceName,
      logAnalyticsCustomerId: foundation.workspaceCustomerId,
      zoneRedundant: r.production,
      environmentName: r.environmentName,
      infrastructureResourceGroupName: client.subscriptionId.apply((subscriptionId) => infrastructureResourceGroupName({ ...seed, subscriptionId })),
    }, child);
    const urls = this.publicUrls(r, environment.defaultDomain);

    const endpoint = (zone: keyof typeof network.privateDnsZoneIds) => ({ subnetId: network.privateEndpointsSubnetId, privateDnsZoneId: network.privateDnsZoneIds[zone] });
    const keyVault = new KeyVault(`${name}-vault`, {
      ...base,
      vaultName: config.azure.keyVaultName ?? client.subscriptionId.apply((subscriptionId) => deriveKeyVaultName({ ...seed, subscriptionId })),
      tenantId: client.tenantId,
      privateEndpoint: endpoint("keyVault"),
      auditLogWorkspaceId: foundation.workspaceId,
      purgeProtection: r.keyVaultPurgeProtection,
      // Private in every tier (the policy pack requires it even in dev); Pulumi writes secrets through ARM anyway.
      publicNetworkAccess: false,
      generated: generatedSecretSpecs(config),
      operatorSecrets: r.operatorSecrets,
      ...(r.registry?.kind === "password" ? { registryPassword: r.registryPassword! } : {}),
      signingSecretEpoch: rotationEpoch(config, "signingSecret"),
      // A fresh key on every run, but only the first is ever written (ignoreChanges on the value).
      keysetSeed: pulumi.secret(serializeKeyset(buildEd25519Keyset())),
    }, child);
    const database = new Database(`${name}-db`, {
      ...base,
      size: config.database.size,
      storageGiB: config.database.storageGiB,
      engineVersion: config.database.engineVersion,
      highAvailability: config.database.highAvailability,
      geoRedundantBackup: r.production,
      backupRetentionDays: config.database.backupRetentionDays,
      deletionProtection: config.database.deletionProtection,
      databaseName: config.database.name,
      username: config.database.username,
      passwordEpoch: rotationEpoch(config, "databasePassword"),
      delegatedSubnetId: network.postgresSubnetId,
      privateDnsZoneId: network.privateDnsZoneIds.postgres,
      publicAccess: r.dev && config.devOverrides.publicDatabase,
      entraAdmin: config.azure.postgresEntraAdmin,
      tenantId: client.tenantId,
      vaultName: keyVault.vaultName,
    }, child);
    const cache = new Cache(`${name}-cache`, { ...base, size: config.cache.size, highAvailability: config.cache.highAvailability, privateEndpoint: endpoint("redis"), vaultName: keyVault.vaultName }, child);
    const storage = new ObjectStorage(`${name}-storage`, {
      ...base,
      accountName: config.azure.storageAccountName ?? client.subscriptionId.apply((subscriptionId) => deriveStorageAccountName({ ...seed, subscriptionId })),
      redundancy: r.production ? "Standard_GRS" : "Standard_LRS",
      corsOrigins: [urls.webUrl, ...config.storage.extraCorsOrigins],
      softDeleteDays: r.production ? 30 : 7,
      privateEndpoint: endpoint("blob"),
      // The tier default is true on Azure: the app's browser uploads PUT straight to user-delegation SAS URLs.
      publicBlobEndpoint: config.azure.browserUploads ?? true,
    }, child);

    // Least privilege: each identity reads exactly the secrets its env references (one grant per secret, no
    // vault-wide reader). The api and worker also read and write the key-storage secrets and use the blobs.
    const secretIds: Partial<Record<SecretVariable, pulumi.Output<string>>> = { ...keyVault.secretIds, DATABASE_URL: database.databaseUrlSecretId, REDIS_URL: cache.redisUrlSecretId };
    const readReferenced = (service: ContractService): RoleGrant[] =>
      secretVariablesFor(service, config).map((variable) => ({ part: `read-${vaultSecretName(variable)}`, role: "keyVaultSecretsUser", scope: secretIds[variable]! }));
    const runtimeGrants: RoleGrant[] = [
      { part: "keyset-secrets-officer", role: "keyVaultSecretsOfficer", scope: keyVault.keysetSecretId },
      { part: "signing-secrets-officer", role: "keyVaultSecretsOfficer", scope: keyVault.signingSecretId },
      { part: "blob-data-contributor", role: "storageBlobDataContributor", scope: storage.accountId },
      { part: "blob-delegator", role: "storageBlobDelegator", scope: storage.accountId },
    ];
    // A private registry: only the identities whose workloads pull from it may read its password (or pull from the ACR).
    const registryPassword = keyVault.registryPasswordSecret;
    const pullFor = (image: string): RegistryPull<pulumi.Input<string>> | undefined =>
      r.registry && pullsFrom(image, r.registry)
        ? { access: r.registry, ...(registryPassword ? { password: { secretName: REGISTRY_PASSWORD_SECRET_NAME, keyVaultUrl: registryPassword.versionedUri } } : {}) }
        : undefined;
    const imagesOf = (service: ContractService): string[] =>
      service === "web" ? [config.images.web] : service === "migrate" ? [migrationImageOf(config), ...config.migrations.steps.map((s) => s.image ?? migrationImageOf(config))] : [config.images.api];
    const pullGrants = (service: ContractService): RoleGrant[] => {
      if (!r.registry || !imagesOf(service).some((image) => pullsFrom(image, r.registry))) return [];
      return r.registry.kind === "identity"
        ? [{ part: "acr-pull", role: "acrPull", scope: r.registry.registryId }]
        : [{ part: "read-registry-password", role: "keyVaultSecretsUser", scope: registryPassword!.id }];
    };
    const identity = (service: ContractService) =>
      new ServiceIdentity(`${name}-${service}-identity`, {
        ...base,
        subscriptionId: client.subscriptionId,
        grants: [...readReferenced(service), ...pullGrants(service), ...(service === "api" || service === "worker" ? runtimeGrants : [])],
      }, child);
    const identities: Partial<Record<ContractService, ServiceIdentity>> = {};
    for (const service of r.services) identities[service] = identity(service);
    identities.migrate = identity("migrate");

    const contractOutputs: ContractOutputs<pulumi.Output<string>> = {
      webUrl: urls.webUrl,
      apiHost: urls.apiHost,
      ...(urls.apiInternalHost ? { apiInternalHost: urls.apiInternalHost } : {}),
      apiBaseUrl: urls.apiBaseUrl,
      keysetSecretName: pulumi.output(keyVault.keysetSecretName),
      keyVaultUrl: keyVault.vaultUri,
      signingSecretName: pulumi.output(keyVault.signingSecretName),
      blobAccountUrl: storage.blobEndpoint,
      blobContainer: storage.containerName,
      managedIdentityClientIds: Object.fromEntries(Object.entries(identities).map(([s, id]) => [s, id.clientId])),
    };
    const secrets = this.secretRefs(
      { ...keyVault.secretUris, DATABASE_URL: database.databaseUrlSecretUri, REDIS_URL: cache.redisUrlSecretUri },
      { ...keyVault.secretNames, DATABASE_URL: database.databaseUrlSecretName, REDIS_URL: cache.redisUrlSecretName },
    );
    const bindings: ContractBindings<pulumi.Output<string>> = { config, outputs: contractOutputs, secrets, concat: (...parts) => pulumi.concat(...parts) };
    const env = (service: ContractService) => deriveEnvContract(service, bindings);

    const common = { ...base, environmentId: environment.environmentId };
    // Key Vault references, Redis and Blob resolve through private DNS: a workload that starts before the zone
    // groups register the endpoints' A records would resolve the public names and be refused.
    const privateDns = [keyVault.privateDns, cache.privateDns, storage.privateDns];
    const app = (service: "api" | "web" | "worker", extra: Pick<ContainerAppServiceArgs, "ingress" | "probes" | "dependsOn">) => {
      const id = identities[service]!;
      const image = service === "web" ? config.images.web : config.images.api;
      const registry = pullFor(image);
      return new ContainerAppService(`${name}-${service}`, {
        ...common,
        service,
        appName: r.appNames[service],
        image,
        ...(registry ? { registry } : {}),
        cpu: r.sizes[service].cpu,
        memory: r.sizes[service].memory,
        replicas: r.replicas[service],
        environment: env(service),
        identityId: id.id,
        accessGrants: id.roleAssignments,
        // The web's code calls no Azure API: its identity only resolves Key Vault references.
        runtimeIdentity: service !== "web",
        ...extra,
        dependsOn: [...privateDns, ...(extra.dependsOn ?? [])],
      }, child);
    };
    // Held (asc:holdServices): no container app yet; the update after the first migration creates them.
    const held = r.holdServices ?? false;
    const api = held ? undefined : app("api", { ingress: { targetPort: API_PORT, external: r.apiExternal }, probes: apiProbes() });
    if (api && r.apiIngress === "routed") {
      new ApiPublicRoutes(`${name}-api-routes`, {
        resourceGroupName,
        environmentName: environment.environmentName,
        routeName: r.apiRouteName,
        targetAppName: r.appNames.api,
        paths: r.apiPublicPaths,
        dependsOn: [api.app],
      }, child);
    }
    const worker = !held && r.services.includes("worker") ? app("worker", { probes: apiProbes() }) : undefined;
    // The web's readiness proxies the api's, so the web rolls out after the api (app contract: "api before web").
    const web = held ? undefined : app("web", { ingress: { targetPort: WEB_PORT, external: true }, probes: webProbes(), dependsOn: [api!.app] });
    const appName = (service: "api" | "web" | "worker", created: ContainerAppService | undefined) => created?.appName ?? pulumi.output(r.appNames[service]);
    const migrate = identities.migrate;
    const migrationJob = (jobResource: string, jobName: string, image: string, command: readonly string[]) => new MigrationJob(jobResource, {
      ...common,
      jobName,
      image,
      ...(pullFor(image) ? { registry: pullFor(image)! } : {}),
      command,
      cpu: r.sizes.api.cpu,
      memory: r.sizes.api.memory,
      environment: env("migrate"),
      identityId: migrate.id,
      accessGrants: migrate.roleAssignments,
      dependsOn: privateDns,
      timeoutSeconds: config.migrations.timeoutSeconds,
      retryLimit: config.migrations.retryLimit,
    }, child);
    // asc deploy moves the job to the new api image first and the services only once the migration succeeded.
    const job = migrationJob(`${name}-migrate`, r.appNames.migrate, migrationImageOf(config), config.migrations.command);
    // Each release step is a job of its own (an execution override would replace the container's env and secret references).
    const target = (j: MigrationJob) => ({ cloud: "azure" as const, subscriptionId: client.subscriptionId, resourceGroupName: j.resourceGroupName, jobName: j.jobName });
    const steps = config.migrations.steps.map((step) => {
      const image = step.image ?? migrationImageOf(config);
      return { name: step.name, image, command: [...step.command], target: target(migrationJob(`${name}-step-${step.name}`, releaseStepJobName(config.name, step.name), image, step.command)) };
    });

    this.outputs = {
      version: STACK_OUTPUTS_VERSION,
      cloud: "azure",
      tier: config.tier,
      urls: { web: urls.webUrl, api: urls.apiUrl },
      health: this.healthEndpoints(r, urls),
      contract: { outputs: contractOutputs, secrets: secrets as Outputs<StackOutputs>["contract"]["secrets"] },
      migration: target(job),
      ...(steps.length ? { releaseSteps: steps } : {}),
      services: { api: appName("api", api), web: appName("web", web), ...(r.services.includes("worker") ? { worker: appName("worker", worker) } : {}) },
      keysetSeeded: true,
    };
    this.registerOutputs({ outputs: this.outputs });
  }

  /**
   * Host names follow from the environment's default domain and the fixed app names, so the api's env can name
   * the web's URL and the web's env the api's URL without either app existing yet.
   */
  private publicUrls(r: ResolvedAzureBlueprintArgs, defaultDomain: pulumi.Output<string>) {
    const ownHost = defaultDomain.apply((d) => containerAppFqdn(r.appNames.api, d, r.apiExternal));
    // Routed: the public host is the route configuration's (`<route>.<defaultDomain>`), the web calls the internal one.
    const apiHost = r.apiIngress === "routed" ? defaultDomain.apply((d) => `${r.apiRouteName}.${d}`) : ownHost;
    const webHost = r.config.domain ? pulumi.output(r.config.domain.web) : defaultDomain.apply((d) => containerAppFqdn(r.appNames.web, d, true));
    return {
      webUrl: pulumi.interpolate`https://${webHost}`,
      apiUrl: pulumi.interpolate`https://${apiHost}`,
      apiHost,
      apiBaseUrl: pulumi.interpolate`https://${ownHost}`,
      ...(r.apiIngress === "routed" ? { apiInternalHost: ownHost } : {}),
    };
  }

  private secretRefs(uris: Partial<Record<SecretVariable, pulumi.Output<string>>>, names: Partial<Record<SecretVariable, string>>) {
    return Object.fromEntries(
      (Object.entries(uris) as [SecretVariable, pulumi.Output<string>][]).map(([variable, secretUri]) => [
        variable,
        { store: "azure-key-vault", secretUri, secretName: names[variable]! } as SecretRef<pulumi.Output<string>>,
      ]),
    ) as Partial<Record<SecretVariable, SecretRef<pulumi.Output<string>>>>;
  }

  /** The api is only checked from outside when it has a public host; the web's readiness covers it either way. */
  private healthEndpoints(r: ResolvedAzureBlueprintArgs, urls: { webUrl: pulumi.Output<string>; apiUrl: pulumi.Output<string> }): Outputs<HealthEndpoint>[] {
    return [
      ...(r.apiIngress !== "internal"
        ? [
            { service: "api" as const, url: pulumi.interpolate`${urls.apiUrl}/health` },
            { service: "api" as const, url: pulumi.interpolate`${urls.apiUrl}/health/ready` },
          ]
        : []),
      { service: "web", url: pulumi.interpolate`${urls.webUrl}/api/health/ready` },
    ];
  }
}
