import { createCommand } from "../command.js";
import { loadProfileFromArgs, withProfileOptions } from "../lib/profile-args.js";

export const previewCommand = createCommand({
  command: "preview",
  describe: "Preview a profile's stack: --offline runs the real program under mocks (no cloud, no Pulumi CLI)",
  builder: (y) =>
    withProfileOptions(y)
      .option("offline", { type: "boolean", default: false, describe: "Run in-process under Pulumi mocks; needs no cloud account and no Pulumi CLI" })
      .option("json", { type: "boolean", default: false, describe: "Print plan JSON v1 instead of the human tree" }),
  examples: [
    ["asc preview --profile aws-production --offline", "Show the resource tree, env contract and policy results"],
    ["asc preview --profile aws-production --offline --json", "Print plan JSON v1"],
  ],
  handler: async (args, ctx) => {
    const profile = await loadProfileFromArgs(args, ctx);
    if (!args.offline) {
      const { AscUserError } = await import("../../errors.js");
      throw new AscUserError("Online preview is not available yet", [{ path: "--offline", value: false, message: "asc preview needs --offline in this version", allowed: "--offline", fix: `run asc preview --profile ${args.profile} --offline, or pulumi preview -s ${args.profile} with the Pulumi CLI` }]);
    }
    const { deferPulumiClosureDependencies } = await import("../../preview/lazy-requires.js");
    deferPulumiClosureDependencies();
    const { runOfflinePreview, previewExitCode } = await import("../../preview/offline.js");
    const { evaluatePlanPolicies } = await import("../lib/policies.js");
    const plan = await runOfflinePreview(profile, evaluatePlanPolicies, { debug: args.debug });
    if (args.json) ctx.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
    else {
      const { renderPlan } = await import("../../preview/render.js");
      ctx.stdout.write(renderPlan(plan));
    }
    return previewExitCode(plan);
  },
});
