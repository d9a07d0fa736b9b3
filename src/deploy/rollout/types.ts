/**
 * The rollout check: after a stack update that moves services, and in `asc verify`, the platform (not `pulumi up`)
 * says which release each service really runs. `pulumi up` cannot be trusted for this: with the ECS circuit breaker
 * set to roll back and `waitForSteadyState`, a rolled-back deployment still ends the update successfully
 * (pulumi/pulumi-aws#4487, hashicorp/terraform-provider-aws#20858).
 */
import type { AwsMigrationTarget, AzureMigrationTarget } from "../../contract/stack-outputs.js";

export type RolloutServiceName = "api" | "web" | "worker";

export interface RolloutServiceTarget {
  readonly service: RolloutServiceName;
  /** The ECS service or container app name (stack output `services`). */
  readonly name: string;
  /** The image the service must run. */
  readonly image: string;
}

export interface RolloutRequest {
  /** Where the services live: the cluster and region on AWS, the subscription and resource group on Azure. */
  readonly target: AwsMigrationTarget | AzureMigrationTarget;
  readonly services: readonly RolloutServiceTarget[];
  /**
   * When the stack update began: a deployment created since then was started by it. Absent in `asc verify`,
   * which only checks what runs now.
   */
  readonly since?: Date;
  readonly signal?: AbortSignal;
}

export interface ServiceRollout {
  readonly service: RolloutServiceName;
  readonly name: string;
  readonly ok: boolean;
  /** The image the release expects. */
  readonly image: string;
  /** What should be running: the task definition the update deployed, or the app's latest revision. */
  readonly expected: string;
  /** What is running: the PRIMARY deployment's task definition, or the latest ready revision (null: unknown). */
  readonly actual: string | null;
  /** The image(s) of what is running, as the platform reports them. */
  readonly actualImages: readonly string[];
  /** One line: why this is (not) the release. */
  readonly message: string;
}

/** Checks every service of a request; resolves with one result per service (a cloud error is a failed result). */
export type RolloutChecker = (request: RolloutRequest) => Promise<readonly ServiceRollout[]>;

export const rolloutFailure = (target: RolloutServiceTarget, expected: string, message: string, actual: string | null = null, actualImages: readonly string[] = []): ServiceRollout => ({
  service: target.service,
  name: target.name,
  ok: false,
  image: target.image,
  expected,
  actual,
  actualImages,
  message,
});
