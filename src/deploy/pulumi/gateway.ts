/**
 * What the deploy pipeline needs from Pulumi, as an interface: the Automation API implements it (automation.ts);
 * tests drive that implementation against a fake `pulumi` executable. Types only.
 */
import type { EngineEvent } from "@pulumi/pulumi/automation/index.js";

export type { EngineEvent };

/**
 * Stack outputs as the CLI reports them: each value (plaintext, `stack output --show-secrets`), whether the whole
 * value is secret, and the value as plain `stack output` prints it, where every secret, however deep inside an object
 * or array, is "[secret]" (pkg/backend/display/json.go, massagePropertyValue). `masked` is absent when the caller
 * only knows the top-level flag (then a secret value is masked whole).
 */
export type StackOutputValues = Readonly<Record<string, { readonly value: unknown; readonly secret: boolean; readonly masked?: unknown }>>;

/** Stack config as `pulumi config --show-secrets --json` reports it (decrypted). */
export type StackConfigValues = Readonly<Record<string, { readonly value: string; readonly secret: boolean }>>;

/** Counts of resource operations, e.g. `{ create: 3, update: 1, same: 40 }`. */
export type ResourceChanges = Readonly<Record<string, number>>;

/** The program an update runs in-process (an inline program): returns the stack outputs. */
export type InlineProgram = () => Promise<Record<string, unknown>>;

export interface StackOperationOptions {
  readonly program: InlineProgram;
  /** Shown in `pulumi stack history`: asc puts the run id and the images there. */
  readonly message: string;
  readonly onEvent?: (event: EngineEvent) => void;
  /** Aborting sends SIGINT to the running `pulumi`, which cancels the operation cleanly. */
  readonly signal?: AbortSignal;
  /** asc's CrossGuard pack and the profile's pack config (`--policy-pack`, `--policy-pack-config`). */
  readonly policyPack?: { readonly dir: string; readonly configFile: string };
}

export interface StackUpdateResult {
  readonly changes: ResourceChanges;
  readonly durationSeconds?: number;
  readonly outputs: StackOutputValues;
}

export interface StackPreviewResult {
  readonly changes: ResourceChanges;
}

/**
 * One update as `pulumi stack history --json` prints it (updateInfoJSON in pkg/cmd/pulumi/stack/stack_history.go,
 * v3.248.0; the CLI's own default page size is 10). asc reads the version, kind, message, result and times.
 */
export interface StackHistoryEntry {
  readonly version: number;
  /** update, refresh, destroy, import, … */
  readonly kind: string;
  readonly message: string;
  /** succeeded, failed or in-progress; absent on very old entries. */
  readonly result?: string;
  readonly startTime?: string;
  readonly endTime?: string;
}

export interface HistoryPage {
  readonly pageSize: number;
  /** From 1. */
  readonly page: number;
}

export interface StackGateway {
  readonly name: string;
  outputs(): Promise<StackOutputValues>;
  config(): Promise<StackConfigValues>;
  /**
   * One page of the stack's update history, newest first (`pulumi stack history --json --page-size n --page p`,
   * without --show-secrets, so no secrets provider is needed). Previews are not in it; a page past the end is empty
   * (pkg/backend/diy/state.go getHistory and the service's GetHistory, v3.248.0).
   */
  history(page: HistoryPage): Promise<readonly StackHistoryEntry[]>;
  up(options: StackOperationOptions): Promise<StackUpdateResult>;
  preview(options: StackOperationOptions): Promise<StackPreviewResult>;
  /** `pulumi cancel`: stops an update whose process is gone (a stale lock on the Pulumi Cloud backend). */
  cancel(): Promise<void>;
}

export interface WhoAmI {
  readonly user: string;
  /** The backend URL (https://api.pulumi.com, s3://…, file://…). */
  readonly url?: string;
}

export interface OpenStackOptions {
  readonly stackName: string;
  /** The project folder (Pulumi.yaml with stackConfigDir); the CLI reads stacks/Pulumi.<stack>.yaml from there. */
  readonly workDir: string;
  /** Create the stack when it does not exist (deploy); otherwise a missing stack is an error (env, verify). */
  readonly create: boolean;
  /** e.g. awskms://alias/x or azurekeyvault://…; only used when the stack is created. */
  readonly secretsProvider?: string;
}

export interface PulumiGateway {
  /** The CLI version, e.g. 3.200.0. */
  readonly version: string;
  readonly command: string;
  openStack(options: OpenStackOptions): Promise<StackGateway>;
  whoAmI(workDir: string): Promise<WhoAmI>;
}
