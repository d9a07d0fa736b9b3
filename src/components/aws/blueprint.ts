/**
 * AwsBlueprint: the whole AWS reference platform for one profile. Network, ALB, RDS, ElastiCache, S3, KMS +
 * Secrets Manager, ECS Fargate services and the migration task, with every container's env from the contract.
 */
import * as aws from "./sdk.js";
import * as pulumi from "@pulumi/pulumi";
import { migrationImageOf } from "../../config/release-images.js";
import type { BlueprintConfig } from "../../config/schema.js";
import { deriveEnvContract } from "../../contract/derive.js";
import { API_READINESS_PATH, API_VERIFY_PATHS, WEB_HEALTH_CHECK_PATH, WEB_READINESS_PATH } from "../../contract/public-surface.js";
import { hasDedicatedWorker } from "../../contract/topology.js";
import { IMAGE_OF, writablePathsOf } from "../../contract/writable-paths.js";
import type { ContractBindings, ContractOutputs, ContractService, SecretRef, SecretVariable } from "../../contract/types.js";
import { resolveFargateSize, type FargateSize } from "../../sizing/fargate.js";
import { STACK_OUTPUTS_VERSION, type Outputs, type StackOutputs } from "../../contract/stack-outputs.js";
import { buildEd25519Keyset, serializeKeyset } from "../shared/keyset.js";
import { ascTags, generatedSecretSpecs, rotationEpoch } from "../shared/generated-secrets.js";
import { Cache } from "./cache.js";
import { Database } from "./database.js";
import { DnsAliases } from "./dns-aliases.js";
import { DnsValidatedCertificate } from "./dns-certificate.js";
import { FargateService, type FargateServiceName } from "./fargate-service.js";
import { KeyStorage, appTaskRoleStatements } from "./key-storage.js";
import { LoadBalancer } from "./load-balancer.js";
import { LogEncryptionKey } from "./log-encryption-key.js";
import { MigrationTask } from "./migration-task.js";
import { Network } from "./network.js";
import { ObjectStorage } from "./object-storage.js";
import { API_CONTAINER_HEALTH_CHECK, API_PORT, WEB_CONTAINER_HEALTH_CHECK, WEB_PORT, apiTargetHealthMatcher, resolveAwsRouting, type AwsRouting } from "./routing.js";

export const AWS_BLUEPRINT_TYPE = "asc:aws:Blueprint";

export interface AwsBlueprintArgs {
  /** The resolved, validated profile config (cloud "aws"). */
  readonly config: BlueprintConfig;
  /** The profile (stack) name, used in tags. */
  readonly profile: string;
  /** Operator-supplied secret values, by variable; already secret. */
  readonly operatorSecrets: Partial<Record<SecretVariable, pulumi.Input<string>>>;
  /**
   * Seed the signing keyset with a new Ed25519 key. Pass false once the stack's previous outputs have
   * `keysetSeeded: true`: the seed version is then no longer registered (and, retained on delete, stays in the cloud),
   * so neither a later `up` nor a refresh that no longer finds the version puts the original key back.
   * @default true
   */
  readonly seedKeyset?: boolean;
  /** Create the ECS services at 0 tasks (a first deploy's provision, before the first migration). @default false */
  readonly holdServices?: boolean;
}

export interface ResolvedAwsBlueprintArgs extends AwsBlueprintArgs {
  readonly tags: Record<string, string>;
  readonly routing: AwsRouting;
  readonly sizes: Record<FargateServiceName, FargateSize>;
  readonly production: boolean;
  readonly seedKeyset: boolean;
}

/** Pure: tags, routing and task sizes. Throws on a config that is not for AWS or has an impossible size. */
export function resolveAwsBlueprintArgs(args: AwsBlueprintArgs): ResolvedAwsBlueprintArgs {
  const { config } = args;
  if (config.cloud !== "aws") throw new Error(`AwsBlueprint: config.cloud is "${config.cloud}"; use AzureBlueprint for Azure profiles`);
  const size = (service: FargateServiceName): FargateSize => {
    const r = resolveFargateSize(config.services[service].cpu, config.services[service].memoryGiB);
    if (!r.ok) throw new Error(`AwsBlueprint: services.${service}: ${r.reason} (${r.allowed})`);
    return r.size;
  };
  return {
    ...args,
    tags: ascTags(config, args.profile),
    routing: resolveAwsRouting(config),
    sizes: { api: size("api"), web: size("web"), worker: size("worker") },
    production: config.tier === "production",
    seedKeyset: args.seedKeyset ?? true,
  };
}

