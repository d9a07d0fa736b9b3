/**
 * `asc preview` without --offline: a real `pulumi preview` of the deployed stack through the Automation API (the
 * program runs inline with the profile's config), the env contract diff against what the stack's services run,
 * and the policy results. Exit 3 on a mandatory violation, 4 when the preview fails; secrets are redacted.
 */
import type { LoadedProfile } from "../../config/load.js";
import { CONTRACT_OUTPUT, describeUnapplied, readReleaseRecord, RELEASE_OUTPUT, requestedImageServices, targetImages, unappliedImages, type ServiceImages, type UnappliedImage } from "../../config/release-images.js";
import { ExitCode } from "../../errors.js";
import type { CliContext } from "../context.js";
import type { ContractChange, ContractView } from "./env-contract-io.js";

export interface OnlinePreviewResult {
  readonly version: 1;
  readonly profile: string;
  readonly stack: string;
  readonly changes: Readonly<Record<string, number>>;
  readonly resources: { readonly op: string; readonly name: string; readonly type: string; readonly urn: string }[];
  readonly diagnostics: { readonly severity: string; readonly message: string }[];
  readonly contract: { readonly changes: ContractChange[]; readonly note?: string };
  /**
   * The images the preview deploys (what asc deploy would: --image, else the stack's release) and the profile's
   * asc:images that differ from the release and are not applied.
   */
  readonly images: { readonly target: ServiceImages; readonly released: ServiceImages | null; readonly notApplied: readonly UnappliedImage[] };
  /** source: the offline evaluation, or the pack as the engine ran it in `pulumi preview`. */
  readonly policies: readonly { readonly policy: string; readonly urn: string; readonly enforcement: string; readonly message: string; readonly source: "offline" | "engine" }[];
  readonly error?: string;
}

function render(r: OnlinePreviewResult): string {
  const out = [`Preview of ${r.profile} (stack ${r.stack}): ${Object.entries(r.changes).map(([op, n]) => `${op} ${n}`).join(", ") || "no changes"}`];
  for (const res of r.resources) out.push(`  ${res.op.padEnd(8)} ${res.name}  ${res.type}`);
  for (const d of r.diagnostics) out.push(`  ${d.severity}: ${d.message}`);
  out.push("", `Images: api ${r.images.target.api}, web ${r.images.target.web}${r.images.released ? "" : " (nothing released yet)"}`);
  for (const u of r.images.notApplied) out.push(`  not applied: ${describeUnapplied(u)}`);
  if (r.error) out.push("", `preview failed:\n${r.error}`);
  out.push("", `Env contract vs the deployed stack: ${r.contract.changes.length} change(s)${r.contract.note ? ` (${r.contract.note})` : ""}`);
  for (const c of r.contract.changes) out.push(`  ${c.change === "added" ? "+" : c.change === "removed" ? "-" : "~"} ${c.service} ${c.name}: ${c.before ?? ""}${c.change === "changed" ? " → " : ""}${c.after ?? ""}`);
  const mandatory = r.policies.filter((p) => p.enforcement === "mandatory").length;
  out.push("", `Policies: ${mandatory} mandatory, ${r.policies.length - mandatory} other result(s)`);
  for (const p of r.policies) out.push(`  [${p.enforcement}${p.source === "engine" ? ", engine" : ""}] ${p.policy} on ${p.urn.split("::").pop()}: ${p.message}`);
  return `${out.join("\n")}\n`;
}

