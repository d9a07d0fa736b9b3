/**
 * MigrationTask: a Fargate task definition that runs the api image's migration command once per release. It is
 * never a service: the asc migration runner starts it with ECS RunTask in the private subnets and reads its exit
 * code and logs, so the outputs are exactly what that runner needs.
 */
import * as pulumi from "@pulumi/pulumi";
import type { EnvEntry } from "../../contract/types.js";
import { checkLogRetentionDays, checkNonRootUser, createTaskResources, DEFAULT_CONTAINER_USER, DEFAULT_WRITABLE_PATH, definedOnly, type IamStatement } from "./task-definition.js";
import type { RegistryCredentials } from "./image-pull.js";

export const MIGRATION_TASK_TYPE = "asc:aws:MigrationTask";

/** Container name and awslogs stream prefix of the migration task; the runner's container override uses it. */
export const MIGRATION_CONTAINER_NAME = "migrate";

export interface MigrationTaskArgs {
  /** The api image of the release being migrated to. */
  readonly image: pulumi.Input<string>;
  /** The migration command, run instead of the image's CMD. @example ["alembic", "upgrade", "head"] */
  readonly command: readonly string[];
  /** The `migrate` env contract (the api's contract, so runs never drift from the service). */
  readonly environment: readonly EnvEntry<pulumi.Input<string>>[];
  /** Task CPU units, already validated by src/sizing/fargate.ts. */
  readonly cpuUnits: number;
  /** Task memory in MiB, already validated by src/sizing/fargate.ts. */
  readonly memoryMiB: number;
  /** Key that encrypts the referenced secrets; the execution role may decrypt with it. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Region of the log group, for the awslogs driver. */
  readonly region: pulumi.Input<string>;
  /** One of CloudWatch Logs' retention values. */
  readonly logRetentionDays: number;
  /**
   * KMS key of the task's log group; its key policy must let CloudWatch Logs use it (LogEncryptionKey).
   * @default - CloudWatch Logs' own encryption
   */
  readonly logKmsKeyArn?: pulumi.Input<string>;
  /** Cluster the runner starts the task in. */
  readonly clusterArn: pulumi.Input<string>;
  /** Private subnets the runner starts the task in. */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Security group of the task (must reach the database). */
  readonly securityGroupId: pulumi.Input<string>;
  /** What the migration may do besides reading its secrets (task role). @default - a task role with no permissions */
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
  /** Task definition family. @default - the component name */
  readonly family?: string;
  /** Tags for every taggable child. @default {} */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export interface ResolvedMigrationTaskArgs extends MigrationTaskArgs {
  readonly user: string;
  readonly tags: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** Applies defaults and rejects impossible arguments, naming them. Pure. */
export function resolveMigrationTaskArgs(args: MigrationTaskArgs): ResolvedMigrationTaskArgs {
  const resolved = { user: DEFAULT_CONTAINER_USER, tags: {}, ...definedOnly(args) } as ResolvedMigrationTaskArgs;
  checkNonRootUser(resolved.user, "MigrationTask user");
  checkLogRetentionDays(resolved.logRetentionDays, "MigrationTask logRetentionDays");
  if (resolved.command.length === 0 || resolved.command.some((part) => part.length === 0)) {
    throw new Error(`MigrationTask command: ${JSON.stringify(resolved.command)} is not a command; pass the program and its arguments, e.g. ["alembic", "upgrade", "head"].`);
  }
  return resolved;
}

export class MigrationTask extends pulumi.ComponentResource {
  readonly clusterArn: pulumi.Output<string>;
  readonly taskDefinitionArn: pulumi.Output<string>;
  readonly family: pulumi.Output<string>;
  /** Always "migrate". */
  readonly containerName: pulumi.Output<string>;
  readonly subnetIds: pulumi.Output<string[]>;
  readonly securityGroupIds: pulumi.Output<string[]>;
  readonly logGroupName: pulumi.Output<string>;
  /** Always "migrate": streams are `migrate/migrate/<task id>`. */
  readonly logStreamPrefix: pulumi.Output<string>;

  constructor(name: string, args: MigrationTaskArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(MIGRATION_TASK_TYPE, name, {}, opts);
    const resolved = resolveMigrationTaskArgs(args);

    const task = createTaskResources(
      name,
      {
        family: resolved.family ?? name,
        containerName: MIGRATION_CONTAINER_NAME,
        image: resolved.image,
        user: resolved.user,
        command: resolved.command,
        environment: resolved.environment,
        cpuUnits: resolved.cpuUnits,
        memoryMiB: resolved.memoryMiB,
        kmsKeyArn: resolved.kmsKeyArn,
        region: resolved.region,
        logRetentionDays: resolved.logRetentionDays,
        logKmsKeyArn: resolved.logKmsKeyArn,
        logStreamPrefix: MIGRATION_CONTAINER_NAME,
        taskRoleStatements: resolved.taskRoleStatements,
        registryCredentials: resolved.registryCredentials,
        writablePaths: resolved.writablePaths ?? [DEFAULT_WRITABLE_PATH],
        writableRootFilesystem: resolved.writableRootFilesystem,
        tags: resolved.tags,
      },
      this,
    );

    this.clusterArn = pulumi.output(resolved.clusterArn);
    this.taskDefinitionArn = task.taskDefinition.arn;
    this.family = task.taskDefinition.family;
    this.containerName = pulumi.output(MIGRATION_CONTAINER_NAME);
    this.subnetIds = pulumi.output(resolved.subnetIds);
    this.securityGroupIds = pulumi.output([resolved.securityGroupId]);
    this.logGroupName = task.logGroup.name;
    this.logStreamPrefix = pulumi.output(MIGRATION_CONTAINER_NAME);
    this.registerOutputs({
      clusterArn: this.clusterArn,
      taskDefinitionArn: this.taskDefinitionArn,
      family: this.family,
      containerName: this.containerName,
      subnetIds: this.subnetIds,
      securityGroupIds: this.securityGroupIds,
      logGroupName: this.logGroupName,
      logStreamPrefix: this.logStreamPrefix,
    });
  }
}
