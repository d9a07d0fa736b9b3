/**
 * The Container Apps side of the rollout check. An app runs its release when its latest revision is also its latest
 * ready one (`latestRevisionName === latestReadyRevisionName`; both are read-only properties the platform fills in,
 * @azure/arm-appcontainers `ContainerApp`) and that revision's template runs the release image. A revision that never
 * became ready leaves traffic on the previous ready revision while the ARM update itself succeeded.
 */
import type { ContainerApp, Revision } from "@azure/arm-appcontainers";
import type { AzureMigrationTarget } from "../../contract/stack-outputs.js";
import { describeError } from "../migration/result.js";
import { rolloutFailure, type RolloutRequest, type RolloutServiceTarget, type ServiceRollout } from "./types.js";

/** The two calls the check makes, as the SDK client has them (tests pass the real client pointed at a fake). */
export interface ContainerAppsRolloutApi {
  readonly containerApps: { get(resourceGroupName: string, containerAppName: string, options?: { abortSignal?: AbortSignal }): Promise<ContainerApp> };
  readonly containerAppsRevisions: { getRevision(resourceGroupName: string, containerAppName: string, revisionName: string, options?: { abortSignal?: AbortSignal }): Promise<Revision> };
}

export async function checkContainerAppsRollout(api: ContainerAppsRolloutApi, request: RolloutRequest): Promise<ServiceRollout[]> {
  const target = request.target as AzureMigrationTarget;
  const results: ServiceRollout[] = [];
  for (const s of request.services) results.push(await checkApp(api, target.resourceGroupName, s, request.signal));
  return results;
}

async function checkApp(api: ContainerAppsRolloutApi, resourceGroup: string, s: RolloutServiceTarget, signal: AbortSignal | undefined): Promise<ServiceRollout> {
  const options = signal ? { abortSignal: signal } : {};
  let app: ContainerApp;
  try {
    app = await api.containerApps.get(resourceGroup, s.name, options);
  } catch (error) {
    return rolloutFailure(s, `a revision running ${s.image}`, `reading container app ${s.name} failed: ${describeError(error)}`);
  }
  const latest = app.latestRevisionName;
  const ready = app.latestReadyRevisionName ?? null;
  if (!latest) return rolloutFailure(s, `a revision running ${s.image}`, `container app ${s.name} reports no latest revision`, ready);
  let latestImages: string[];
  let revision: Revision;
  try {
    revision = await api.containerAppsRevisions.getRevision(resourceGroup, s.name, latest, options);
    latestImages = imagesOf(revision);
  } catch (error) {
    return rolloutFailure(s, latest, `reading revision ${latest} of ${s.name} failed: ${describeError(error)}`, ready);
  }
  if (ready !== latest) {
    let readyImages: string[] = [];
    if (ready) readyImages = await api.containerAppsRevisions.getRevision(resourceGroup, s.name, ready, options).then(imagesOf, () => []);
    const state = [revision.provisioningState, revision.healthState, revision.runningState].filter(Boolean).join(", ");
    return rolloutFailure(s, latest, `revision ${latest} (${latestImages.join(", ") || "no image"}) never became ready${state ? ` (${state})` : ""}; the app serves ${ready ?? "no ready revision"}`, ready, readyImages);
  }
  if (!latestImages.includes(s.image)) {
    return rolloutFailure(s, `a revision running ${s.image}`, `the latest ready revision ${latest} runs ${latestImages.join(", ") || "no image"}, not the release image ${s.image}`, latest, latestImages);
  }
  return { service: s.service, name: s.name, ok: true, image: s.image, expected: latest, actual: latest, actualImages: latestImages, message: `${s.name} serves revision ${latest} (${s.image}), ready` };
}

const imagesOf = (revision: Revision): string[] => (revision.template?.containers ?? []).flatMap((c) => (c.image ? [c.image] : []));
