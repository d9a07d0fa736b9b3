import { createCommand } from "../command.js";
import { loadProfileFromArgs, withProfileOptions } from "../lib/profile-args.js";

export const previewCommand = createCommand({
  command: "preview",
  describe: "Preview a profile's stack: a real pulumi preview with the env contract diff and policies, or --offline under mocks (no cloud, no Pulumi CLI)",
  builder: (y) =>
    withProfileOptions(y)
      .option("offline", { type: "boolean", default: false, describe: "Run in-process under Pulumi mocks; needs no cloud account and no Pulumi CLI" })
      .option("json", { type: "boolean", default: false, describe: "Print JSON: plan JSON v1 with --offline, else the preview result (changes, contract diff, policies)" }),
  examples: [
    ["asc preview --profile aws-production --offline", "Show the resource tree, env contract and policy results"],
    ["asc preview --profile aws-production --offline --json", "Print plan JSON v1"],
    ["asc preview --profile aws-staging", "pulumi preview of the deployed stack, the env contract diff and policy results"],
  ],
  handler: async (args, ctx) => {
    const profile = await loadProfileFromArgs(args, ctx);
    if (!args.offline) {
      const { runOnlinePreview } = await import("../lib/online-preview.js");
      return runOnlinePreview(ctx, profile, { json: args.json, debug: args.debug });
    }
    const { runOfflinePreview, previewExitCode } = await import("../../preview/offline.js");
    const { evaluatePlanPolicies } = await import("../lib/policies.js");
    const plan = await runOfflinePreview(profile, evaluatePlanPolicies, { debug: args.debug });
    if (args.json) {
      // Secret values are "[secret]" in the plan already; known values are redacted in the model too, then serialised.
      const { SecretValues } = await import("../../deploy/pipeline/secret-values.js");
      const { redactDeep } = await import("../../deploy/redact.js");
      ctx.stdout.write(`${JSON.stringify(redactDeep(plan, SecretValues.forProfile(profile.config, ctx.env).redact), null, 2)}\n`);
    }
    else {
      const { renderPlan } = await import("../../preview/render.js");
      const { planPoliciesRun } = await import("../../policies/plan-policies.js");
      ctx.stdout.write(renderPlan(plan, { policiesRun: planPoliciesRun(plan, profile.config.cloud).length }));
    }
    return previewExitCode(plan);
  },
});
