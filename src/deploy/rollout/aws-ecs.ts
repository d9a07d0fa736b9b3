/**
 * The ECS side of the rollout check. A service runs its release when its PRIMARY deployment (DescribeServices
 * `deployments[]`) is on a task definition whose container runs the release image, with `rolloutState` COMPLETED,
 * and no deployment the update started was rolled back.
 *
 * Sources (AWS ECS API Reference): `Deployment.status` PRIMARY is "the most recent deployment of a service";
 * `rolloutState` starts IN_PROGRESS, becomes COMPLETED at steady state, FAILED when the circuit breaker trips, and
 * with rollback the service "is rolled back to the last deployment that completed successfully"
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Deployment.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentCircuitBreaker.html). A forced redeployment keeps the task definition ARN, so a
 * rollback of one is only visible in the deployments themselves: a FAILED deployment created since the update
 * began, or a service deployment (ListServiceDeployments, filtered by `createdAt.after`) with a ROLLBACK_* or
 * STOPPED status. For an image pinned by digest, the RUNNING tasks must also have pulled that digest
 * (DescribeTasks `containers[].imageDigest`).
 */
import {
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
  type Deployment,
  type ECSClient,
  type Service,
  type ServiceDeploymentBrief,
} from "@aws-sdk/client-ecs";
import type { AwsMigrationTarget } from "../../contract/stack-outputs.js";
import { describeError, errorName } from "../migration/result.js";
import { rolloutFailure, type RolloutRequest, type RolloutServiceTarget, type ServiceRollout } from "./types.js";

/** DescribeServices takes at most 10 services per call. */
const DESCRIBE_BATCH = 10;
const ROLLED_BACK = new Set(["ROLLBACK_REQUESTED", "ROLLBACK_IN_PROGRESS", "ROLLBACK_SUCCESSFUL", "ROLLBACK_FAILED", "STOPPED", "STOP_REQUESTED"]);

export async function checkEcsRollout(ecs: ECSClient, request: RolloutRequest): Promise<ServiceRollout[]> {
  const target = request.target as AwsMigrationTarget;
  const images = new Map<string, Promise<string[]>>();
  const imagesOf = (taskDefinition: string) => {
    if (!images.has(taskDefinition)) images.set(taskDefinition, describeImages(ecs, taskDefinition, request.signal));
    return images.get(taskDefinition)!;
  };
  const results: ServiceRollout[] = [];
  for (let i = 0; i < request.services.length; i += DESCRIBE_BATCH) {
    const batch = request.services.slice(i, i + DESCRIBE_BATCH);
    let described: Service[];
    let failures: { arn?: string; reason?: string }[];
    try {
      const out = await ecs.send(new DescribeServicesCommand({ cluster: target.clusterArn, services: batch.map((s) => s.name) }), { abortSignal: request.signal });
      described = out.services ?? [];
      failures = out.failures ?? [];
    } catch (error) {
      results.push(...batch.map((s) => rolloutFailure(s, `a task definition running ${s.image}`, `DescribeServices failed: ${cloudError(error)}`)));
      continue;
    }
    for (const s of batch) {
      const service = described.find((d) => d.serviceName === s.name || d.serviceArn?.endsWith(`/${s.name}`));
      if (!service) {
        const why = failures.find((f) => f.arn?.endsWith(`/${s.name}`))?.reason ?? "not returned";
        results.push(rolloutFailure(s, `a task definition running ${s.image}`, `service ${s.name} not found in ${target.clusterArn} (${why})`));
        continue;
      }
      results.push(await checkService(ecs, s, service, target, request, imagesOf));
    }
  }
  return results;
}

async function checkService(
  ecs: ECSClient,
  s: RolloutServiceTarget,
  service: Service,
  target: AwsMigrationTarget,
  request: RolloutRequest,
  imagesOf: (taskDefinition: string) => Promise<string[]>,
): Promise<ServiceRollout> {
  const deployments = service.deployments ?? [];
  const primary = deployments.find((d) => d.status === "PRIMARY");
  const since = request.since?.getTime();
  const startedByUpdate = since === undefined ? [] : deployments.filter((d) => d.createdAt !== undefined && d.createdAt.getTime() >= since);
  const failed = startedByUpdate.find((d) => d.rolloutState === "FAILED");
  let expected = failed?.taskDefinition ?? `a task definition running ${s.image}`;
  if (!primary?.taskDefinition) return rolloutFailure(s, expected, `service ${s.name} has no PRIMARY deployment`);
  const actual = primary.taskDefinition;
  let actualImages: string[];
  try {
    actualImages = await imagesOf(actual);
  } catch (error) {
    return rolloutFailure(s, expected, `DescribeTaskDefinition ${actual} failed: ${cloudError(error)}`, actual);
  }
  const fail = (message: string) => rolloutFailure(s, expected, message, actual, actualImages);

  if (failed && failed !== primary) {
    return fail(`ECS rolled the deployment back: deployment ${failed.id ?? "?"} on ${failed.taskDefinition} is ${failed.rolloutState}${reasonOf(failed)}; the service runs ${actual}`);
  }
  if (since !== undefined) {
    let rolledBack: ServiceDeploymentBrief | undefined;
    try {
      rolledBack = await rolledBackServiceDeployment(ecs, target, service, request);
    } catch (error) {
      return fail(`ListServiceDeployments failed: ${cloudError(error)}`);
    }
    if (rolledBack) {
      expected = (await targetTaskDefinition(ecs, rolledBack, request.signal)) ?? expected;
      return fail(`ECS rolled the deployment back: service deployment ${rolledBack.serviceDeploymentArn ?? "?"} is ${rolledBack.status}${rolledBack.statusReason ? ` (${rolledBack.statusReason})` : ""}; the service runs ${actual}`);
    }
  }
  if (!actualImages.includes(s.image)) {
    return fail(`the PRIMARY deployment runs ${actual} (image ${actualImages.join(", ") || "(none)"}), not the release image ${s.image}`);
  }
  expected = actual;
  if (primary.rolloutState !== undefined && primary.rolloutState !== "COMPLETED") {
    return rolloutFailure(s, expected, `the PRIMARY deployment ${primary.id ?? "?"} is ${primary.rolloutState}${reasonOf(primary)}, not COMPLETED`, actual, actualImages);
  }
  const others = deployments.filter((d) => d !== primary && d.status === "ACTIVE");
  if (others.length > 0) {
    return rolloutFailure(s, expected, `older deployments still run tasks: ${others.map((d) => `${d.id ?? "?"} on ${d.taskDefinition}`).join(", ")}`, actual, actualImages);
  }
  let digestProblem: string | undefined;
  try {
    digestProblem = await runningDigestProblem(ecs, target, service, s.image, request.signal);
  } catch (error) {
    return rolloutFailure(s, expected, `reading the running tasks failed: ${cloudError(error)}`, actual, actualImages);
  }
  if (digestProblem) return rolloutFailure(s, expected, digestProblem, actual, actualImages);
  return { service: s.service, name: s.name, ok: true, image: s.image, expected, actual, actualImages, message: `${s.name} runs ${actual} (${s.image}), rollout COMPLETED` };
}

