/**
 * What the phases of one run share: the plan, the injected services, the emitter, the secrets to redact, and the
 * state the phases fill in (the opened stack, the resolved config, outputs, results) for the report.
 */
import type { OpenSessionInput } from "../credentials/session.js";
import type { HealthEndpoint } from "../../contract/stack-outputs.js";
import type { LoadedProfile } from "../../config/load.js";
import type { BlueprintConfig } from "../../config/schema.js";
import type { ReleaseRecord, ServiceImages } from "../../config/release-images.js";
import type { PlanPolicyResult } from "../../preview/plan.js";
import type { PulumiGateway, ResourceChanges, StackGateway, StackOutputValues } from "../pulumi/gateway.js";
import type { RolloutRequest, ServiceRollout } from "../rollout/types.js";
import type { HealthCheckResult, MigrationResult, ReleaseStepResult, MigrationRunner, MigrationTarget, VerifyOptions } from "../types.js";
import type { Emitter, PhaseName, PhaseResult } from "./events.js";
import type { ProvisionServices, RunPlan } from "./plan.js";
import type { DiffMismatch, ResourceDiffEntry } from "./preview-diff.js";
import type { PhaseRecord, RollbackOf } from "./report.js";
import type { SecretValues } from "./secret-values.js";

/** The I/O a run needs, injected so tests replace what they are not about. */
export interface PipelineServices {
  /** The Pulumi CLI behind the Automation API (finds the binary; a user error when there is none). */
  pulumi(): Promise<PulumiGateway>;
  migrationRunner(target: MigrationTarget): Promise<MigrationRunner>;
  verifyHealth(endpoints: readonly HealthEndpoint[], options: VerifyOptions): Promise<readonly HealthCheckResult[]>;
  /** Which release each service really runs, from ECS deployments or Container Apps revisions (rollout/). */
  checkRollout(request: RolloutRequest): Promise<readonly ServiceRollout[]>;
  /** The policy pack evaluated offline over the program's resources. */
  evaluatePolicies(profile: LoadedProfile): Promise<readonly PlanPolicyResult[]>;
  /** Asks the operator; only called when the plan says "prompt". */
  confirm(question: string): Promise<boolean>;
  gitSha(root: string): string | null;
  user(): string;
  /**
   * Proves, in validate, the cloud credential asc's own clients will use (the one the stack's Pulumi provider uses:
   * credentials/settings.ts); the migration runners and rollout checks of the run then use that credential.
   * Absent (test doubles that need no cloud): nothing is checked and clients use the SDK's default chain.
   */
  openCloudSession?(input: OpenSessionInput): Promise<{ readonly identity: string; readonly sources: Readonly<Record<string, string>> }>;
  /** asc doctor: whether the cloud SDK finds working credentials for a region. */
  checkCloudCredentials(cloud: BlueprintConfig["cloud"], region: string, stackConfig?: Readonly<Record<string, string | undefined>>): Promise<CloudCredentialCheck>;
}

export interface CloudCredentialCheck {
  readonly status: "ok" | "problem" | "not checked";
  readonly detail: string;
}

export interface RunContext {
  readonly plan: RunPlan;
  readonly profile: LoadedProfile & { readonly root: string };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: () => Date;
  readonly signal: AbortSignal;
  readonly services: PipelineServices;
  readonly emitter: Emitter;
  readonly secrets: SecretValues;
  readonly reportDir: string;
  /** --expect-version: the version the health endpoints must report. */
  readonly expectVersion?: string;
  /** Runs at the end of validate, once nothing refused the run and before anything changed (asc secrets rotate writes its epochs here). */
  readonly onValidated?: () => Promise<void>;
}

