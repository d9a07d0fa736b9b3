/**
 * FargateService: one app service (api, web or the dedicated worker) on ECS Fargate in private subnets, with its
 * env from the env contract (secrets by ARN, never by value), optionally behind a listener rule of a shared ALB.
 * Deployments roll with a circuit breaker that rolls back, and `pulumi up` waits for steady state.
 */
import * as aws from "./sdk.js";
import * as pulumi from "@pulumi/pulumi";
import type { EnvEntry } from "../../contract/types.js";
import { HOLD_FIRST_DEPLOY, HOLD_TAG } from "../../config/hold.js";
import { checkLogRetentionDays, checkNonRootUser, createTaskResources, DEFAULT_CONTAINER_USER, DEFAULT_WRITABLE_PATH, definedOnly, type ContainerHealthCheck, type IamStatement } from "./task-definition.js";
import type { RegistryCredentials } from "./image-pull.js";

export const FARGATE_SERVICE_TYPE = "asc:aws:FargateService";

export type FargateServiceName = "api" | "web" | "worker";

/** Routing from a shared ALB listener to this service. */
export interface FargateLoadBalancerArgs {
  readonly vpcId: pulumi.Input<string>;
  /** The HTTPS (or, in dev, HTTP) listener the rule is added to. */
  readonly listenerArn: pulumi.Input<string>;
  /** Listener rule priority, unique per listener (1 to 50000; lower wins). */
  readonly priority: number;
  /** At least one host header or path pattern. @example { hostHeaders: ["api.example.com"] } */
  readonly conditions: {
    readonly hostHeaders?: readonly pulumi.Input<string>[];
    readonly pathPatterns?: readonly pulumi.Input<string>[];
  };
  /** @example "/health/ready" */
  readonly healthCheckPath: string;
  /** HTTP codes the target-group health check accepts. @default "200" */
  readonly healthCheckMatcher?: string;
}

/**
 * ECS Service Connect: the service joins a Cloud Map HTTP namespace, and ECS adds its proxy to each task. A client
 * (no `server`) reaches the namespace's servers by their client aliases; a server also publishes one.
 */
export interface FargateServiceConnectArgs {
  /** ARN of the `aws.servicediscovery.HttpNamespace`. */
  readonly namespaceArn: pulumi.Input<string>;
  /** @default - client only */
  readonly server?: {
    /** Name given to the container's port mapping; Service Connect refers to it. @example "http" */
    readonly portName: string;
    /** @example "api" */
    readonly discoveryName: string;
    /** @example "api.asc-prod.internal" */
    readonly dnsName: string;
    /** Port clients connect to (the container port, so the app needs no change). */
    readonly port: number;
  };
}

