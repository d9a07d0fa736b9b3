/**
 * The validate phase: everything that can refuse a run before anything changes. Local checks first (confirmation
 * without a terminal, a file backend in production, images), so a refusal calls nothing; then the stack is opened,
 * its secrets decrypted and checked, the policies evaluated offline, and the released images read.
 */
import { checkAzureEntraAdminPlaceholder } from "../../config/azure-rules.js";
import { backendSource, configuredBackend, fileBackendProblem } from "../../config/backend.js";
import { ENCRYPTED_PLACEHOLDER } from "../../config/load.js";
import { isPinnedByDigest, parseImageRef } from "../../config/image-ref.js";
import { describeUnapplied, readReleaseRecord, RELEASE_OUTPUT, targetImages, unappliedImages, type ReleaseRecord } from "../../config/release-images.js";
import { readProfileFile } from "../../config/profile-file.js";
import { sourceOf } from "../../config/resolve.js";
import { SECRET_CONFIG_KEYS, type BlueprintConfig } from "../../config/schema.js";
import { describeSources } from "../credentials/session.js";
import { plainStackConfig } from "../credentials/settings.js";
import { operatorSecretValues, registryPasswordValue } from "../../contract/operator-secrets.js";
import { AscUserError, ExitCode, type UserProblem } from "../../errors.js";
import type { StackConfigValues, StackGateway } from "../pulumi/gateway.js";
import { openRunStack, refuseHoldInProfile, refuseUnsafeRelease } from "./release-guards.js";
import { findRollbackTarget, newestRelease } from "./release-history.js";
import { plainOutputs, secretStrings, type RunContext, type RunState } from "./run-context.js";
import type { SecretValues } from "./secret-values.js";

export { configuredBackend } from "../../config/backend.js";

function refuseFileBackend(ctx: RunContext, url: string | null, source: string): void {
  const problem = fileBackendProblem(ctx.plan.tier, url, source, ctx.profile.config.region);
  if (problem) throw new AscUserError("A local file backend is refused in production", [problem]);
}

function refuseUnconfirmed(ctx: RunContext): void {
  if (ctx.plan.confirmation !== "refused") return;
  throw new AscUserError(`Refusing to ${ctx.plan.kind} the production profile ${ctx.plan.profile} without confirmation`, [{
    path: "--yes",
    message: "production changes need a confirmation, and there is no terminal to ask (stdin is not a TTY)",
    allowed: "--yes, or a terminal that can answer the prompt",
    fix: `run asc ${ctx.plan.kind} --profile ${ctx.plan.profile} --yes in CI after review, or run it in a terminal`,
  }]);
}

function checkImages(ctx: RunContext, config: BlueprintConfig): void {
  const problems: UserProblem[] = [];
  // A rollback's images come from the stack's history (released before, so checked then), not from the profile.
  const services: [string, string][] = ctx.plan.kind === "rollback" ? [] : [["images.api", ctx.plan.images.api], ["images.web", ctx.plan.images.web]];
  const images: [string, string | undefined][] = [...services, ["--image (migration)", ctx.plan.migrationImage]];
  for (const [where, image] of images) {
    if (!image) continue;
    const parsed = parseImageRef(image);
    if (!parsed.ok) problems.push({ path: where, value: image, message: `not a usable image reference: it ${parsed.reason}`, allowed: "registry/repository:tag or registry/repository@sha256:<digest>", fix: "pass a valid image reference" });
    else if (ctx.plan.tier === "production" && !isPinnedByDigest(image)) problems.push({ path: where, value: image, message: "production images must be pinned by digest", allowed: "registry/repository@sha256:<64 hex>", fix: `resolve the digest (docker buildx imagetools inspect ${image}) and pass it` });
  }
  if (config.migrationImage && ctx.plan.kind !== "migrate" && ctx.plan.kind !== "verify") {
    problems.push({ path: "asc:migrationImage", value: config.migrationImage, source: ctx.profile.provenance.get("migrationImage"), message: "asc deploy moves the migration image itself (migrate, then release)", allowed: "unset for asc deploy", fix: "remove asc:migrationImage from the profile (or unset ASC_MIGRATION_IMAGE); it is only for plain pulumi up" });
  }
  if (problems.length) throw new AscUserError("Invalid images", problems);
}