/** Filled in as the phases run; the report is built from it whatever happened. */
export interface RunState {
  gateway?: PulumiGateway;
  stack?: StackGateway;
  backend: string | null;
  /** The profile config with decrypted secrets (after validate). */
  config: BlueprintConfig;
  /** The release the stack ran before this run. */
  previous?: ReleaseRecord;
  /** The images the services run when the run succeeds: the plan's requested ones, the release's for the rest (set in validate). */
  images: ServiceImages;
  /** A rollback: the earlier release it redeploys, from the stack's update history. */
  rollbackOf?: RollbackOf;
  outputs?: StackOutputValues;
  /** The images the migration should run (set by the stack update that moved the migration). */
  migrationImage?: string;
  /** Whether the services already run the target images (release can be skipped). */
  servicesAtTarget: boolean;
  /** What the provision update did to the services (set once provision started). */
  provision?: ProvisionServices;
  phases: PhaseRecord[];
  /** The images each stack update deployed, for the report. */
  phaseImages: Partial<Record<PhaseName, ReleaseRecord>>;
  changes: Partial<Record<PhaseName, ResourceChanges>>;
  policies: readonly PlanPolicyResult[];
  /** What `pulumi preview` showed before each update (its diff and the policy pack's results in the engine). */
  previews: Partial<Record<PhaseName, PreviewRecord>>;
  /** Updates whose changes differ from their preview's. */
  drift: Partial<Record<PhaseName, DiffMismatch>>;
  /** The production confirmation was given (asked once, at the first preview). */
  confirmed?: boolean;
  migration: MigrationResult | null;
  /** asc:migrations.steps run after the migration, in order (a failed one ends the list). */
  releaseSteps: ReleaseStepResult[];
  health: readonly HealthCheckResult[];
  /** The platform's view of the services after each update that moved them, and in verify. */
  rollout: Partial<Record<PhaseName, readonly ServiceRollout[]>>;
  rollback: { images: ServiceImages; result: PhaseResult; message?: string } | null;
  error: string | null;
}

export interface PreviewRecord {
  readonly changes: readonly ResourceDiffEntry[];
  readonly policies: readonly PlanPolicyResult[];
}

/** A phase that fails with an exit code (migration failed: 5, verification failed: 6, …). */
export class PhaseFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = "PhaseFailure";
  }
}

/** A phase that decides not to run, with the reason. */
export class PhaseSkipped {
  constructor(readonly message: string) {}
}

/** Stack outputs as plain values (secret ones included: callers must not print them). */
export function plainOutputs(outputs: StackOutputValues | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(outputs ?? {}).map(([k, v]) => [k, v.value]));
}

/** Stack outputs for the report: every secret value, whole or nested, as "[secret]". */
export function maskedOutputs(outputs: StackOutputValues | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(outputs ?? {}).map(([k, v]) => [k, v.secret ? "[secret]" : "masked" in v ? v.masked : v.value]));
}

const SECRET_MARK = "[secret]";

/** The strings of `plain` that `masked` hides: everything below a "[secret]" that is not itself "[secret]" in `plain`. */
function hiddenStrings(plain: unknown, masked: unknown, found: string[]): void {
  if (masked === SECRET_MARK && plain !== SECRET_MARK) {
    const walk = (v: unknown) => {
      if (typeof v === "string") found.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object") Object.values(v).forEach(walk);
    };
    walk(plain);
  } else if (Array.isArray(plain) && Array.isArray(masked)) {
    plain.forEach((v, i) => hiddenStrings(v, masked[i], found));
  } else if (plain && typeof plain === "object" && masked && typeof masked === "object") {
    for (const [k, v] of Object.entries(plain)) hiddenStrings(v, (masked as Record<string, unknown>)[k], found);
  }
}

/** Every string inside the secret stack outputs (whole or nested), to be redacted wherever it shows up. */
export function secretStrings(outputs: StackOutputValues | undefined): string[] {
  const found: string[] = [];
  for (const v of Object.values(outputs ?? {})) hiddenStrings(v.value, v.secret ? SECRET_MARK : "masked" in v ? v.masked : v.value, found);
  return found;
}
