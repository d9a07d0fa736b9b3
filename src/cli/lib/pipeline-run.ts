/**
 * Runs a pipeline plan from a command: makes the run id, plans, picks the renderer (NDJSON, plain, TTY), redacts
 * every event before it is rendered, executes, and returns the exit code. A crash is rethrown (redacted) after the report exists.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { LoadedProfile } from "../../config/load.js";
import { requestedImageServices } from "../../config/release-images.js";
import type { ExitCode } from "../../errors.js";
import { createEmitter } from "../../deploy/pipeline/events.js";
import { executeRun, type RunOutcome } from "../../deploy/pipeline/executor.js";
import { planRun, type RunRequest } from "../../deploy/pipeline/plan.js";
import { SecretValues } from "../../deploy/pipeline/secret-values.js";
import { defaultPipelineServices } from "../../deploy/pipeline/services.js";
import type { CliContext, OutputStream } from "../context.js";
import { chooseRenderer, createRenderer } from "./event-renderers.js";

export interface PipelineOptions {
  readonly json: boolean;
  readonly reportDir?: string;
  readonly expectVersion?: string;
  readonly debug: boolean;
  /** See RunContext.onValidated. */
  readonly onValidated?: () => Promise<void>;
}

/** A sortable, file-name-safe correlation id: 20261121T120000Z-3fa9c1. */
export function newRunId(now: Date): string {
  return `${now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z")}-${randomBytes(3).toString("hex")}`;
}

export function reportDirFor(ctx: CliContext, root: string, flag?: string): string {
  const dir = flag ?? ctx.env.ASC_REPORT_DIR;
  return dir ? path.resolve(ctx.cwd, dir) : path.join(root, "var", "reports");
}

/** Human output is text: a last redaction pass over it is sound (NDJSON is not: its events are redacted as objects). */
const redacting = (stream: OutputStream, secrets: SecretValues): OutputStream => ({ write: (s: string) => stream.write(secrets.redact(s)), isTTY: stream.isTTY });

export async function runPipeline(
  ctx: CliContext,
  profile: LoadedProfile & { readonly root: string },
  request: Omit<RunRequest, "runId" | "profile" | "config" | "interactive">,
  options: PipelineOptions,
): Promise<RunOutcome> {
  const runId = newRunId(ctx.now());
  const requestedImages = request.requestedImages ?? requestedImageServices(profile.provenance);
  const plan = planRun({ ...request, requestedImages, runId, profile: profile.profile, config: profile.config, interactive: ctx.prompt !== undefined });
  const secrets = SecretValues.forProfile(profile.config, ctx.env);
  const kind = chooseRenderer(options.json, ctx.stdout);
  const sink = createRenderer(kind, kind === "ndjson" ? ctx.stdout : redacting(ctx.stdout, secrets));
  const services = { ...defaultPipelineServices({ env: ctx.env, projectRoot: profile.root, prompt: ctx.prompt, debug: options.debug }), ...ctx.services };
  const outcome = await executeRun({
    plan,
    profile,
    env: ctx.env,
    now: ctx.now,
    signal: ctx.signal ?? new AbortController().signal,
    services,
    emitter: createEmitter(runId, ctx.now, sink, secrets.redact),
    secrets,
    reportDir: reportDirFor(ctx, profile.root, options.reportDir),
    ...(options.expectVersion ? { expectVersion: options.expectVersion } : {}),
    ...(options.onValidated ? { onValidated: options.onValidated } : {}),
  });
  if (outcome.crash !== undefined) {
    const error = outcome.crash instanceof Error ? outcome.crash : new Error(String(outcome.crash));
    const redacted = new Error(secrets.redact(error.message));
    redacted.stack = secrets.redact(error.stack ?? "");
    throw redacted;
  }
  return outcome;
}

export async function runPipelineCommand(...args: Parameters<typeof runPipeline>): Promise<ExitCode> {
  return (await runPipeline(...args)).exitCode as ExitCode;
}
