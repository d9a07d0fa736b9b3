import { createCommand } from "../command.js";
import { withChangeOptions } from "../lib/pipeline-args.js";
import { loadProfileFromArgs } from "../lib/profile-args.js";

/**
 * The target release comes from the stack's update history (deploy/pipeline/release-history.ts), which every
 * backend keeps, so a rollback works from a fresh checkout with no local reports.
 */
export const rollbackCommand = createCommand({
  command: "rollback",
  describe: "Redeploy an earlier release from the stack's update history; no migrations unless --migrations after",
  builder: (y) =>
    withChangeOptions(y)
      .option("profile", { alias: "p", type: "string", demandOption: true, describe: "Profile to use: stacks/Pulumi.<profile>.yaml" })
      .option("to", { type: "string", describe: "Run id whose release to redeploy, as the stack's update messages name it (default: the newest release with other images than the current one)" })
      .option("migrations", { choices: ["skip", "after"] as const, default: "skip" as const, describe: "after: run the migration of the rolled-back image once the stack is updated" }),
  examples: [
    ["asc rollback --profile aws-production --yes", "Back to the release before the current one"],
    ["asc rollback --profile aws-production --to 20261120T101500Z-3fa9c1 --yes", "Back to the release of that run"],
  ],
  handler: async (args, ctx) => {
    const profile = await loadProfileFromArgs({ profile: args.profile, set: [], image: [] }, ctx);
    const { runPipelineCommand } = await import("../lib/pipeline-run.js");
    return runPipelineCommand(ctx, profile, { kind: "rollback", ...(args.to !== undefined ? { rollbackTo: args.to } : {}), migrations: args.migrations, yes: args.yes, rollbackOnFailure: false }, { json: args.json, reportDir: args["report-dir"], debug: args.debug });
  },
});