export async function runOnlinePreview(ctx: CliContext, profile: LoadedProfile & { readonly root: string }, options: { json: boolean; debug: boolean }): Promise<ExitCode> {
  const { SecretValues } = await import("../../deploy/pipeline/secret-values.js");
  const { withDecryptedSecrets } = await import("../../deploy/pipeline/validate.js");
  const { plainOutputs, secretStrings } = await import("../../deploy/pipeline/run-context.js");
  const { defaultPipelineServices } = await import("../../deploy/pipeline/services.js");
  const { isPulumiCommandFailure } = await import("../../deploy/pulumi/errors.js");
  const { displayName } = await import("../../deploy/pipeline/engine-events.js");
  const { openDeployedStack } = await import("./deployed-stack.js");
  const io = await import("./env-contract-io.js");
  const { contractFromStackOutputs } = await import("../../contract/from-outputs.js");
  const { newRunId } = await import("./pipeline-run.js");

  const secrets = new SecretValues();
  secrets.addFromEnv(ctx.env);
  const services = { ...defaultPipelineServices({ env: ctx.env, projectRoot: profile.root, debug: options.debug }), ...ctx.services };
  const { stack, outputs } = await openDeployedStack(ctx, profile.root, profile.profile);
  secrets.add(...secretStrings(outputs));
  const decrypted = await withDecryptedSecrets(profile.config, stack, secrets);
  // Preview what asc deploy would deploy: the release is stack state, the profile's other images are not applied.
  const released = readReleaseRecord(plainOutputs(outputs)[RELEASE_OUTPUT])?.services;
  const requested = requestedImageServices(profile.provenance);
  const target = targetImages(profile.config.images, requested, released);
  const images: OnlinePreviewResult["images"] = { target, released: released ?? null, notApplied: unappliedImages(profile.config.images, requested, released) };
  const { configForImages } = await import("../../deploy/pipeline/stack-update.js");
  const config = configForImages(decrypted, { services: target, migration: target.api });

  const resources: OnlinePreviewResult["resources"] = [];
  const diagnostics: OnlinePreviewResult["diagnostics"] = [];
  let changes: Record<string, number> = {};
  let error: string | undefined;
  let exitCode: ExitCode = ExitCode.ok;
  const program = async () => {
    const { defineStack } = await import("../../program.js");
    return defineStack(config, { profile: profile.profile, mode: "deploy" });
  };
  // The policy pack's results in the engine (--policy-pack), besides the offline evaluation below.
  const engine = (await import("../../deploy/pipeline/preview-diff.js")).diffCollector();
  try {
    const { writePolicyPackConfig } = await import("../../deploy/pulumi/policy-pack.js");
    const result = await stack.preview({
      program,
      policyPack: await writePolicyPackConfig(profile.root, profile.profile, config),
      message: `asc preview ${newRunId(ctx.now())}`,
      signal: ctx.signal,
      onEvent: (e) => {
        const m = e.resourcePreEvent?.metadata;
        if (m && m.op !== "same") resources.push({ op: m.op, name: displayName(m.urn), type: m.type, urn: m.urn });
        const d = e.diagnosticEvent;
        if (d && (d.severity === "warning" || d.severity === "error")) diagnostics.push({ severity: d.severity, message: d.message.trim() });
        engine.onEvent(e);
      },
    });
    changes = { ...result.changes };
  } catch (e) {
    if (!isPulumiCommandFailure(e)) throw e;
    error = e.kind === "locked" ? (await import("../../deploy/pipeline/stack-update.js")).lockedMessage(profile.profile, e.detail) : e.message;
    exitCode = ExitCode.provisionFailed;
  }

  const deployed = plainOutputs(outputs);
  let contract: OnlinePreviewResult["contract"];
  if (!deployed.contract) contract = { changes: [], note: "the stack has no contract outputs yet" };
  else {
    const next = io.contractView(contractFromStackOutputs(config, deployed as Parameters<typeof contractFromStackOutputs>[1]));
    const recorded = deployed[CONTRACT_OUTPUT] as ContractView | undefined;
    contract = recorded ? { changes: io.diffContracts(recorded, next) } : { changes: io.diffContracts({}, next), note: "the deployed stack does not record its env contract (deployed by an older asc): every variable shows as added" };
  }
  const offline = (await services.evaluatePolicies({ ...profile, config })).map((p) => ({ policy: p.policy, urn: p.urn, enforcement: p.enforcement, message: p.message, source: "offline" as const }));
  const policies = [...offline, ...engine.policies().map((p) => ({ policy: p.policy, urn: p.urn, enforcement: p.enforcement, message: p.message, source: "engine" as const }))];
  // A mandatory violation in the engine also fails the preview command itself: that is exit 3, not 4.
  if (engine.policies().some((p) => p.enforcement === "mandatory")) exitCode = ExitCode.policyViolation;
  if (exitCode === ExitCode.ok && policies.some((p) => p.enforcement === "mandatory")) exitCode = ExitCode.policyViolation;

  const result: OnlinePreviewResult = { version: 1, profile: profile.profile, stack: profile.profile, changes, resources, diagnostics, contract, images, policies, ...(error ? { error } : {}) };
  const { redactDeep } = await import("../../deploy/redact.js");
  const safe = redactDeep(result, secrets.redact);
  ctx.stdout.write(options.json ? `${JSON.stringify(safe, null, 2)}\n` : render(safe));
  return exitCode;
}