/** Placeholders the offline preview accepts and a stack update must not apply: a local check, so a refusal calls nothing. */
function refusePlaceholders(ctx: RunContext, config: BlueprintConfig): void {
  if (!ctx.plan.phases.includes("provision")) return;
  const problems = checkAzureEntraAdminPlaceholder(config).map((p) => ({ ...p, source: sourceOf(ctx.profile.provenance, ["azure", "postgresEntraAdmin", "objectId"]) }));
  if (problems.length) throw new AscUserError("The profile still holds a placeholder", problems);
}

/**
 * The config with the profile's secure values decrypted through the CLI (only when some are in use: secrets given
 * as ASC_* variables need none). Every secret value is added to `secrets`. Throws a user error when an operator
 * secret the contract needs is missing.
 */
export async function withDecryptedSecrets(config: BlueprintConfig, stack: StackGateway, secrets: SecretValues): Promise<BlueprintConfig> {
  const encrypted = SECRET_CONFIG_KEYS.some((k) => config[k] === ENCRYPTED_PLACEHOLDER);
  const stackConfig: StackConfigValues = encrypted ? await stack.config() : {};
  secrets.add(...Object.values(stackConfig).filter((v) => v.secret).map((v) => v.value));
  const decrypted: Record<string, unknown> = { ...config };
  for (const key of SECRET_CONFIG_KEYS) {
    if (decrypted[key] === ENCRYPTED_PLACEHOLDER) decrypted[key] = stackConfig[`asc:${key}`]?.value ?? ENCRYPTED_PLACEHOLDER;
  }
  const result = decrypted as BlueprintConfig;
  secrets.add(...SECRET_CONFIG_KEYS.map((k) => result[k]).filter((v) => v !== ENCRYPTED_PLACEHOLDER));
  operatorSecretValues(result, "deploy", ENCRYPTED_PLACEHOLDER);
  registryPasswordValue(result, "deploy", ENCRYPTED_PLACEHOLDER);
  return result;
}

async function evaluatePolicies(ctx: RunContext, state: RunState): Promise<void> {
  state.policies = await ctx.services.evaluatePolicies({ ...ctx.profile, config: state.config });
  for (const p of state.policies) ctx.emitter.emit("validate", { type: "policy", policy: p.policy, enforcement: p.enforcement, message: p.message, urn: p.urn });
  const mandatory = state.policies.filter((p) => p.enforcement === "mandatory");
  if (mandatory.length === 0) return;
  throw new AscUserError(`${mandatory.length} mandatory policy violation(s)`, mandatory.map((p) => ({
    path: `${p.policy} on ${p.urn.split("::").pop()}`,
    message: p.message,
    fix: typeof p.remediation === "string" ? p.remediation : "change the profile so the resource complies, or add an exemption to asc:policyExemptions (policy, resource, reason, expires)",
  })), ExitCode.policyViolation);
}

/**
 * The release the stack runs: its `release` output; for a stack deployed before asc recorded that output, the newest
 * release in its update history (release-history.ts). Never a local report: another checkout has none.
 */
async function previousRelease(state: RunState, stack: StackGateway): Promise<ReleaseRecord | undefined> {
  const recorded = readReleaseRecord(plainOutputs(state.outputs)[RELEASE_OUTPUT]);
  if (recorded) return recorded;
  if (Object.keys(state.outputs ?? {}).length === 0) return undefined;
  return (await newestRelease(stack))?.release;
}

/**
 * The release is stack state: what the services run changes only when asked (--image, a rollback), so a deploy from
 * a checkout with other asc:images (stale, or edited and not yet released) keeps the released images and says so.
 * A rollback's target is an earlier release from the stack's update history.
 */
async function resolveTargetImages(ctx: RunContext, state: RunState, stack: StackGateway): Promise<void> {
  if (ctx.plan.kind === "verify") return;
  const released = state.previous?.services;
  if (ctx.plan.kind === "rollback") {
    const target = await findRollbackTarget(stack, released, ctx.plan.rollbackTo);
    state.images = target.release.services;
    state.rollbackOf = { runId: target.runId, version: target.version, ...(target.startTime ? { startTime: target.startTime } : {}) };
    ctx.emitter.emit("validate", { type: "log", level: "info", message: `rolling back to the release of run ${target.runId} (stack update ${target.version}${target.startTime ? `, ${target.startTime}` : ""}): api ${target.release.services.api}, web ${target.release.services.web}` });
    return;
  }
  state.images = targetImages(ctx.plan.images, ctx.plan.requested, released);
  for (const u of unappliedImages(ctx.plan.images, ctx.plan.requested, released)) ctx.emitter.emit("validate", { type: "log", level: "warn", message: `${describeUnapplied(u)}; this ${ctx.plan.kind} keeps ${u.released}` });
}

