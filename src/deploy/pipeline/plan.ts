/**
 * The run plan: a pure, typed, versioned description of what a deploy (or rollback, migrate, verify) will do,
 * kept apart from the executor that carries it out. Built from the resolved profile and the flags.
 */
import type { BlueprintConfig } from "../../config/schema.js";
import { sameServiceImages, SERVICE_NAMES, type ReleaseRecord, type ServiceImages, type ServiceName } from "../../config/release-images.js";
import type { PhaseName } from "./events.js";

export const RUN_PLAN_VERSION = 1;

export type RunKind = "deploy" | "rollback" | "migrate" | "verify" | "rotate";
export type MigrationsMode = "release" | "after" | "skip";
/** not-needed: not production; given: --yes; prompt: ask on the terminal; refused: production, no --yes, no terminal. */
export type Confirmation = "not-needed" | "given" | "prompt" | "refused";

/** Where migrations run: the platform's one-off task or job, or (dev only) a local command. */
export type MigrationRunnerChoice = "platform" | "local";

export interface RunRequest {
  readonly kind: RunKind;
  readonly runId: string;
  readonly profile: string;
  readonly config: BlueprintConfig;
  /** --migrations; defaults to asc:migrations.mode (deploy) or skip (rollback). */
  readonly migrations?: MigrationsMode;
  readonly yes: boolean;
  /** Whether a terminal can answer a confirmation prompt. */
  readonly interactive: boolean;
  readonly rollbackOnFailure: boolean;
  /** The images to deploy, all of them asked for. Default: asc:images, with only `requestedImages` asked for. */
  readonly images?: ServiceImages;
  /** asc rollback --to: the run whose release to redeploy (default: the release before the current one). */
  readonly rollbackTo?: string;
  /** Services whose asc:images value was asked for on this run (--image, ASC_IMAGES__*); the others keep the release. */
  readonly requestedImages?: readonly ServiceName[];
  /** asc migrate --image: the image to migrate to, with the services held where they are. */
  readonly migrationImage?: string;
  /** @default "platform" */
  readonly migrationRunner?: MigrationRunnerChoice;
  /** --init: create the stack when it does not exist (staging and production never create one otherwise). */
  readonly init?: boolean;
}

export interface RunPlan {
  readonly version: typeof RUN_PLAN_VERSION;
  readonly kind: RunKind;
  readonly runId: string;
  readonly profile: string;
  readonly stack: string;
  readonly cloud: BlueprintConfig["cloud"];
  readonly tier: BlueprintConfig["tier"];
  /**
   * The images asked for: asc:images (with --image), or the rollback's. Only the `requested` ones are deployed once
   * the stack has a release; the others keep the released image (validate resolves the target).
   */
  readonly images: ServiceImages;
  readonly requested: readonly ServiceName[];
  /**
   * A rollback's images come from the stack's update history, read in validate: the release of this run id, or
   * (absent) the newest one whose images differ from the current release. `images` is not used then.
   */
  readonly rollbackTo?: string;
  readonly migrationImage?: string;
  readonly migrations: MigrationsMode;
  readonly migrationRunner: MigrationRunnerChoice;
  readonly phases: readonly PhaseName[];
  readonly validate: {
    /** Decrypt the stack config and require the operator secrets (anything that runs the program). */
    readonly secrets: boolean;
    /** Evaluate the policy pack offline. */
    readonly policies: boolean;
    /**
     * Create the stack when it does not exist: dev deploys always; staging and production only with --init, so a
     * CLI logged in to the wrong backend or organisation does not create an empty second stack.
     */
    readonly createStack: boolean;
  };
  readonly confirmation: Confirmation;
  readonly rollbackOnFailure: boolean;
}

function phasesFor(kind: RunKind, migrations: MigrationsMode, migrationImage: string | undefined): PhaseName[] {
  switch (kind) {
    case "verify":
      return ["validate", "verify"];
    case "migrate":
      return migrationImage ? ["validate", "provision", "migrate"] : ["validate", "migrate"];
    default:
      if (migrations === "release") return ["validate", "provision", "migrate", "release", "verify"];
      if (migrations === "after") return ["validate", "provision", "migrate", "verify"];
      return ["validate", "provision", "verify"];
  }
}

function confirmationFor(request: RunRequest): Confirmation {
  if (request.config.tier !== "production" || request.kind === "verify") return "not-needed";
  if (request.yes) return "given";
  return request.interactive ? "prompt" : "refused";
}

export function planRun(request: RunRequest): RunPlan {
  const migrations: MigrationsMode = request.migrations ?? (request.kind === "rollback" ? "skip" : request.kind === "migrate" ? "after" : request.config.migrations.mode);
  const changes = request.kind !== "verify" && !(request.kind === "migrate" && !request.migrationImage);
  return {
    version: RUN_PLAN_VERSION,
    kind: request.kind,
    runId: request.runId,
    profile: request.profile,
    stack: request.profile,
    cloud: request.config.cloud,
    tier: request.config.tier,
    images: request.images ?? { api: request.config.images.api, web: request.config.images.web },
    requested: request.images || request.kind === "rollback" ? SERVICE_NAMES : (request.requestedImages ?? []),
    ...(request.kind === "rollback" && request.rollbackTo !== undefined ? { rollbackTo: request.rollbackTo } : {}),
    ...(request.migrationImage ? { migrationImage: request.migrationImage } : {}),
    migrations,
    migrationRunner: request.migrationRunner ?? "platform",
    phases: phasesFor(request.kind, migrations, request.migrationImage),
    validate: { secrets: changes, policies: changes, createStack: (request.kind === "deploy" || request.kind === "rotate") && (request.config.tier === "dev" || request.init === true) },
    confirmation: confirmationFor(request),
    rollbackOnFailure: request.rollbackOnFailure && request.kind !== "verify" && request.kind !== "migrate",
  };
}

/**
 * What the provision update does to the services:
 * - `held`: a first deploy (no release recorded) creates them without running them (asc:holdServices), so nothing
 *   reads the database before the first migration succeeded; the release update starts them;
 * - `kept`: they stay on the released images while the migration moves (release mode, new images; asc migrate);
 * - `rolled`: they roll to the target images at once (--migrations after or skip, or the images did not change).
 */
export type ProvisionServices = "held" | "kept" | "rolled";

export interface ProvisionStep {
  readonly images: ReleaseRecord;
  readonly services: ProvisionServices;
}

/**
 * The provision update of a plan, given the release the stack runs (undefined: none yet). Pure. The executor
 * refuses `migrate` without a release, and validate refuses a first deploy that would not migrate first
 * (refuseUnmigratedFirstDeploy), so `rolled` on a first deploy only remains for a rollback.
 */
export function planProvision(plan: Pick<RunPlan, "kind" | "images" | "migrations" | "migrationImage">, previous: ReleaseRecord | undefined): ProvisionStep {
  const target = plan.images;
  if (plan.kind === "migrate" && previous) return { images: { services: previous.services, migration: plan.migrationImage ?? previous.migration }, services: "kept" };
  if (!previous && plan.migrations === "release" && plan.kind !== "rollback") return { images: { services: target, migration: target.api }, services: "held" };
  if (previous && plan.migrations === "release" && !sameServiceImages(previous.services, target)) return { images: { services: previous.services, migration: target.api }, services: "kept" };
  return { images: { services: target, migration: target.api }, services: "rolled" };
}
