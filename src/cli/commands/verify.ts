import { createCommand } from "../command.js";
import { withRunOptions } from "../lib/pipeline-args.js";
import { loadProfileFromArgs, withProfileOptions } from "../lib/profile-args.js";

export const verifyCommand = createCommand({
  command: "verify",
  describe: "Check the health endpoints of a deployed profile (with retries until asc:health.deadlineSeconds) and write a report",
  builder: (y) => withRunOptions(withProfileOptions(y)).option("expect-version", { type: "string", describe: "Fail unless the health endpoints report this version" }),
  examples: [["asc verify --profile aws-production --json", "Exit 6 when an endpoint stays unhealthy"]],
  handler: async (args, ctx) => {
    const profile = await loadProfileFromArgs(args, ctx);
    const { runPipelineCommand } = await import("../lib/pipeline-run.js");
    return runPipelineCommand(ctx, profile, { kind: "verify", yes: true, rollbackOnFailure: false }, { json: args.json, reportDir: args["report-dir"], expectVersion: args["expect-version"], debug: args.debug });
  },
});