/** A production run without a stack update (asc migrate of the recorded image) confirms here. */
async function confirmWithoutUpdate(ctx: RunContext, state: RunState): Promise<void> {
  const from = state.previous ? `api ${state.previous.services.api}, web ${state.previous.services.web}` : "(nothing released yet)";
  const question = `${ctx.plan.kind} production stack ${ctx.plan.stack}: ${from}; no stack update. Continue? [y/N] `;
  if (await ctx.services.confirm(question)) return;
  throw new AscUserError("Not confirmed", [{ path: "confirmation", message: "the operator did not confirm the production change", fix: "answer y to continue, or pass --yes" }]);
}

/**
 * The stack config Pulumi's provider reads for its credentials (`aws:*`, `azure-native:*`): the profile file's plain
 * values, and its secure ones decrypted through the CLI when there are any.
 */
async function providerConfig(ctx: RunContext, state: RunState): Promise<Record<string, string>> {
  const namespace = ctx.profile.config.cloud === "aws" ? "aws:" : "azure-native:";
  const raw = Object.fromEntries(Object.entries(readProfileFile(ctx.profile.root, ctx.plan.profile).otherNamespaces).filter(([k]) => k.startsWith(namespace)));
  const config = plainStackConfig(raw);
  const secure = Object.keys(raw).filter((k) => !(k in config));
  if (secure.length && state.stack) {
    const decrypted = await state.stack.config();
    for (const key of secure) {
      const value = decrypted[key];
      if (value) {
        config[key] = value.value;
        ctx.secrets.add(value.value);
      }
    }
  }
  return config;
}

/** Gets an identity with the credential the migration runner and rollout checks will use, before anything changes. */
async function proveCloudCredentials(ctx: RunContext, state: RunState): Promise<void> {
  if (!ctx.services.openCloudSession) return;
  const session = await ctx.services.openCloudSession({ cloud: ctx.profile.config.cloud, region: ctx.profile.config.region, stackConfig: await providerConfig(ctx, state), env: ctx.env });
  ctx.emitter.emit("validate", { type: "log", level: "info", message: `cloud credentials: ${session.identity} (${describeSources(session.sources)})` });
}

export async function validatePhase(ctx: RunContext, state: RunState): Promise<void> {
  // asc verify only reads the stack; everything else changes it (or the database).
  const changes = ctx.plan.kind !== "verify";
  refuseUnconfirmed(ctx);
  state.backend = configuredBackend(ctx.profile.root, ctx.env);
  if (changes) refuseFileBackend(ctx, state.backend, backendSource(ctx.env));
  checkImages(ctx, state.config);
  refusePlaceholders(ctx, state.config);
  if (changes) refuseHoldInProfile(ctx);

  state.gateway = await ctx.services.pulumi();
  if (changes && state.backend === null && ctx.plan.tier === "production") {
    state.backend = (await state.gateway.whoAmI(ctx.profile.root)).url ?? null;
    refuseFileBackend(ctx, state.backend, "pulumi login (the current backend)");
  }
  state.stack = await openRunStack(ctx, state.gateway, state.backend);
  if (ctx.plan.validate.secrets) state.config = await withDecryptedSecrets(state.config, state.stack, ctx.secrets);
  if (ctx.plan.validate.policies) await evaluatePolicies(ctx, state);
  state.outputs = await state.stack.outputs();
  ctx.secrets.add(...secretStrings(state.outputs));
  state.previous = await previousRelease(state, state.stack);
  await resolveTargetImages(ctx, state, state.stack);
  refuseUnsafeRelease(ctx, state);
  await proveCloudCredentials(ctx, state);
  // A production prompt is asked before the first update, with its preview's diff (stack-update.ts); onValidated
  // runs once it is answered, so nothing is written when the operator says no.
  if (ctx.plan.confirmation === "prompt" && !ctx.plan.phases.includes("provision")) await confirmWithoutUpdate(ctx, state);
  if (ctx.plan.confirmation !== "prompt" || !ctx.plan.phases.includes("provision")) await ctx.onValidated?.();
}
