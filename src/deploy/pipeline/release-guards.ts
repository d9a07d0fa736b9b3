/**
 * Refusals the validate phase makes once it knows the release the stack runs, before anything changes (exit 2):
 * - a first deploy that would start the services before the first migration (--migrations after or skip);
 * - a profile whose rotation epochs are behind the ones the stack's release was deployed with (a checkout that
 *   lacks a rotation would roll the secret back to yet another new value);
 * - asc:holdServices set outside asc deploy (asc sets it itself for a first deploy's provision update).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { passphraseProblem, passphraseState } from "../../config/passphrase.js";
import { readProfileFile } from "../../config/profile-file.js";
import { rotationBehind } from "../../config/release-images.js";
import { AscUserError, type UserProblem } from "../../errors.js";
import { isPulumiCommandFailure } from "../pulumi/errors.js";
import type { PulumiGateway, StackGateway } from "../pulumi/gateway.js";
import type { RunContext, RunState } from "./run-context.js";

/** Whether the run deploys services and needs a migrated database first when the stack has no release yet. */
const deploysServices = (ctx: RunContext) => ctx.plan.kind === "deploy" || ctx.plan.kind === "rotate";

function unmigratedFirstDeploy(ctx: RunContext, why: string): AscUserError {
  const mode = ctx.plan.migrations;
  return new AscUserError(`Refusing a first deploy of ${ctx.plan.stack} with --migrations ${mode}`, [{
    path: "--migrations",
    value: mode,
    message: `${why}: the services would start on an empty database (the worker's billing-stream replay reads stripe_events at startup and exits), so a first deploy migrates before any service runs`,
    allowed: "release (the default): the services are created without running, the migration runs, then they start",
    fix: `run asc ${ctx.plan.kind === "rotate" ? "secrets rotate" : "deploy"} --profile ${ctx.plan.profile} --migrations release (or set asc:migrations.mode: release)`,
  }]);
}

/**
 * Opens the run's stack. A deploy that would not migrate first does not create a missing stack: it is refused
 * instead, so the refusal leaves no empty stack behind.
 */
export async function openRunStack(ctx: RunContext, gateway: PulumiGateway, backend: string | null): Promise<StackGateway> {
  // A stack asc creates gets the profile file's secrets provider (`pulumi stack init --secrets-provider`, which the
  // SDK passes from LocalWorkspaceOptions.secretsProvider, automation/localWorkspace.js createStack).
  const file = readProfileFile(ctx.profile.root, ctx.plan.profile);
  const secretsProvider = file.secretsProvider;
  // Refused before any CLI call: an empty passphrase would encrypt with "" or fail to decrypt far from the cause.
  const passphrase = passphraseProblem(passphraseState(file, ctx.env, backend), file.file);
  if (passphrase) throw new AscUserError("The stack's passphrase is missing", [passphrase]);
  const options = { stackName: qualifiedStackName(ctx, backend), workDir: ctx.profile.root, create: ctx.plan.validate.createStack, ...(secretsProvider ? { secretsProvider } : {}) };
  const open = async (o: typeof options) => {
    try {
      return await gateway.openStack(o);
    } catch (e) {
      if (isPulumiCommandFailure(e) && e.kind === "stack-not-found" && deploysServices(ctx) && ctx.plan.tier !== "dev") throw noSuchStack(ctx, backend);
      throw e;
    }
  };
  if (!deploysServices(ctx) || ctx.plan.migrations === "release" || !options.create) return open(options);
  try {
    return await gateway.openStack({ ...options, create: false });
  } catch (e) {
    if (isPulumiCommandFailure(e) && e.kind === "stack-not-found") throw unmigratedFirstDeploy(ctx, "the stack does not exist yet");
    throw e;
  }
}

/**
 * The stack to select: `<org>/<project>/<stack>` with asc:pulumiOrganization (Pulumi's fully qualified name, which
 * the CLI accepts wherever it takes a stack), else the bare name, which Pulumi Cloud resolves in the CLI's current
 * default organization. Staging and production on Pulumi Cloud without an organization get a warning.
 */
