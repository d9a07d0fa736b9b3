/**
 * The run plan: a pure, typed, versioned description of what a deploy (or rollback, migrate, verify) will do,
 * kept apart from the executor that carries it out. Built from the resolved profile and the flags.
 */
import type { BlueprintConfig } from "../../config/schema.js";
import type { ServiceImages } from "../../config/release-images.js";
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
  /** Rollback: the images to redeploy (from an earlier report). Default: asc:images. */
  readonly images?: ServiceImages;
  /** asc migrate --image: the image to migrate to, with the services held where they are. */
  readonly migrationImage?: string;
  /** @default "platform" */
  readonly migrationRunner?: MigrationRunnerChoice;
}

export interface RunPlan {
  readonly version: typeof RUN_PLAN_VERSION;
  readonly kind: RunKind;
  readonly runId: string;
  readonly profile: string;
  readonly stack: string;
  readonly cloud: BlueprintConfig["cloud"];
  readonly tier: BlueprintConfig["tier"];
  /** The images the services run when the run succeeds. */
  readonly images: ServiceImages;
  readonly migrationImage?: string;
  readonly migrations: MigrationsMode;
  readonly migrationRunner: MigrationRunnerChoice;
  readonly phases: readonly PhaseName[];
  readonly validate: {
    /** Decrypt the stack config and require the operator secrets (anything that runs the program). */
    readonly secrets: boolean;
    /** Evaluate the policy pack offline. */
    readonly policies: boolean;
    /** Create the stack when it does not exist. */
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
    ...(request.migrationImage ? { migrationImage: request.migrationImage } : {}),
    migrations,
    migrationRunner: request.migrationRunner ?? "platform",
    phases: phasesFor(request.kind, migrations, request.migrationImage),
    validate: { secrets: changes, policies: changes, createStack: request.kind === "deploy" || request.kind === "rotate" },
    confirmation: confirmationFor(request),
    rollbackOnFailure: request.rollbackOnFailure && request.kind !== "verify" && request.kind !== "migrate",
  };
}
