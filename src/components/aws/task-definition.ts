/**
 * The ECS task pieces shared by FargateService and MigrationTask, so both build containers the same way:
 * - pure helpers: the env-contract split into `environment`/`secrets`, the container definition, and the
 *   least-privilege execution-role policy;
 * - `createTaskResources()`: the log group, execution role, task role and task definition, created as children
 *   of whichever component calls it.
 */
import * as aws from "./sdk.js";
import * as pulumi from "@pulumi/pulumi";
import type { EnvEntry } from "../../contract/types.js";
import { WRITABLE_ROOT_FILESYSTEM_LABEL } from "../../contract/writable-paths.js";
import { imagePullStatements, repositoryCredentialsFor, type RegistryCredentials } from "./image-pull.js";

/** One IAM policy statement, as JSON (strings resolved). */
export interface IamStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export interface IamPolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly IamStatement[];
}

/** `args` without its undefined fields, so `{ ...defaults, ...definedOnly(args) }` keeps a default for an explicit `undefined`. */
export function definedOnly<T extends object>(args: T): Partial<T> {
  return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The writable path a container gets unless told otherwise. */
export const DEFAULT_WRITABLE_PATH = "/tmp";

/** The task volume mounted at /tmp. */
export const TMP_VOLUME_NAME = "tmp";

/**
 * The task volume for a writable path: an empty Fargate bind mount (a volume with no `host`), named after the path
 * (`/tmp` → `tmp`, `/app/.next/cache` → `app-next-cache`). See src/contract/writable-paths.ts for why the image must
 * declare the path as a `VOLUME` owned by its uid. Pure.
 */
export function volumeNameFor(path: string): string {
  if (!/^\/[A-Za-z0-9._/-]+$/.test(path) || path.includes("..")) {
    throw new Error(`writable path ${JSON.stringify(path)} is not an absolute container path; pass one such as "/tmp".`);
  }
  return path.split("/").map((part) => part.replace(/^\.+/, "")).filter(Boolean).join("-").replace(/[^A-Za-z0-9_-]/g, "-");
}


/** Retention values CloudWatch Logs accepts (0 = never expire). */
export const CLOUDWATCH_RETENTION_DAYS = [0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** A container's env split the way ECS wants it: plain values in `environment`, secret references in `secrets`. */
export interface ContainerEnvironment<V> {
  readonly environment: { readonly name: string; readonly value: V | string }[];
  readonly secrets: { readonly name: string; readonly valueFrom: V }[];
}

/**
 * Splits env-contract entries for an ECS container. Literals and outputs become `environment`; secret references
 * become `secrets` with `valueFrom` = the Secrets Manager ARN, so ECS injects the value at start and the task
 * definition never holds it.
 */
export function toContainerEnvironment<V>(entries: readonly EnvEntry<V>[]): ContainerEnvironment<V> {
  const seen = new Set<string>();
  const environment: { name: string; value: V | string }[] = [];
  const secrets: { name: string; valueFrom: V }[] = [];
  for (const entry of entries) {
    if (seen.has(entry.name)) {
      throw new Error(`env contract: ${entry.name} appears twice; ECS would keep only one of the values. Pass each variable once.`);
    }
    seen.add(entry.name);
    if (entry.source !== "secret") {
      environment.push({ name: entry.name, value: entry.value });
    } else if (entry.ref.store === "aws-secrets-manager") {
      secrets.push({ name: entry.name, valueFrom: entry.ref.arn });
    } else {
      throw new Error(
        `env contract: ${entry.name} references a secret in ${entry.ref.store} (${entry.ref.secretName}); an ECS task can only read ` +
          `secrets from aws-secrets-manager. Bind ${entry.name} to an aws-secrets-manager reference.`,
      );
    }
  }
  return { environment, secrets };
}

/** The secret's own ARN from a `valueFrom`, dropping any `:json-key:version-stage:version-id` suffix. */
export function secretArnOf(valueFrom: string): string {
  return valueFrom.split(":").slice(0, 7).join(":");
}

/** An ECS container health check (`CMD-SHELL` or `CMD` form). */
export interface ContainerHealthCheck {
  /** @example ["CMD-SHELL", "curl -fsS http://127.0.0.1:8000/health || exit 1"] */
  readonly command: readonly string[];
}

export interface ContainerDefinitionSpec<V> {
  readonly name: string;
  readonly image: V;
  /** Numeric uid (optionally `uid:gid`) the process runs as. */
  readonly user: string;
  readonly command?: readonly string[];
  /** Omitted for containers that serve nothing (worker, migrations). */
  readonly containerPort?: number;
  /** Names the port mapping (Service Connect refers to it); the app protocol is then HTTP. */
  readonly portName?: string;
  readonly env: ContainerEnvironment<V>;
  readonly logGroupName: V;
  readonly region: V;
  readonly logStreamPrefix: string;
  readonly healthCheck?: ContainerHealthCheck;
  /** Absolute paths mounted writable (each on its own task volume, `volumeNameFor(path)`). */
  readonly writablePaths: readonly string[];
  /** The tier-limited exemption: the root filesystem stays writable, and the container carries the label. @default false */
  readonly writableRootFilesystem?: boolean;
}

/** The container definition object (serialize a list of them for `containerDefinitions`). */
export function containerDefinition<V>(spec: ContainerDefinitionSpec<V>): Record<string, unknown> {
  return {
    name: spec.name,
    image: spec.image,
    essential: true,
    user: spec.user,
    readonlyRootFilesystem: spec.writableRootFilesystem !== true,
    privileged: false,
    ...(spec.command ? { command: [...spec.command] } : {}),
    portMappings:
      spec.containerPort === undefined ? [] : [{ containerPort: spec.containerPort, protocol: "tcp", ...(spec.portName ? { name: spec.portName, appProtocol: "http" } : {}) }],
    environment: spec.env.environment,
    secrets: spec.env.secrets,
    logConfiguration: {
      logDriver: "awslogs",
      options: { "awslogs-group": spec.logGroupName, "awslogs-region": spec.region, "awslogs-stream-prefix": spec.logStreamPrefix },
    },
    mountPoints: spec.writablePaths.map((path) => ({ sourceVolume: volumeNameFor(path), containerPath: path, readOnly: false })),
    linuxParameters: { initProcessEnabled: true },
    ...(spec.healthCheck ? { healthCheck: { command: [...spec.healthCheck.command] } } : {}),
    ...(spec.writableRootFilesystem ? { dockerLabels: { [WRITABLE_ROOT_FILESYSTEM_LABEL]: "the image cannot run with a read-only root filesystem (not allowed in production)" } } : {}),
  };
}

/** What the execution role's policy is built from. */
export interface ExecutionRoleInputs {
  /** `valueFrom` of every secret the container references. */
  readonly secretArns: readonly string[];
  /** The key those secrets are encrypted with. */
  readonly kmsKeyArn: string;
  readonly logGroupArn: string;
  /** The task's image: ECR grants only for an ECR image. */
  readonly image: string;
  /** @default - none: an image outside ECR is pulled anonymously */
  readonly registryCredentials?: RegistryCredentials;
}

/**
 * What the ECS agent needs to start the task: pull the image (ECR grants only for an ECR image, else the registry
 * credentials secret when given), write logs to this log group, and read exactly the secrets the container references
 * (plus decrypt them with the key). Nothing for the app itself: that is the task role.
 */
export function executionRolePolicy(inputs: ExecutionRoleInputs): IamPolicyDocument {
  const secrets = [...new Set(inputs.secretArns.map(secretArnOf))].sort();
  const statements: IamStatement[] = [
    ...imagePullStatements(inputs.image, inputs.registryCredentials),
    { Sid: "WriteLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [inputs.logGroupArn, `${inputs.logGroupArn}:log-stream:*`] },
  ];
  // A statement with no resources is invalid, and with no secrets the key is not needed.
  if (secrets.length > 0) {
    statements.push(
      { Sid: "ReadReferencedSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: secrets },
      { Sid: "DecryptReferencedSecrets", Effect: "Allow", Action: ["kms:Decrypt"], Resource: [inputs.kmsKeyArn] },
    );
  }
  return { Version: "2012-10-17", Statement: statements };
}

/** The container definition with `repositoryCredentials` when its image is outside ECR and credentials are given. */
export function withRepositoryCredentials(container: Record<string, unknown>, credentials: RegistryCredentials | undefined): Record<string, unknown> {
  const repositoryCredentials = repositoryCredentialsFor(String(container.image), credentials);
  return repositoryCredentials ? { ...container, repositoryCredentials } : container;
}

/** Trust policy for roles ECS tasks assume, limited to this account (confused-deputy guard). */
export function ecsTasksTrustPolicy(accountId: string): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": accountId } } },
    ],
  };
}

/** Throws unless `days` is a retention CloudWatch Logs accepts. `path` names the argument in the message. */
export function checkLogRetentionDays(days: number, path: string): void {
  if (!(CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(days)) {
    throw new Error(`${path}: ${days} is not a CloudWatch Logs retention; allowed: ${CLOUDWATCH_RETENTION_DAYS.join(", ")}. Pick one of those values.`);
  }
}

/** The uid containers run as unless told otherwise (the app images' non-root user). */
export const DEFAULT_CONTAINER_USER = "10001";

/** Throws when `user` would run the container as root. */
export function checkNonRootUser(user: string, path: string): void {
  if (!/^[1-9]\d*(:\d+)?$/.test(user)) {
    throw new Error(`${path}: "${user}" is not a non-root numeric user; allowed: a uid other than 0, optionally uid:gid (e.g. "10001"). Pass the image's app uid.`);
  }
}

/** Everything `createTaskResources` needs; the components resolve their defaults before calling it. */
export interface TaskResourcesSpec {
  readonly family: string;
  readonly containerName: string;
  readonly image: pulumi.Input<string>;
  readonly user: string;
  readonly command?: readonly string[];
  readonly containerPort?: number;
  readonly portName?: string;
  readonly environment: readonly EnvEntry<pulumi.Input<string>>[];
  readonly cpuUnits: number;
  readonly memoryMiB: number;
  readonly kmsKeyArn: pulumi.Input<string>;
  readonly region: pulumi.Input<string>;
  readonly logRetentionDays: number;
  /** KMS key of the log group; its key policy must let CloudWatch Logs use it. @default - CloudWatch Logs' own encryption */
  readonly logKmsKeyArn?: pulumi.Input<string>;
  readonly logStreamPrefix: string;
  readonly taskRoleStatements?: pulumi.Input<IamStatement[]>;
  readonly healthCheck?: ContainerHealthCheck;
  /** Credentials for an image outside ECR. @default - none */
  readonly registryCredentials?: RegistryCredentials;
  /** Paths mounted writable; the image declares each as a `VOLUME` owned by its uid. */
  readonly writablePaths: readonly string[];
  /** @default false */
  readonly writableRootFilesystem?: boolean;
  readonly tags: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export interface TaskResources {
  readonly logGroup: aws.cloudwatch.LogGroup;
  readonly executionRole: aws.iam.Role;
  readonly taskRole: aws.iam.Role;
  readonly taskDefinition: aws.ecs.TaskDefinition;
}

/**
 * Creates the log group, the execution role (least privilege), the task role and the Fargate task definition as
 * children of `parent`, named `${name}-logs`, `${name}-execution-role`, `${name}-execution-policy`,
 * `${name}-task-role`, `${name}-task-policy` and `${name}-task-definition`.
 */
export function createTaskResources(name: string, spec: TaskResourcesSpec, parent: pulumi.Resource): TaskResources {
  const env = toContainerEnvironment(spec.environment);
  // The writers (the awslogs driver through the execution role) need no KMS grant: CloudWatch Logs encrypts.
  const logGroup = new aws.cloudwatch.LogGroup(
    `${name}-logs`,
    { retentionInDays: spec.logRetentionDays, ...(spec.logKmsKeyArn ? { kmsKeyId: spec.logKmsKeyArn } : {}), tags: spec.tags },
    { parent },
  );

  const accountId = aws.getCallerIdentityOutput({}, { parent }).accountId;
  const trustPolicy = accountId.apply((id) => JSON.stringify(ecsTasksTrustPolicy(id)));
  const executionRole = new aws.iam.Role(`${name}-execution-role`, { assumeRolePolicy: trustPolicy, description: `ECS agent role for ${spec.family}: pull, logs, referenced secrets`, tags: spec.tags }, { parent });
  const executionPolicy = new aws.iam.RolePolicy(
    `${name}-execution-policy`,
    {
      role: executionRole.id,
      policy: pulumi
        .all([env.secrets.map((s) => s.valueFrom), spec.kmsKeyArn, logGroup.arn, spec.image])
        .apply(([secretArns, kmsKeyArn, logGroupArn, image]) =>
          JSON.stringify(executionRolePolicy({ secretArns, kmsKeyArn, logGroupArn, image, registryCredentials: spec.registryCredentials })),
        ),
    },
    { parent },
  );

  const taskRole = new aws.iam.Role(`${name}-task-role`, { assumeRolePolicy: trustPolicy, description: `Application role for ${spec.family}`, tags: spec.tags }, { parent });
  const taskPolicies: pulumi.Resource[] = [executionPolicy];
  if (spec.taskRoleStatements !== undefined) {
    const policy = pulumi.output(spec.taskRoleStatements).apply((statements) => JSON.stringify({ Version: "2012-10-17", Statement: statements }));
    taskPolicies.push(new aws.iam.RolePolicy(`${name}-task-policy`, { role: taskRole.id, policy }, { parent }));
  }

  const container = containerDefinition<pulumi.Input<string>>({
    name: spec.containerName,
    image: spec.image,
    user: spec.user,
    command: spec.command,
    containerPort: spec.containerPort,
    portName: spec.portName,
    env,
    logGroupName: logGroup.name,
    region: spec.region,
    logStreamPrefix: spec.logStreamPrefix,
    healthCheck: spec.healthCheck,
    writablePaths: spec.writablePaths,
    writableRootFilesystem: spec.writableRootFilesystem,
  });
  const taskDefinition = new aws.ecs.TaskDefinition(
    `${name}-task-definition`,
    {
      family: spec.family,
      requiresCompatibilities: ["FARGATE"],
      networkMode: "awsvpc",
      cpu: String(spec.cpuUnits),
      memory: String(spec.memoryMiB),
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
      executionRoleArn: executionRole.arn,
      taskRoleArn: taskRole.arn,
      volumes: spec.writablePaths.map((path) => ({ name: volumeNameFor(path) })),
      containerDefinitions: pulumi.output(container).apply((c) => JSON.stringify([withRepositoryCredentials(c, spec.registryCredentials)])),
      tags: spec.tags,
    },
    // Tasks started before the policies attach would fail to pull secrets or log.
    { parent, dependsOn: taskPolicies },
  );
  return { logGroup, executionRole, taskRole, taskDefinition };
}