export function qualifiedStackName(ctx: RunContext, backend: string | null): string {
  const org = ctx.profile.config.pulumiOrganization;
  if (org) return `${org}/${projectName(ctx.profile.root)}/${ctx.plan.stack}`;
  const cloud = (backend ?? "").trim().toLowerCase().startsWith("https://");
  if (cloud && ctx.plan.tier !== "dev") {
    ctx.emitter.emit("validate", { type: "log", level: "warn", message: `the stack is selected by its bare name (${ctx.plan.stack}) in the CLI's default organization; set asc:pulumiOrganization in the profile so a CLI logged in to another organization cannot open a different stack` });
  }
  return ctx.plan.stack;
}

function projectName(root: string): string {
  const parsed = parseYaml(readFileSync(path.join(root, "Pulumi.yaml"), "utf8")) as { name?: unknown } | null;
  if (typeof parsed?.name !== "string" || !parsed.name) throw new AscUserError("Pulumi.yaml has no project name", [{ path: "Pulumi.yaml: name", message: "is missing", fix: "set name: in Pulumi.yaml (asc init writes it)" }]);
  return parsed.name;
}

/** Staging and production never create their stack implicitly: the backend may be the wrong one. */
function noSuchStack(ctx: RunContext, backend: string | null): AscUserError {
  return new AscUserError(`The stack ${ctx.plan.stack} does not exist on this backend`, [{
    path: "--init",
    value: backend ?? "(the backend pulumi is logged in to)",
    message: `asc does not create a ${ctx.plan.tier} stack implicitly: a CLI logged in to the wrong backend or organisation would create an empty second stack next to the real one`,
    allowed: "a backend that holds the stack, or --init for the first deploy",
    fix: `check the backend (pulumi whoami -v, PULUMI_BACKEND_URL); if this really is the first deploy, run asc ${ctx.plan.kind === "rotate" ? "deploy" : ctx.plan.kind} --profile ${ctx.plan.profile} --init`,
  }]);
}

export function refuseHoldInProfile(ctx: RunContext): void {
  if (ctx.profile.config.holdServices === undefined) return;
  throw new AscUserError("asc:holdServices is set for asc", [{
    path: "asc:holdServices",
    value: ctx.profile.config.holdServices,
    source: ctx.profile.provenance.get("holdServices"),
    message: "asc deploy holds the services itself, only for the provision update of a stack's first deploy",
    allowed: "unset",
    fix: "remove asc:holdServices from the profile (or unset ASC_HOLD_SERVICES / the --set)",
  }]);
}

/** After the release is known (state.previous): the refusals that need it. */
export function refuseUnsafeRelease(ctx: RunContext, state: RunState): void {
  if (!ctx.plan.validate.secrets) return;
  if (!state.previous && deploysServices(ctx) && ctx.plan.migrations !== "release") throw unmigratedFirstDeploy(ctx, "the stack records no release yet");
  refuseStaleRotation(ctx, state);
}

function refuseStaleRotation(ctx: RunContext, state: RunState): void {
  const recorded = state.previous?.rotation ?? {};
  const current = state.config.secrets.rotation;
  const behind = rotationBehind(recorded, current);
  if (behind.length === 0) return;
  const file = `stacks/Pulumi.${ctx.plan.profile}.yaml`;
  const problems: UserProblem[] = behind.map(([secret, epoch]) => ({
    path: `asc:secrets.rotation.${secret}`,
    value: current[secret] ?? 0,
    source: ctx.profile.provenance.get(`secrets.rotation.${secret}`),
    message: `the stack's release was deployed with epoch ${epoch}; deploying ${current[secret] ?? 0} would generate yet another value and roll the services to it`,
    allowed: `${epoch} or more`,
    fix: `commit the rotated profile from where asc secrets rotate ran (or pull it), so ${file} has ${secret}: ${epoch}`,
  }));
  throw new AscUserError(`The rotation epochs of ${ctx.plan.profile} are behind the stack's release`, problems);
}
