import { AscUserError, ExitCode } from "../../errors.js";
import type { GeneratedSecret } from "../../config/schema.js";
import { createCommand, createGroup } from "../command.js";
import { MIGRATION_MODES, withChangeOptions } from "../lib/pipeline-args.js";
import { loadProfileFromArgs } from "../lib/profile-args.js";

export const secretsRotateCommand = createCommand({
  command: "rotate",
  describe: "Regenerate generated secrets: bump asc:secrets.rotation.<name> in the profile file (comments kept), then deploy",
  builder: (y) =>
    withChangeOptions(y)
      .option("profile", { alias: "p", type: "string", demandOption: true, describe: "Profile to use: stacks/Pulumi.<profile>.yaml" })
      .option("secret", { type: "string", array: true, describe: "A generated secret to rotate (repeatable): secretKey, authPasswordPepper, signingSecret, databasePassword, redisAuthToken, … (docs/config.md, asc:secrets.rotation)" })
      .option("all-generated", { type: "boolean", default: false, describe: "Rotate every generated secret" })
      .option("migrations", { choices: MIGRATION_MODES, describe: "Migration mode of the deploy that follows (default: asc:migrations.mode)" }),
  examples: [
    ["asc secrets rotate --profile aws-staging --secret databasePassword", "New database password on the next deploy, which runs now"],
    ["asc secrets rotate --profile aws-dev --all-generated --yes", "Regenerate every generated secret"],
  ],
  handler: async (args, ctx) => {
    const { GENERATED_SECRETS } = await import("../../config/schema.js");
    const unknown = (args.secret ?? []).filter((s) => !(GENERATED_SECRETS as readonly string[]).includes(s));
    if (unknown.length) {
      const { didYouMean } = await import("../../config/did-you-mean.js");
      throw new AscUserError("Unknown generated secret", unknown.map((s) => ({ path: "--secret", value: s, message: `not a generated secret${didYouMean(s, GENERATED_SECRETS) ? `; did you mean "${didYouMean(s, GENERATED_SECRETS)}"?` : ""}`, allowed: GENERATED_SECRETS.join(", "), fix: "pass one of the allowed names" })));
    }
    const requested = (args["all-generated"] ? [...GENERATED_SECRETS] : [...new Set(args.secret ?? [])]) as GeneratedSecret[];
    if (requested.length === 0 || (args["all-generated"] && (args.secret ?? []).length > 0)) {
      throw new AscUserError("Name the secrets to rotate", [{ path: "--secret", message: requested.length === 0 ? "no secret named" : "--secret and --all-generated exclude each other", allowed: GENERATED_SECRETS.join(", "), fix: "pass --secret <name> (repeatable) or --all-generated" }]);
    }
    const before = await loadProfileFromArgs({ profile: args.profile, set: [], image: [] }, ctx);
    const { NOT_ROTATABLE, bumpRotationEpochs, unrotatableSecretProblems } = await import("../lib/rotation.js");
    const refused = args["all-generated"] ? [] : unrotatableSecretProblems(before.config.cloud, requested);
    if (refused.length) throw new AscUserError(`Refusing to rotate ${refused.map((p) => p.value).join(", ")} on the ${before.config.cloud} profile ${before.profile}; nothing was changed`, refused);
    const skipped = requested.filter((s) => NOT_ROTATABLE[before.config.cloud].includes(s));
    if (skipped.length) ctx.stderr.write(`--all-generated on ${before.config.cloud}: ${skipped.join(", ")} cannot be rotated by epoch there and is left out (docs/runbooks/secret-rotation.md).\n`);
    const chosen = requested.filter((s) => !skipped.includes(s));
    if (before.config.tier === "production" && !args.yes && !ctx.prompt) {
      throw new AscUserError(`Refusing to rotate secrets of the production profile ${before.profile} without confirmation`, [{ path: "--yes", message: "the rotation deploys at once, production changes need a confirmation, and there is no terminal to ask", allowed: "--yes, or a terminal that can answer the prompt", fix: `run asc secrets rotate --profile ${before.profile} --yes after review` }]);
    }
    const overridden = chosen.filter((s) => /^(env|flag) /.test(before.provenance.get(`secrets.rotation.${s}`) ?? ""));
    if (overridden.length) {
      throw new AscUserError("A rotation epoch is set outside the profile file", overridden.map((s) => ({ path: `asc:secrets.rotation.${s}`, source: before.provenance.get(`secrets.rotation.${s}`), message: "the override would win over the bumped value in the file", fix: "unset the ASC_SECRETS__ROTATION__* variable, then run asc secrets rotate again" })));
    }
    const bumped = bumpRotationEpochs(before.root, before.profile, chosen, before.config.secrets.rotation);
    for (const b of bumped.bumps) ctx.stderr.write(`${before.file}: asc:secrets.rotation.${b.secret} ${b.from} → ${b.to}\n`);
    const profile = await loadProfileFromArgs({ profile: args.profile, set: [], image: [] }, ctx);
    const { runPipeline } = await import("../lib/pipeline-run.js");
    const outcome = await runPipeline(ctx, profile, { kind: "rotate", ...(args.migrations ? { migrations: args.migrations } : {}), yes: args.yes, rollbackOnFailure: false }, { json: args.json, reportDir: args["report-dir"], debug: args.debug });
    if (outcome.exitCode === ExitCode.ok) return ExitCode.ok;
    // Refused before anything changed (e.g. this checkout's epochs are behind the stack's release): the file goes back as it was.
    if (outcome.report.phases.find((p) => p.name === "validate")?.result === "failed" && bumped.restore()) ctx.stderr.write(`The rotation was refused before anything changed; ${before.file} is restored.\n`);
    else ctx.stderr.write(`The deploy did not succeed; ${before.file} keeps the new epochs, so the next asc deploy rotates them.\n`);
    return outcome.exitCode as ExitCode;
  },
});

export const secretsCommand = createGroup({ command: "secrets", describe: "Manage generated secrets: rotate", subcommands: [secretsRotateCommand] });
