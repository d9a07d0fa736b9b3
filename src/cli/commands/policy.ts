import { ExitCode } from "../../errors.js";
import { createCommand, createGroup } from "../command.js";
import { loadProfileFromArgs, withProfileOptionsNoImage } from "../lib/profile-args.js";

export const policyConfigCommand = createCommand({
  command: "config",
  describe: "Write the CrossGuard pack config for a profile (tier, exemptions) and print the pulumi command that uses it",
  builder: (y) => withProfileOptionsNoImage(y),
  examples: [["asc policy config --profile aws-staging", "Write var/policy/aws-staging.json for pulumi preview --policy-pack"]],
  handler: async (args, ctx) => {
    const profile = await loadProfileFromArgs(args, ctx);
    const { writePolicyPackConfig } = await import("../../deploy/pulumi/policy-pack.js");
    const path = await import("node:path");
    const files = await writePolicyPackConfig(profile.root, profile.profile, profile.config);
    const rel = (p: string) => path.relative(ctx.cwd, p) || ".";
    ctx.stdout.write(`wrote ${rel(files.configFile)} (tier ${profile.config.tier}, ${profile.config.policyExemptions.length} exemption(s))\n`);
    ctx.stdout.write(`run: pulumi preview -s ${profile.profile} --policy-pack ${rel(files.dir)} --policy-pack-config ${rel(files.configFile)}\n`);
    return ExitCode.ok;
  },
});

export const policyIamCommand = createCommand({
  command: "iam",
  describe: "Print the IAM policy (JSON) an operator or CI role needs to run asc deploy for an AWS profile",
  builder: (y) =>
    withProfileOptionsNoImage(y).option("scope", {
      choices: ["deploy", "runtime"] as const,
      default: "deploy" as const,
      describe: "deploy: everything asc deploy needs (Pulumi's resources and asc's own calls); runtime: only asc's own calls (asc migrate, asc verify, the rollout check)",
    }),
  examples: [
    ["asc policy iam --profile aws-production > deploy-policy.json", "The policy document to attach to the deploy role"],
    ["asc policy iam --profile aws-production --scope runtime", "What a role that only migrates and verifies needs"],
  ],
  handler: async (args, ctx) => {
    const profile = await loadProfileFromArgs(args, ctx);
    if (profile.config.cloud !== "aws") {
      const { AscUserError } = await import("../../errors.js");
      throw new AscUserError("asc policy iam is for AWS profiles", [{ path: "--profile", value: profile.profile, message: `${profile.profile} is an Azure profile; Azure access is granted with role assignments, not an IAM policy`, allowed: "an AWS profile", fix: "see docs/azure.md for the roles a deploy identity needs" }]);
    }
    // The plan's resource types come from the offline preview: the same program, the same profile.
    const { runOfflinePreview } = await import("../../preview/offline.js");
    const plan = await runOfflinePreview(profile, undefined, { debug: args.debug });
    const { deployPolicy } = await import("../../deploy/iam/deploy-policy.js");
    const managedPolicyArns = plan.resources.filter((r) => r.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((r) => String(r.inputs.policyArn));
    const document = deployPolicy({ name: profile.config.name, region: profile.config.region, resourceTypes: [...new Set(plan.resources.map((r) => r.type))], managedPolicyArns, scope: args.scope });
    ctx.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    return ExitCode.ok;
  },
});

export const policyCommand = createGroup({ command: "policy", describe: "The CrossGuard policy pack config, and the IAM policy a deploy role needs", subcommands: [policyConfigCommand, policyIamCommand] });
