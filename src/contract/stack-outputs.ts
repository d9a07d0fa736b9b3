/**
 * The typed stack outputs both blueprints produce. Everything downstream (asc env, migrate, verify, reports)
 * reads these, never resource internals. They hold URLs, names, ids and secret *references*, never secret values.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { CloudName, TierName } from "../config/schema.js";
import type { ContractOutputs, SecretRef, SecretVariable } from "./types.js";

export const STACK_OUTPUTS_VERSION = 1;

/** What the AWS migration runner needs to start an ECS task. */
export interface AwsMigrationTarget {
  readonly cloud: "aws";
  readonly region: string;
  readonly clusterArn: string;
  readonly taskDefinitionArn: string;
  readonly containerName: string;
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
  readonly logGroupName: string;
  readonly logStreamPrefix: string;
}

/** What the Azure migration runner needs to start a Container Apps Job execution. */
export interface AzureMigrationTarget {
  readonly cloud: "azure";
  readonly subscriptionId: string;
  readonly resourceGroupName: string;
  readonly jobName: string;
}

export interface HealthEndpoint {
  readonly service: "api" | "web";
  readonly url: string;
}

/** One release step as the stack deploys it: its image and where the runner starts it. */
export interface ReleaseStepTarget {
  readonly name: string;
  readonly image: string;
  readonly command: string[];
  readonly target: AwsMigrationTarget | AzureMigrationTarget;
}

export interface StackOutputs {
  readonly version: typeof STACK_OUTPUTS_VERSION;
  readonly cloud: CloudName;
  readonly tier: TierName;
  readonly urls: { readonly web: string; readonly api: string };
  readonly health: HealthEndpoint[];
  /** Everything deriveEnvContract needs besides the config. */
  readonly contract: {
    readonly outputs: ContractOutputs<string>;
    readonly secrets: Partial<Record<SecretVariable, SecretRef<string>>>;
  };
  readonly migration: AwsMigrationTarget | AzureMigrationTarget;
  /** asc:migrations.steps, in order: each step's own task definition or job, run like the migration after it. */
  readonly releaseSteps?: ReleaseStepTarget[];
  /** Deployed service names (ECS services or container apps), by service. */
  readonly services: Partial<Record<"api" | "web" | "worker", string>>;
  /**
   * True once the blueprint has seeded the signing keyset (KEYSET_SEEDED_OUTPUT in config/release-images.ts). The
   * program passes `seedKeyset: false` when the previous outputs say so, so the seed is never written again.
   */
  readonly keysetSeeded?: boolean;
  /**
   * The DNS name the public hosts must point at (on AWS, the ALB's own name). `asc verify` looks a public host up
   * as this name while the host does not resolve yet (first deploy before DNS).
   */
  readonly publicEndpoint?: string;
}

/** The same shape with every leaf an Output, as a blueprint component exposes it. */
export type Outputs<T> = T extends string | number | boolean
  ? pulumi.Input<T>
  : T extends (infer U)[]
    ? pulumi.Input<Outputs<U>[]>
    : { [K in keyof T]: Outputs<T[K]> };
