/**
 * MigrationJob: a manually triggered Container Apps Job that runs the api image's migration command once per
 * release, inside the environment (so it reaches the private database), with the `migrate` env contract and its
 * own identity. The asc migration runner starts an execution and polls it; the outputs are what it needs.
 */
import * as app from "@pulumi/azure-native/app/index.js";
import * as pulumi from "@pulumi/pulumi";
import type { EnvEntry } from "../../contract/types.js";
import { definedOnly, type AzureTags } from "./args.js";
import { serviceTags } from "./container-app.js";
import { CONSUMPTION_PROFILE } from "./container-apps-environment.js";
import { containerAppRegistries, type RegistryPull } from "./image-pull.js";
import { toContainerAppEnvironment } from "./container-env.js";
import { CONTAINER_APP_NAME } from "./names.js";

export const MIGRATION_JOB_TYPE = "asc:azure:MigrationJob";
/** Container name in the job template (and the `asc-service` tag). */
export const MIGRATION_CONTAINER_NAME = "migrate";

export interface MigrationJobArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  /** Azure location. @example "westeurope" */
  readonly location: string;
  readonly environmentId: pulumi.Input<string>;
  /** The job's name, which the runner starts. @example "asc-prod-migrate" */
  readonly jobName: string;
  /** The api image of the release being migrated to. */
  readonly image: pulumi.Input<string>;
  /** The migration command, run instead of the image's CMD. @example ["alembic", "-c", "alembic.ini", "upgrade", "heads"] */
  readonly command: readonly string[];
  /** vCPU and memory, already validated by src/sizing/container-apps.ts. */
  readonly cpu: number;
  /** @example "2Gi" */
  readonly memory: string;
  /** The `migrate` env contract (the api's contract, so runs never drift from the service). */
  readonly environment: readonly EnvEntry<pulumi.Input<string>>[];
  /** The user-assigned identity the job runs as. */
  readonly identityId: pulumi.Input<string>;
  /**
   * Whether the code in the container needs Azure tokens of the identity (Key Vault SDK, Blob). Off, the identity
   * is still used by the platform for Key Vault references and image pulls, but the container gets no token
   * (`identitySettings` lifecycle `None` instead of `Main`). @default true
   */
  readonly runtimeIdentity?: boolean;
  /**
   * Credentials for the image's registry (see image-pull.ts); pass it only when the image is on that registry. The
   * identity's grants must include the password secret's read (or AcrPull). @default - an anonymous pull
   */
  readonly registry?: RegistryPull<pulumi.Input<string>>;
  /** The identity's role assignments: the job is created after them. @default [] */
  readonly accessGrants?: readonly pulumi.Resource[];
  /** Other resources the job is created after (the private DNS zone groups it resolves through). @default [] */
  readonly dependsOn?: readonly pulumi.Resource[];
  /** Seconds one execution may run (replicaTimeout). */
  readonly timeoutSeconds: number;
  /** Retries of a failed execution (replicaRetryLimit). @default 0 */
  readonly retryLimit?: number;
  /** Tags; `asc-service: migrate` is added. @default {} */
  readonly tags?: AzureTags;
}

export interface ResolvedMigrationJobArgs extends MigrationJobArgs {
  readonly accessGrants: readonly pulumi.Resource[];
  readonly dependsOn: readonly pulumi.Resource[];
  readonly retryLimit: number;
  readonly tags: AzureTags;
}

/** Applies defaults and rejects impossible arguments, naming them. Pure. */
export function resolveMigrationJobArgs(args: MigrationJobArgs): ResolvedMigrationJobArgs {
  const resolved = { accessGrants: [], dependsOn: [], retryLimit: 0, tags: {}, ...definedOnly(args) } as ResolvedMigrationJobArgs;
  if (!CONTAINER_APP_NAME.test(resolved.jobName)) {
    throw new Error(`MigrationJob jobName: ${JSON.stringify(resolved.jobName)} is not a job name; allowed: 2-32 lowercase letters, digits and single hyphens, starting with a letter.`);
  }
  if (resolved.command.length === 0 || resolved.command.some((part) => part.length === 0)) {
    throw new Error(`MigrationJob command: ${JSON.stringify(resolved.command)} is not a command; pass the program and its arguments, e.g. ["alembic", "upgrade", "head"].`);
  }
  if (!Number.isInteger(resolved.timeoutSeconds) || resolved.timeoutSeconds < 1) {
    throw new Error(`MigrationJob timeoutSeconds: ${resolved.timeoutSeconds} is not a whole number of seconds of 1 or more.`);
  }
  if (!Number.isInteger(resolved.retryLimit) || resolved.retryLimit < 0) {
    throw new Error(`MigrationJob retryLimit: ${resolved.retryLimit} is not a whole number of 0 or more.`);
  }
  return resolved;
}

export class MigrationJob extends pulumi.ComponentResource {
  readonly jobName: pulumi.Output<string>;
  readonly jobId: pulumi.Output<string>;
  readonly resourceGroupName: pulumi.Output<string>;

  constructor(name: string, args: MigrationJobArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(MIGRATION_JOB_TYPE, name, {}, opts);
    const resolved = resolveMigrationJobArgs(args);
    const { env, secrets } = toContainerAppEnvironment(resolved.environment, resolved.identityId);
    const pull = containerAppRegistries(resolved.registry, resolved.identityId);

    const job = new app.Job(
      `${name}-job`,
      {
        resourceGroupName: resolved.resourceGroupName,
        location: resolved.location,
        jobName: resolved.jobName,
        environmentId: resolved.environmentId,
        workloadProfileName: CONSUMPTION_PROFILE,
        identity: { type: "UserAssigned", userAssignedIdentities: [resolved.identityId] },
        configuration: {
          identitySettings: [{ identity: resolved.identityId, lifecycle: resolved.runtimeIdentity === false ? "None" : "Main" }],
          triggerType: "Manual",
          manualTriggerConfig: { parallelism: 1, replicaCompletionCount: 1 },
          replicaTimeout: resolved.timeoutSeconds,
          replicaRetryLimit: resolved.retryLimit,
          secrets: [...secrets, ...pull.secrets],
          ...(pull.registries.length ? { registries: pull.registries } : {}),
        },
        template: {
          containers: [{ name: MIGRATION_CONTAINER_NAME, image: resolved.image, command: [...resolved.command], env, resources: { cpu: resolved.cpu, memory: resolved.memory } }],
        },
        tags: serviceTags(resolved.tags, MIGRATION_CONTAINER_NAME),
      },
      { parent: this, dependsOn: [...resolved.accessGrants, ...resolved.dependsOn] },
    );

    this.jobName = job.name;
    this.jobId = job.id;
    this.resourceGroupName = pulumi.output(resolved.resourceGroupName);
    this.registerOutputs({ jobName: this.jobName, jobId: this.jobId, resourceGroupName: this.resourceGroupName });
  }
}