export interface FargateServiceArgs {
  readonly clusterArn: pulumi.Input<string>;
  /** Which app service this is; also the container name and the log stream prefix. */
  readonly serviceName: FargateServiceName;
  /** Image reference, pinned by digest outside dev. */
  readonly image: pulumi.Input<string>;
  /** Port the container listens on. @default - none: the container serves nothing (the worker) */
  readonly containerPort?: number;
  /** Task CPU units, already validated by src/sizing/fargate.ts. */
  readonly cpuUnits: number;
  /** Task memory in MiB, already validated by src/sizing/fargate.ts. */
  readonly memoryMiB: number;
  readonly desiredCount: number;
  /**
   * Create the service at 0 tasks, tagged `asc-hold: first-deploy` (the policies accept the hold by that tag);
   * the next update without it starts `desiredCount` tasks. @default false
   */
  readonly hold?: boolean;
  /** The service's env contract (deriveEnvContract). Secret entries must reference Secrets Manager ARNs. */
  readonly environment: readonly EnvEntry<pulumi.Input<string>>[];
  /** Key that encrypts the referenced secrets; the execution role may decrypt with it. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Region of the log group, for the awslogs driver. */
  readonly region: pulumi.Input<string>;
  /** Private subnets the tasks run in. */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  readonly securityGroupIds: pulumi.Input<pulumi.Input<string>[]>;
  /** One of CloudWatch Logs' retention values. */
  readonly logRetentionDays: number;
  /**
   * KMS key of the task's log group; its key policy must let CloudWatch Logs use it (LogEncryptionKey).
   * @default - CloudWatch Logs' own encryption
   */
  readonly logKmsKeyArn?: pulumi.Input<string>;
  /** What the app itself may do (task role). @default - a task role with no permissions */
  readonly taskRoleStatements?: pulumi.Input<IamStatement[]>;
  /**
   * Credentials for an image outside ECR (a private GHCR package, say): the container gets `repositoryCredentials`
   * and the execution role may read the secret. An ECR image ignores them.
   * @default - none: an image outside ECR is pulled anonymously
   */
  readonly registryCredentials?: RegistryCredentials;
  /**
   * Paths mounted writable on their own task volumes (the root filesystem is read-only). The image must declare each
   * as a `VOLUME` owned by its uid (src/contract/writable-paths.ts).
   * @default ["/tmp"]
   */
  readonly writablePaths?: readonly string[];
  /**
   * The tier-limited exemption for an image that cannot run read-only: the root filesystem stays writable and the
   * container carries the `asc.exemption.writable-root-filesystem` label, which the policy refuses in production.
   * @default false
   */
  readonly writableRootFilesystem?: boolean;
  /** Numeric uid (or `uid:gid`) the container runs as; root is refused. @default "10001" */
  readonly user?: string;
  /** Overrides the image's command. @default - the image's CMD */
  readonly command?: readonly string[];
  /** @default - no load balancer */
  readonly loadBalancer?: FargateLoadBalancerArgs;
  /** Seconds ECS ignores failing LB health checks after a task starts; only with a load balancer. @default 60 with a load balancer */
  readonly healthCheckGracePeriodSeconds?: number;
  /**
   * Resources the ECS service is created and updated after, e.g. the api's FargateService for the web, so the web
   * rolls out only once the api has reached steady state. (A component's own `dependsOn` does not reach its
   * children's registrations, so this goes on the service itself.)
   * @default []
   */
  readonly rolloutAfter?: readonly pulumi.Resource[];
  /** @default - no Service Connect */
  readonly serviceConnect?: FargateServiceConnectArgs;
  /** @default - no container health check */
  readonly containerHealthCheck?: ContainerHealthCheck;
  /** Task definition family. @default - the component name */
  readonly family?: string;
  /** Tags for every taggable child. @default {} */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export interface ResolvedFargateServiceArgs extends FargateServiceArgs {
  readonly user: string;
  readonly loadBalancer?: FargateLoadBalancerArgs & { readonly healthCheckMatcher: string };
  readonly tags: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

const DEFAULT_GRACE_PERIOD_SECONDS = 60;

/** Applies defaults and rejects conflicting or impossible arguments, naming them. Pure. */
export function resolveFargateServiceArgs(args: FargateServiceArgs): ResolvedFargateServiceArgs {
  const base = { user: DEFAULT_CONTAINER_USER, tags: {}, ...definedOnly(args) } as ResolvedFargateServiceArgs;
  const where = `FargateService ${args.serviceName}`;
  checkNonRootUser(base.user, `${where} user`);
  checkLogRetentionDays(base.logRetentionDays, `${where} logRetentionDays`);
  if (!Number.isInteger(base.desiredCount) || base.desiredCount < 0) {
    throw new Error(`${where} desiredCount: ${base.desiredCount} is not a whole number of tasks; pass 0 or more.`);
  }
  if (base.containerPort !== undefined && (!Number.isInteger(base.containerPort) || base.containerPort < 1 || base.containerPort > 65535)) {
    throw new Error(`${where} containerPort: ${base.containerPort} is not a TCP port; allowed: 1 to 65535.`);
  }
  if (base.serviceConnect?.server && base.containerPort === undefined) {
    throw new Error(`${where}: serviceConnect.server needs containerPort, the port its port mapping names. Pass containerPort or drop serviceConnect.server.`);
  }
  if (!base.loadBalancer) {
    if (base.healthCheckGracePeriodSeconds !== undefined) {
      throw new Error(`${where}: healthCheckGracePeriodSeconds (${base.healthCheckGracePeriodSeconds}) needs loadBalancer; ECS only applies it to load-balancer health checks. Drop it or add loadBalancer.`);
    }
    return base;
  }
  const lb = base.loadBalancer;
  if (base.containerPort === undefined) {
    throw new Error(`${where}: loadBalancer needs containerPort, the port the target group forwards to. Pass containerPort or drop loadBalancer.`);
  }
  if ((lb.conditions.hostHeaders?.length ?? 0) + (lb.conditions.pathPatterns?.length ?? 0) === 0) {
    throw new Error(`${where} loadBalancer.conditions: no host header or path pattern; a listener rule needs at least one. Pass hostHeaders or pathPatterns.`);
  }
  if (!Number.isInteger(lb.priority) || lb.priority < 1 || lb.priority > 50000) {
    throw new Error(`${where} loadBalancer.priority: ${lb.priority} is not a listener rule priority; allowed: whole numbers from 1 to 50000.`);
  }
  return {
    ...base,
    healthCheckGracePeriodSeconds: base.healthCheckGracePeriodSeconds ?? DEFAULT_GRACE_PERIOD_SECONDS,
    loadBalancer: { healthCheckMatcher: "200", ...definedOnly(lb) } as FargateLoadBalancerArgs & { healthCheckMatcher: string },
  };
}

/** The service's `serviceConnectConfiguration` (exactly one client alias per server entry, as ECS requires). Pure. */
export function serviceConnectConfiguration(sc: FargateServiceConnectArgs): aws.types.input.ecs.ServiceServiceConnectConfiguration {
  const server = sc.server;
  return {
    enabled: true,
    namespace: sc.namespaceArn,
    ...(server ? { services: [{ portName: server.portName, discoveryName: server.discoveryName, clientAlias: [{ port: server.port, dnsName: server.dnsName }] }] } : {}),
  };
}

interface Routing {
  readonly targetGroup: aws.lb.TargetGroup;
  readonly listenerRule: aws.lb.ListenerRule;
}

export class FargateService extends pulumi.ComponentResource {
  /** The ECS service name. */
  readonly serviceName: pulumi.Output<string>;
  readonly serviceArn: pulumi.Output<string>;
  readonly taskDefinitionArn: pulumi.Output<string>;
  /** Present only with a load balancer. */
  readonly targetGroupArn?: pulumi.Output<string>;
  readonly logGroupName: pulumi.Output<string>;
  readonly executionRoleArn: pulumi.Output<string>;
  readonly taskRoleArn: pulumi.Output<string>;

  constructor(name: string, args: FargateServiceArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(FARGATE_SERVICE_TYPE, name, {}, opts);
    const resolved = resolveFargateServiceArgs(args);

    const task = createTaskResources(
      name,
      {
        family: resolved.family ?? name,
        containerName: resolved.serviceName,
        image: resolved.image,
        user: resolved.user,
        command: resolved.command,
        containerPort: resolved.containerPort,
        portName: resolved.serviceConnect?.server?.portName,
        environment: resolved.environment,
        cpuUnits: resolved.cpuUnits,
        memoryMiB: resolved.memoryMiB,
        kmsKeyArn: resolved.kmsKeyArn,
        region: resolved.region,
        logRetentionDays: resolved.logRetentionDays,
        logKmsKeyArn: resolved.logKmsKeyArn,
        logStreamPrefix: resolved.serviceName,
        taskRoleStatements: resolved.taskRoleStatements,
        registryCredentials: resolved.registryCredentials,
        writablePaths: resolved.writablePaths ?? [DEFAULT_WRITABLE_PATH],
        writableRootFilesystem: resolved.writableRootFilesystem,
        healthCheck: resolved.containerHealthCheck,
        tags: resolved.tags,
      },
      this,
    );
    const routing = resolved.loadBalancer ? this.createRouting(name, resolved, resolved.loadBalancer) : undefined;
    const service = this.createService(name, resolved, task.taskDefinition, routing);

    this.serviceName = service.name;
    this.serviceArn = service.arn;
    this.taskDefinitionArn = task.taskDefinition.arn;
    this.targetGroupArn = routing?.targetGroup.arn;
    this.logGroupName = task.logGroup.name;
    this.executionRoleArn = task.executionRole.arn;
    this.taskRoleArn = task.taskRole.arn;
    this.registerOutputs({
      serviceName: this.serviceName,
      serviceArn: this.serviceArn,
      taskDefinitionArn: this.taskDefinitionArn,
      targetGroupArn: this.targetGroupArn,
      logGroupName: this.logGroupName,
      executionRoleArn: this.executionRoleArn,
      taskRoleArn: this.taskRoleArn,
    });
  }

  private createRouting(name: string, args: ResolvedFargateServiceArgs, lb: FargateLoadBalancerArgs & { healthCheckMatcher: string }): Routing {
    // Short logical name: target group names are limited to 32 characters, auto-name suffix included.
    const targetGroup = new aws.lb.TargetGroup(
      `${name}-tg`,
      {
        targetType: "ip",
        protocol: "HTTP",
        port: args.containerPort,
        vpcId: lb.vpcId,
        deregistrationDelay: 30,
        healthCheck: { path: lb.healthCheckPath, matcher: lb.healthCheckMatcher, interval: 10, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 3 },
        tags: args.tags,
      },
      { parent: this },
    );
    const conditions: aws.types.input.lb.ListenerRuleCondition[] = [];
    if (lb.conditions.hostHeaders?.length) conditions.push({ hostHeader: { values: [...lb.conditions.hostHeaders] } });
    if (lb.conditions.pathPatterns?.length) conditions.push({ pathPattern: { values: [...lb.conditions.pathPatterns] } });
    const listenerRule = new aws.lb.ListenerRule(
      `${name}-listener-rule`,
      { listenerArn: lb.listenerArn, priority: lb.priority, actions: [{ type: "forward", targetGroupArn: targetGroup.arn }], conditions, tags: args.tags },
      { parent: this },
    );
    return { targetGroup, listenerRule };
  }

  private createService(name: string, args: ResolvedFargateServiceArgs, taskDefinition: aws.ecs.TaskDefinition, routing: Routing | undefined): aws.ecs.Service {
    return new aws.ecs.Service(
      `${name}-service`,
      {
        cluster: args.clusterArn,
        taskDefinition: taskDefinition.arn,
        launchType: "FARGATE",
        platformVersion: "LATEST",
        desiredCount: args.hold ? 0 : args.desiredCount,
        networkConfiguration: { subnets: args.subnetIds, securityGroups: args.securityGroupIds, assignPublicIp: false },
        deploymentCircuitBreaker: { enable: true, rollback: true },
        deploymentMinimumHealthyPercent: 100,
        deploymentMaximumPercent: 200,
        healthCheckGracePeriodSeconds: routing ? args.healthCheckGracePeriodSeconds : undefined,
        serviceConnectConfiguration: args.serviceConnect ? serviceConnectConfiguration(args.serviceConnect) : undefined,
        loadBalancers: routing ? [{ targetGroupArn: routing.targetGroup.arn, containerName: args.serviceName, containerPort: args.containerPort! }] : [],
        waitForSteadyState: true,
        propagateTags: "SERVICE",
        enableExecuteCommand: false,
        tags: args.hold ? pulumi.output(args.tags).apply((t) => ({ ...t, [HOLD_TAG]: HOLD_FIRST_DEPLOY })) : args.tags,
      },
      // ECS refuses a target group that no listener forwards to yet.
      { parent: this, dependsOn: [...(routing ? [routing.listenerRule] : []), ...(args.rolloutAfter ?? [])] },
    );
  }
}
