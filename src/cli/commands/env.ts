import { AscUserError, ExitCode } from "../../errors.js";
import { createCommand } from "../command.js";
import { loadProfileFromArgs, withProfileOptionsNoImage } from "../lib/profile-args.js";

const SERVICES = ["api", "web", "worker", "migrate"] as const;

export const envCommand = createCommand({
  command: "env [action]",
  describe: "Print the env contract of a deployed profile (secrets as references), or check an env file against it",
  builder: (y) =>
    withProfileOptionsNoImage(y)
      .positional("action", { choices: ["check"] as const, describe: "check: check --file against the contract (missing, unknown, plain-text secrets)" })
      .option("service", { choices: SERVICES, describe: "Only this service (check: default api)" })
      .option("format", { choices: ["table", "dotenv", "json", "markdown"] as const, default: "table" as const, describe: "Output format" })
      .option("file", { type: "string", describe: "check: the env file to check, e.g. .env" }),
  examples: [
    ["asc env --profile aws-staging --service api --format dotenv", "The api's variables of the deployed stack, secrets as references"],
    ["asc env check --profile aws-dev --file .env", "Exit 2 with a list when .env misses, adds or leaks variables"],
  ],
  handler: async (args, ctx) => {
    if (args.file !== undefined && args.action !== "check") {
      throw new AscUserError("asc env does not read --file", [{ path: "--file", value: args.file, message: "only asc env check reads a file; asc env prints the deployed contract", allowed: "asc env check --file <file>", fix: `run asc env check --profile ${args.profile} --file ${args.file}` }]);
    }
    const profile = await loadProfileFromArgs(args, ctx);
    const io = await import("../lib/env-contract-io.js");
    const { contractConsumers } = await import("../../contract/topology.js");
    const consumers = contractConsumers(profile.config);
    if (args.service && !consumers.includes(args.service)) {
      throw new AscUserError(`The profile ${profile.profile} has no ${args.service} service`, [{ path: "--service", value: args.service, message: "not deployed for this profile", allowed: consumers.join(", "), fix: `use --service ${consumers[0]}` }]);
    }
    if (args.action === "check") {
      if (!args.file) throw new AscUserError("asc env check needs --file", [{ path: "--file", message: "no env file given", fix: "pass --file .env" }]);
      const text = io.readEnvFile(ctx.cwd, args.file);
      const service = args.service ?? "api";
      const problems = io.checkEnvFile({ config: profile.config, service, file: args.file, vars: io.parseDotenv(text) });
      if (problems.length) throw new AscUserError(`${args.file} does not match the ${service} contract of ${profile.profile} (${problems.length} problem(s))`, io.boundedProblems(problems, args.file));
      ctx.stdout.write(`${args.file} matches the ${service} contract of ${profile.profile}\n`);
      return ExitCode.ok;
    }
    const { openDeployedStack } = await import("../lib/deployed-stack.js");
    const { plainOutputs } = await import("../../deploy/pipeline/run-context.js");
    const { contractFromStackOutputs } = await import("../../contract/from-outputs.js");
    const deployed = await openDeployedStack(ctx, profile.root, profile.profile);
    const outputs = plainOutputs(deployed.outputs) as Parameters<typeof contractFromStackOutputs>[1];
    if (!outputs.contract) throw new AscUserError(`The stack ${profile.profile} has no contract outputs`, [{ path: "--profile", value: profile.profile, message: "the stack was not deployed by asc (no `contract` output)", fix: `deploy it with asc deploy --profile ${profile.profile}` }]);
    const all = io.contractView(contractFromStackOutputs(profile.config, outputs));
    const view = args.service ? { [args.service]: all[args.service] ?? [] } : all;
    ctx.stdout.write(io.renderContract(view, args.format));
    return ExitCode.ok;
  },
});
