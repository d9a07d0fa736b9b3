import { ExitCode } from "../../errors.js";
import { createCommand } from "../command.js";

export const initCommand = createCommand({
  command: "init",
  describe: "Scaffold an asc project in this folder (package.json, Pulumi.yaml, the program, a profile), or add a profile to one",
  builder: (y) =>
    y
      .option("profile", { alias: "p", type: "string", describe: "Profile to create: stacks/Pulumi.<profile>.yaml (wins over `profile` in the answers file)" })
      .option("answers", { type: "string", describe: "YAML file of the profile's asc keys (without the asc: prefix) plus profile; secrets come from ASC_* variables" })
      .option("non-interactive", { type: "boolean", default: false, describe: "Ask nothing: take the answers file, and tier defaults for what it leaves out" })
      .option("force", { type: "boolean", default: false, describe: "Overwrite files that already exist" })
      .option("workflows", { type: "boolean", default: false, describe: "Also write the CI workflows into .github/workflows" })
      .option("secrets-provider", { type: "string", describe: "Secrets provider of the new stack, e.g. awskms://alias/asc or azurekeyvault://<vault>.vault.azure.net/keys/<key>" }),
  examples: [
    ["asc init", "On a terminal: a guided flow that asks cloud, tier, region, name, domain, images, sizes, billing, email"],
    ["ASC_OPENAI_API_KEY=sk-… asc init --non-interactive --answers answers.yaml --profile aws-production", "Headless: answers from a file, secrets from ASC_* variables"],
  ],
  handler: async (args, ctx) => {
    const { runInitCommand } = await import("../lib/init-run.js");
    return runInitCommand(
      { profile: args.profile, answers: args.answers, nonInteractive: args["non-interactive"], force: args.force, workflows: args.workflows, secretsProvider: args["secrets-provider"] },
      ctx,
    ) as Promise<ExitCode>;
  },
});
