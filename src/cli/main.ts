/**
 * The asc CLI entry: wires the command registry into yargs and maps outcomes to exit codes.
 * `run()` returns an exit code and never calls process.exit. Heavy modules are imported by handlers, lazily.
 */
import type { Argv } from "yargs";
import yargs from "yargs";
import { ExitCode, formatProblems, isAscUserError } from "../errors.js";
import type { CommandDefinition, GlobalArgs } from "./command.js";
import type { CliContext } from "./context.js";
import { COMMANDS } from "./registry.js";

export const ASC_VERSION = "0.1.0";

function reportFailure(error: unknown, debug: boolean, ctx: CliContext): number {
  if (isAscUserError(error)) {
    ctx.stderr.write(`error: ${error.title}\n${formatProblems(error.problems)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  ctx.stderr.write(`asc crashed: ${message}\n`);
  if (debug && error instanceof Error && error.stack) ctx.stderr.write(`${error.stack}\n`);
  else ctx.stderr.write("This is a bug in asc. Run again with --debug for the stack trace, and report it.\n");
  return ExitCode.crash;
}

function register(y: Argv<GlobalArgs>, def: CommandDefinition<any>, ctx: CliContext, setResult: (p: Promise<number>) => void): Argv<GlobalArgs> {
  return y.command({
    command: def.command,
    describe: def.describe,
    builder: (sub: Argv<GlobalArgs>) => {
      if (def.subcommands) {
        let built = sub;
        for (const child of def.subcommands) built = register(built, child, ctx, setResult);
        return built.demandCommand(1, `Name a sub-command of ${def.command}: ${def.subcommands.map((c) => c.command.split(" ")[0]).join(", ")}`);
      }
      let built = def.builder(sub) as Argv<GlobalArgs>;
      for (const [cmd, text] of def.examples ?? []) built = built.example(cmd, text);
      return built;
    },
    handler: (args: any) => {
      const promise = def.handler(args, ctx).catch((e: unknown) => reportFailure(e, Boolean(args.debug), ctx));
      setResult(promise);
      return promise.then(() => undefined);
    },
  });
}

/** Builds the yargs parser. Exported for docs generation (asc <command> --help text). */
export function buildParser(ctx: CliContext, setResult: (p: Promise<number>) => void = () => undefined): Argv<GlobalArgs> {
  let y = yargs()
    .scriptName("asc")
    .usage("asc: deploy and check a containerized SaaS on AWS or Azure with Pulumi.\n\nUsage: asc <command> [options]")
    .option("debug", { type: "boolean", default: false, describe: "Show stack traces for crashes" })
    .strict()
    .recommendCommands()
    .exitProcess(false)
    .wrap(Math.min(110, 110))
    .help()
    .alias("help", "h")
    .version(ASC_VERSION) as unknown as Argv<GlobalArgs>;
  for (const def of COMMANDS) y = register(y, def, ctx, setResult);
  return y.demandCommand(1, "Name a command (asc --help lists them).") as Argv<GlobalArgs>;
}

export async function run(argv: readonly string[], ctx: CliContext): Promise<number> {
  let result: Promise<number> | undefined;
  const parser = buildParser(ctx, (p) => (result = p));
  let parseError: Error | undefined;
  let helpOutput = "";
  try {
    await parser.parseAsync([...argv], {}, (err: Error | undefined, _args: unknown, output: string) => {
      parseError = err ?? undefined;
      helpOutput = output;
    });
  } catch (e) {
    parseError = e instanceof Error ? e : new Error(String(e));
  }
  if (parseError) {
    // yargs validation (unknown flag, missing option, bad choice): a user error, shown without a stack trace.
    ctx.stderr.write(`error: ${parseError.message}\nRun asc ${argv.filter((a) => !a.startsWith("-")).slice(0, 2).join(" ")} --help for usage.\n`.replace("asc  --help", "asc --help"));
    return ExitCode.userError;
  }
  if (result) return result;
  if (helpOutput) ctx.stdout.write(`${helpOutput}\n`);
  return ExitCode.ok;
}
