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

export const policyCommand = createGroup({ command: "policy", describe: "The CrossGuard policy pack: config", subcommands: [policyConfigCommand] });