export class AwsBlueprint extends pulumi.ComponentResource {
  /** The typed stack outputs (URLs, names, ARNs and secret references; no secret values). */
  readonly outputs: Outputs<StackOutputs>;

  constructor(name: string, args: AwsBlueprintArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(AWS_BLUEPRINT_TYPE, name, {}, opts);
    const r = resolveAwsBlueprintArgs(args);
    const { config, tags } = r;
    const child = { parent: this };

    const keys = new KeyStorage(`${name}-keys`, {
      generated: generatedSecretSpecs(config),
      operatorSecrets: r.operatorSecrets,
      signingSecretEpoch: rotationEpoch(config, "signingSecret"),
      kmsDeletionWindowDays: r.production ? 30 : 7,
      secretRecoveryWindowDays: config.tier === "dev" ? 0 : 30,
      ...(r.seedKeyset ? { keysetSeed: pulumi.secret(serializeKeyset(buildEd25519Keyset())) } : {}),
      tags,
    }, child);
    // Every log group asc creates is encrypted with this key (the account-wide RDSOSMetrics group is RDS's own).
    const logsKey = new LogEncryptionKey(`${name}-logs`, { deletionWindowDays: r.production ? 30 : 7, tags }, child);
    const network = new Network(`${name}-network`, {
      cidr: config.network.cidr,
      azCount: config.network.azCount as 2 | 3,
      natGateways: config.network.natGateways,
      containerPorts: [API_PORT, WEB_PORT],
      internalPorts: [API_PORT],
      flowLogs: { retentionDays: config.logs.retentionDays, kmsKeyArn: logsKey.keyArn },
      tags,
    }, child);
    const domain = config.domain;
    // With a hosted zone and no certificate, asc requests one and validates it by DNS.
    const certificate = domain?.hostedZoneId && !domain.certificateArn
      ? new DnsValidatedCertificate(`${name}-certificate`, { hostedZoneId: domain.hostedZoneId, hosts: [domain.web, domain.api], tags }, child)
      : undefined;
    const lb = new LoadBalancer(`${name}-lb`, {
      vpcId: network.vpcId,
      subnetIds: network.publicSubnetIds,
      securityGroupId: network.albSecurityGroupId,
      certificateArn: certificate?.certificateArn ?? domain?.certificateArn,
      allowHttpOnly: config.tier === "dev" && config.devOverrides.httpOnly,
      deletionProtection: r.production,
      accessLogs: r.production,
      tags,
    }, child);
    const urls = this.publicUrls(r.routing, lb.dnsName);
    if (domain?.hostedZoneId) {
      new DnsAliases(`${name}-dns`, { hostedZoneId: domain.hostedZoneId, hosts: { web: domain.web, api: domain.api }, targetDnsName: lb.dnsName, targetZoneId: lb.zoneId }, child);
    }

    const database = new Database(`${name}-db`, {
      subnetIds: config.devOverrides.publicDatabase ? network.publicSubnetIds : network.privateSubnetIds,
      securityGroupId: network.databaseSecurityGroupId,
      kmsKeyArn: keys.kmsKeyArn,
      size: config.database.size,
      storageGiB: config.database.storageGiB,
      engineVersion: config.database.engineVersion,
      multiAz: config.database.highAvailability,
      deletionProtection: config.database.deletionProtection,
      backupRetentionDays: config.database.backupRetentionDays,
      iamAuthentication: config.database.iamAuthentication,
      databaseName: config.database.name,
      username: config.database.username,
      passwordEpoch: rotationEpoch(config, "databasePassword"),
      ...(config.devOverrides.publicDatabase ? { publicAccess: { cidrs: ["0.0.0.0/0"] }, allowPublicAccess: config.tier === "dev" } : {}),
      finalSnapshot: config.database.deletionProtection,
      applyImmediately: config.database.applyImmediately,
      logRetentionDays: config.logs.retentionDays,
      logKmsKeyArn: logsKey.keyArn,
      monitoringIntervalSeconds: config.database.monitoringIntervalSeconds,
      secretRecoveryWindowDays: config.tier === "dev" ? 0 : 30,
      tags,
    }, child);
    const cache = new Cache(`${name}-cache`, {
      subnetIds: network.privateSubnetIds,
      securityGroupId: network.cacheSecurityGroupId,
      kmsKeyArn: keys.kmsKeyArn,
      size: config.cache.size,
      engineVersion: config.cache.engineVersion,
      highAvailability: config.cache.highAvailability,
      authTokenEpoch: rotationEpoch(config, "redisAuthToken"),
      secretRecoveryWindowDays: config.tier === "dev" ? 0 : 30,
      tags,
    }, child);
    const storage = new ObjectStorage(`${name}-storage`, {
      kmsKeyArn: keys.kmsKeyArn,
      corsOrigins: [urls.webUrl, ...config.storage.extraCorsOrigins],
      forceDestroy: config.tier === "dev" && config.devOverrides.forceDestroyStorage,
      accessLogs: { retentionDays: config.logs.retentionDays },
      tags,
    }, child);
    const cluster = new aws.ecs.Cluster(`${name}-cluster`, { settings: [{ name: "containerInsights", value: "enabled" }], tags }, child);
    // Service Connect needs a Cloud Map namespace; an HTTP namespace creates no Route 53 zone.
    const namespace = new aws.servicediscovery.HttpNamespace(`${name}-namespace`, { name: r.routing.internalApi.namespace, description: "asc: the web reaches the api through ECS Service Connect", tags }, child);
    const internal = r.routing.internalApi;

    const contractOutputs: ContractOutputs<pulumi.Output<string>> = {
      webUrl: urls.webUrl,
      apiHost: urls.apiHost,
      // The web calls the api over Service Connect, not through the ALB: no public DNS needed and no NAT hairpin.
      apiBaseUrl: pulumi.output(internal.url),
      apiInternalHost: pulumi.output(internal.host),
      keysetSecretName: keys.keysetSecretName,
      signingSecretArn: keys.signingSecretArn,
      bucketName: storage.bucketName,
    };
    // Versioned references: a rotated value changes exactly the task definitions that reference it (secret-value.ts).
    const secretArns: Partial<Record<SecretVariable, pulumi.Output<string>>> = { ...keys.secretValueFroms, DATABASE_URL: database.databaseUrlValueFrom, REDIS_URL: cache.redisUrlValueFrom };
    const secrets = Object.fromEntries(Object.entries(secretArns).map(([k, arn]) => [k, { store: "aws-secrets-manager", arn } as SecretRef<pulumi.Output<string>>]));
    const bindings: ContractBindings<pulumi.Output<string>> = { config, outputs: contractOutputs, secrets, concat: (...parts) => pulumi.concat(...parts) };
    const env = (service: ContractService) => deriveEnvContract(service, bindings);
    const appStatements = appTaskRoleStatements({ signingSecretArn: keys.signingSecretArn, keysetSecretArn: keys.keysetSecretArn, bucketArn: storage.bucketArn, kmsKeyArn: keys.kmsKeyArn });
    const common = {
      clusterArn: cluster.arn,
      kmsKeyArn: keys.kmsKeyArn,
      region: config.region,
      subnetIds: network.privateSubnetIds,
      securityGroupIds: [network.serviceSecurityGroupId],
      logRetentionDays: config.logs.retentionDays,
      logKmsKeyArn: logsKey.keyArn,
      registryCredentials: config.aws.registryCredentials,
      tags,
    };
    const service = (svc: FargateServiceName, extra: Partial<ConstructorParameters<typeof FargateService>[1]>) =>
      new FargateService(`${name}-${svc}`, {
        ...common,
        serviceName: svc,
        image: svc === "web" ? config.images.web : config.images.api,
        cpuUnits: r.sizes[svc].cpuUnits,
        memoryMiB: r.sizes[svc].memoryMiB,
        desiredCount: config.services[svc].replicas,
        hold: r.holdServices ?? false,
        environment: env(svc),
        writablePaths: writablePathsOf(svc),
        writableRootFilesystem: config.aws.writableRootFilesystem?.includes(IMAGE_OF[svc]) ?? false,
        ...extra,
      }, child);

    const api = service("api", {
      containerPort: API_PORT,
      taskRoleStatements: appStatements,
      containerHealthCheck: { command: API_CONTAINER_HEALTH_CHECK },
      loadBalancer: { vpcId: network.vpcId, listenerArn: lb.listenerArn, priority: r.routing.api.priority, conditions: r.routing.api, healthCheckPath: API_READINESS_PATH, healthCheckMatcher: apiTargetHealthMatcher(config) },
      serviceConnect: { namespaceArn: namespace.arn, server: { portName: internal.portName, discoveryName: internal.discoveryName, dnsName: internal.host, port: internal.port } },
    });
    const worker = hasDedicatedWorker(config)
      ? service("worker", { taskRoleStatements: appStatements, containerHealthCheck: { command: API_CONTAINER_HEALTH_CHECK } })
      : undefined;
    // The web rolls out after the api (its readiness proxies the api's): the api service waits for steady state.
    const web = service("web", {
      containerPort: WEB_PORT,
      containerHealthCheck: { command: WEB_CONTAINER_HEALTH_CHECK },
      loadBalancer: { vpcId: network.vpcId, listenerArn: lb.listenerArn, priority: r.routing.web.priority, conditions: r.routing.web, healthCheckPath: WEB_HEALTH_CHECK_PATH },
      serviceConnect: { namespaceArn: namespace.arn },
      rolloutAfter: [api],
    });
    const migrationTask = (taskName: string, image: string, command: readonly string[], family?: string) => new MigrationTask(taskName, {
      image,
      command,
      ...(family ? { family } : {}),
      environment: env("migrate"),
      cpuUnits: r.sizes.api.cpuUnits,
      memoryMiB: r.sizes.api.memoryMiB,
      kmsKeyArn: keys.kmsKeyArn,
      region: config.region,
      logRetentionDays: config.logs.retentionDays,
      logKmsKeyArn: logsKey.keyArn,
      clusterArn: cluster.arn,
      subnetIds: network.privateSubnetIds,
      securityGroupId: network.migrationSecurityGroupId,
      // No task-role grants: a migration needs only DATABASE_URL, which the execution role injects (app-contract.md,
      // "Migrations"), not the app's S3 and secret-write access.
      registryCredentials: config.aws.registryCredentials,
      writablePaths: writablePathsOf("migrate"),
      writableRootFilesystem: config.aws.writableRootFilesystem?.includes(IMAGE_OF.migrate) ?? false,
      tags,
    }, child);
    // In release mode asc deploy moves the migration to the new image before the services (migrationImage).
    const migration = migrationTask(`${name}-migrate`, migrationImageOf(config), config.migrations.command);
    // Each release step is a task definition of its own (RunTask cannot override the image), run after the migration.
    const steps = config.migrations.steps.map((step) => {
      const image = step.image ?? migrationImageOf(config);
      const task = migrationTask(`${name}-step-${step.name}`, image, step.command, `${name}-step-${step.name}`);
      return { name: step.name, image, command: [...step.command], target: this.migrationTarget(config.region, task) };
    });

    this.outputs = {
      version: STACK_OUTPUTS_VERSION,
      cloud: "aws",
      tier: config.tier,
      urls: { web: urls.webUrl, api: urls.apiUrl },
      health: [
        ...API_VERIFY_PATHS.map((path) => ({ service: "api" as const, url: pulumi.interpolate`${urls.apiUrl}${path}` })),
        { service: "web", url: pulumi.interpolate`${urls.webUrl}${WEB_READINESS_PATH}` },
      ],
      contract: { outputs: contractOutputs, secrets: secrets as Outputs<StackOutputs>["contract"]["secrets"] },
      migration: this.migrationTarget(config.region, migration),
      ...(steps.length ? { releaseSteps: steps } : {}),
      services: { api: api.serviceName, web: web.serviceName, ...(worker ? { worker: worker.serviceName } : {}) },
      keysetSeeded: true,
      publicEndpoint: lb.dnsName,
    };
    this.registerOutputs({ outputs: this.outputs });
  }

  private migrationTarget(region: string, task: MigrationTask) {
    return {
      cloud: "aws" as const,
      region,
      clusterArn: task.clusterArn,
      taskDefinitionArn: task.taskDefinitionArn,
      containerName: task.containerName,
      subnetIds: task.subnetIds,
      securityGroupIds: task.securityGroupIds,
      logGroupName: task.logGroupName,
      logStreamPrefix: task.logStreamPrefix,
    };
  }

  private publicUrls(routing: AwsRouting, albDnsName: pulumi.Output<string>) {
    const webHost = routing.webHost ? pulumi.output(routing.webHost) : albDnsName;
    const apiHost = routing.apiHost ? pulumi.output(routing.apiHost) : albDnsName;
    return {
      webUrl: pulumi.interpolate`${routing.scheme}://${webHost}`,
      apiUrl: pulumi.interpolate`${routing.scheme}://${apiHost}`,
      apiHost,
    };
  }
}