/**
 * For an image pinned by digest, the digest each RUNNING task of the service actually pulled
 * (DescribeTasks `containers[].imageDigest`) must be that digest. Tag-only images have no digest to compare.
 */
async function runningDigestProblem(ecs: ECSClient, target: AwsMigrationTarget, service: Service, image: string, signal: AbortSignal | undefined): Promise<string | undefined> {
  const digest = /@(sha256:[a-f0-9]{64})$/.exec(image)?.[1];
  if (!digest) return undefined;
  const listed = await ecs.send(new ListTasksCommand({ cluster: target.clusterArn, serviceName: service.serviceName, desiredStatus: "RUNNING" }), { abortSignal: signal });
  const arns = (listed.taskArns ?? []).slice(0, 100);
  if (arns.length === 0) return undefined;
  const described = await ecs.send(new DescribeTasksCommand({ cluster: target.clusterArn, tasks: arns }), { abortSignal: signal });
  const wrong = (described.tasks ?? []).flatMap((t) =>
    (t.containers ?? []).filter((c) => c.image === image && c.imageDigest !== undefined && c.imageDigest !== digest).map((c) => `task ${t.taskArn ?? "?"} runs digest ${c.imageDigest}`),
  );
  return wrong.length ? `${wrong.join(", ")}, not ${digest}` : undefined;
}

/**
 * ListServiceDeployments (ECS, 2025) lists the service deployments created since the update began. A caller
 * without the permission or an API without the operation leaves only the DescribeServices view.
 */
async function rolledBackServiceDeployment(ecs: ECSClient, target: AwsMigrationTarget, service: Service, request: RolloutRequest): Promise<ServiceDeploymentBrief | undefined> {
  try {
    const out = await ecs.send(
      new ListServiceDeploymentsCommand({ cluster: target.clusterArn, service: service.serviceName ?? service.serviceArn, createdAt: { after: request.since } }),
      { abortSignal: request.signal },
    );
    return (out.serviceDeployments ?? []).find((d) => d.status !== undefined && ROLLED_BACK.has(d.status));
  } catch (error) {
    if (["AccessDeniedException", "UnknownOperationException", "InvalidAction"].includes(errorName(error) ?? "")) return undefined;
    throw error;
  }
}

/** The task definition a service deployment was rolling out (its target service revision); undefined when unknown. */
async function targetTaskDefinition(ecs: ECSClient, deployment: ServiceDeploymentBrief, signal: AbortSignal | undefined): Promise<string | undefined> {
  try {
    let revision = deployment.targetServiceRevisionArn;
    if (!revision && deployment.serviceDeploymentArn) {
      const out = await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [deployment.serviceDeploymentArn] }), { abortSignal: signal });
      revision = out.serviceDeployments?.[0]?.targetServiceRevision?.arn;
    }
    if (!revision) return undefined;
    const out = await ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [revision] }), { abortSignal: signal });
    return out.serviceRevisions?.[0]?.taskDefinition;
  } catch {
    return undefined;
  }
}

async function describeImages(ecs: ECSClient, taskDefinition: string, signal: AbortSignal | undefined): Promise<string[]> {
  const out = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition }), { abortSignal: signal });
  return (out.taskDefinition?.containerDefinitions ?? []).flatMap((c) => (c.image ? [c.image] : []));
}

const reasonOf = (d: Deployment) => (d.rolloutStateReason ? ` (${d.rolloutStateReason})` : "");

/** A cloud error with the fix for the ones an operator can fix. */
export function cloudError(error: unknown): string {
  const name = errorName(error);
  if (name === "ExpiredTokenException" || name === "ExpiredToken") return `${describeError(error)}; fix: the AWS credentials expired, refresh them (aws sso login, or new session keys) and run asc verify`;
  return describeError(error);
}
