import { AscUserError } from "../../errors.js";
import { createCommand } from "../command.js";
import { withChangeOptions } from "../lib/pipeline-args.js";
import { loadProfileFromArgs } from "../lib/profile-args.js";

export const rollbackCommand = createCommand({
  command: "rollback",
  describe: "Redeploy the images of an earlier successful run (from its report); no migrations unless --migrations after",
  builder: (y) =>
    withChangeOptions(y)
      .option("profile", { alias: "p", type: "string", demandOption: true, describe: "Profile to use: stacks/Pulumi.<profile>.yaml" })
      .option("to", { type: "string", describe: "Run id of the report whose images to redeploy (default: the last successful run before the current release)" })
      .option("migrations", { choices: ["skip", "after"] as const, default: "skip" as const, describe: "after: run the migration of the rolled-back image once the stack is updated" }),
  examples: [
    ["asc rollback --profile aws-production --yes", "Back to the release before the current one"],
    ["asc rollback --profile aws-production --to 20261120T101500Z-3fa9c1 --yes", "Back to the images of that run"],
  ],
  handler: async (args, ctx) => {
    const profile = await loadProfileFromArgs({ profile: args.profile, set: [], image: [] }, ctx);
    const { readReports, releasedImagesOf } = await import("../../deploy/pipeline/report.js");
    const { reportDirFor, runPipelineCommand } = await import("../lib/pipeline-run.js");
    const reportDir = reportDirFor(ctx, profile.root, args["report-dir"]);
    const reports = readReports(reportDir, profile.profile);
    const released = reports.filter((r) => releasedImagesOf(r));
    let target;
    if (args.to) {
      target = reports.find((r) => r.runId === args.to);
      if (!target || !releasedImagesOf(target)) {
        throw new AscUserError(`No successful run ${args.to} of ${profile.profile}`, [{ path: "--to", value: args.to, message: target ? `that run ${target.status}; only a successful deploy, rollback or rotation left known images` : `no report of that run in ${reportDir}`, allowed: released.map((r) => r.runId).join(", ") || "(no successful runs recorded)", fix: "pass the run id of a successful run (see the reports folder), or --report-dir where the reports are" }]);
      }
    } else {
      const current = released[0] ? releasedImagesOf(released[0])! : undefined;
      target = released.find((r) => { const i = releasedImagesOf(r)!; return !current || i.api !== current.api || i.web !== current.web; });
      if (!target) throw new AscUserError(`Nothing to roll back to for ${profile.profile}`, [{ path: "--to", message: `no earlier successful run with other images in ${reportDir}`, fix: "pass --to <run-id> of an earlier run, or --report-dir where the reports are" }]);
    }
    return runPipelineCommand(ctx, profile, { kind: "rollback", images: releasedImagesOf(target)!, migrations: args.migrations, yes: args.yes, rollbackOnFailure: false }, { json: args.json, reportDir: args["report-dir"], debug: args.debug });
  },
});
