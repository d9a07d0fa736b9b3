import { createCommand } from "../command.js";
import { checkMigrationRunner, withChangeOptions, withMigrationRunnerOption } from "../lib/pipeline-args.js";
import { loadProfileFromArgs } from "../lib/profile-args.js";

export const migrateCommand = createCommand({
  command: "migrate",
  describe: "Run the database migration of a deployed profile (ECS task / Container Apps Job); --image first moves the migration to that image, services untouched",
  builder: (y) =>
    withMigrationRunnerOption(withChangeOptions(y))
      .option("profile", { alias: "p", type: "string", demandOption: true, describe: "Profile to use: stacks/Pulumi.<profile>.yaml" })
      .option("set", { type: "string", array: true, default: [] as string[], describe: "Override a profile key: --set migrations.timeoutSeconds=1800 (repeatable)" })
      .option("image", { type: "string", describe: "Migrate to this api image (pulumi up moves only the migration task or job to it first)" }),
  examples: [
    ["asc migrate --profile aws-staging", "Re-run the migration of the released image"],
    ["asc migrate --profile aws-staging --image ghcr.io/acme/api@sha256:…", "Migrate ahead of a release"],
  ],
  handler: async (args, ctx) => {
    const profile = await loadProfileFromArgs({ profile: args.profile, set: args.set, image: [] }, ctx);
    checkMigrationRunner(profile.config.tier, args["migration-runner"]);
    const { runPipelineCommand } = await import("../lib/pipeline-run.js");
    return runPipelineCommand(ctx, profile, { kind: "migrate", migrationRunner: args["migration-runner"], yes: args.yes, rollbackOnFailure: false, ...(args.image ? { migrationImage: args.image } : {}) }, { json: args.json, reportDir: args["report-dir"], debug: args.debug });
  },
});
