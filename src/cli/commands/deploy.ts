import { createCommand } from "../command.js";
import { checkMigrationRunner, MIGRATION_MODES, withChangeOptions, withMigrationRunnerOption } from "../lib/pipeline-args.js";
import { loadProfileFromArgs, withProfileOptions } from "../lib/profile-args.js";

export const deployCommand = createCommand({
  command: "deploy",
  describe: "Deploy a profile: validate → provision → migrate → release → verify, then write the run report",
  builder: (y) =>
    withMigrationRunnerOption(withChangeOptions(withProfileOptions(y)))
      .option("migrations", { choices: MIGRATION_MODES, describe: "release: migrate before the services move (default: asc:migrations.mode); after: up everything, then migrate; skip" })
      .option("rollback-on-failure", { type: "boolean", default: false, describe: "When verification fails, or the release fails or is only partly rolled out (a failed update, or a rollout the platform did not confirm), redeploy the previously released images" })
      .option("expect-version", { type: "string", describe: "Fail verification unless the health endpoints report this version" })
      .option("init", { type: "boolean", default: false, describe: "Create the stack when it does not exist, with the profile file's secretsprovider. Staging and production need it for their first deploy (asc never creates them implicitly); dev creates its stack anyway" }),
  examples: [
    ["asc deploy --profile aws-staging --image api=ghcr.io/acme/api@sha256:… --image web=ghcr.io/acme/web@sha256:…", "Release new images: migrate first, then roll the services"],
    ["asc deploy --profile aws-production --yes --json --rollback-on-failure", "CI: no prompt, NDJSON events, roll back when health checks fail"],
    ["asc deploy --profile aws-staging --init", "First deploy of a staging stack: create it on the current backend"],
  ],
  handler: async (args, ctx) => {
    const profile = await loadProfileFromArgs(args, ctx);
    checkMigrationRunner(profile.config.tier, args["migration-runner"]);
    const { runPipelineCommand } = await import("../lib/pipeline-run.js");
    return runPipelineCommand(ctx, profile, {
      kind: "deploy",
      migrationRunner: args["migration-runner"],
      ...(args.migrations ? { migrations: args.migrations } : {}),
      yes: args.yes,
      rollbackOnFailure: args["rollback-on-failure"],
      init: args.init,
    }, { json: args.json, reportDir: args["report-dir"], expectVersion: args["expect-version"], debug: args.debug });
  },
});
