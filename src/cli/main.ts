/**
 * The asc CLI entry: wires the command registry into yargs and maps outcomes to exit codes.
 * `run()` returns an exit code and never calls process.exit. Heavy modules are imported by handlers, lazily.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import type { Argv } from "yargs";
import yargs from "yargs";
import { AscUserError, ExitCode, formatProblems, isAscUserError } from "../errors.js";
import type { CommandDefinition, GlobalArgs } from "./command.js";
import type { CliContext } from "./context.js";
import { findProjectRoot } from "./lib/project-root.js";
import { commandPath, explainParseError, flagKindsOf, flagValueProblems, unknownCommand } from "./lib/argv-checks.js";
import { writeFailureEvent, wantsJson } from "./lib/failure-output.js";
import { COMMANDS } from "./registry.js";
import { deferPulumiClosureDependencies } from "../preview/lazy-requires.js";

export const ASC_VERSION = "0.1.0";

/** What the parser saw: the raw argv (for the flag checks) and a user error a check raised inside yargs. */
interface ParseState {
  readonly argv: readonly string[];
}

function reportFailure(error: unknown, debug: boolean, ctx: CliContext, argv: readonly string[]): number {
  if (isAscUserError(error)) {
    ctx.stderr.write(`error: ${error.title}\n${formatProblems(error.problems)}\n`);
    if (wantsJson(argv)) writeFailureEvent(ctx, commandPath(argv, COMMANDS).join(" "), argv, error.exitCode, error);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  ctx.stderr.write(`asc crashed: ${message}\n`);
  if (debug && error instanceof Error && error.stack) ctx.stderr.write(`${error.stack}\n`);
  else ctx.stderr.write("This is a bug in asc. Run again with --debug for the stack trace, and report it.\n");
  if (wantsJson(argv)) writeFailureEvent(ctx, commandPath(argv, COMMANDS).join(" "), argv, ExitCode.crash, new AscUserError("asc crashed", [{ path: "asc", message, fix: "run again with --debug for the stack trace, and report it" }], ExitCode.crash));
  return ExitCode.crash;
}

function register(y: Argv<GlobalArgs>, def: CommandDefinition<any>, ctx: CliContext, setResult: (p: Promise<number>) => void, state: ParseState, parents: readonly string[] = []): Argv<GlobalArgs> {
  const path = [...parents, def.command.split(" ")[0]];
  return y.command({
    command: def.command,
    describe: def.describe,
    builder: (sub: Argv<GlobalArgs>) => {
      if (def.subcommands) {
        let built = sub;
        for (const child of def.subcommands) built = register(built, child, ctx, setResult, state, path);
        return built.demandCommand(1, `Name a sub-command of ${def.command}: ${def.subcommands.map((c) => c.command.split(" ")[0]).join(", ")}`);
      }
      let built = def.builder(sub) as Argv<GlobalArgs>;
      for (const [cmd, text] of def.examples ?? []) built = built.example(cmd, text);
      return built;
    },
    handler: (args: any) => {
      const promise = def.handler(args, ctx).catch((e: unknown) => reportFailure(e, Boolean(args.debug), ctx, state.argv));
      setResult(promise);
      return promise.then(() => undefined);
    },
  });
}

/** Builds the yargs parser. Exported for docs generation (asc <command> --help text). */
export function buildParser(ctx: CliContext, setResult: (p: Promise<number>) => void = () => undefined, state: ParseState = { argv: [] }): Argv<GlobalArgs> {
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
  for (const def of COMMANDS) y = register(y, def, ctx, setResult, state);
  return y.demandCommand(1, "Name a command (asc --help lists them).") as Argv<GlobalArgs>;
}

/** The option table of the command argv names, read from its builder on a bare parser (builders only declare). */
function optionsOf(path: readonly string[]): Parameters<typeof flagKindsOf>[0] | undefined {
  let defs: readonly CommandDefinition<any>[] = COMMANDS;
  let def: CommandDefinition<any> | undefined;
  for (const name of path) {
    def = defs.find((d) => d.command.split(" ")[0] === name);
    defs = def?.subcommands ?? [];
  }
  if (!def || def.subcommands) return undefined;
  const probe = def.builder(yargs().option("debug", { type: "boolean" }) as unknown as Argv<GlobalArgs>) as unknown as { getOptions(): Parameters<typeof flagKindsOf>[0] };
  return probe.getOptions();
}

function flagProblemsOf(argv: readonly string[]): AscUserError | undefined {
  const path = commandPath(argv, COMMANDS);
  const options = optionsOf(path);
  if (!options) return undefined;
  const problems = flagValueProblems(argv, flagKindsOf(options), path.join(" "));
  return problems.length ? new AscUserError(`asc ${path.join(" ")}: ${problems.length === 1 ? "a flag" : "flags"} with a value it cannot take`, problems) : undefined;
}

/** Profile names in the project around cwd, for messages; none when there is no project. */
function profileNames(ctx: CliContext): string[] {
  try {
    const root = findProjectRoot(ctx.cwd);
    return readdirSync(path.join(root, "stacks")).flatMap((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1] ?? []).sort();
  } catch {
    return [];
  }
}

/**
 * yargs renders the whole help text after every command it runs (lib/command.js, handleValidationAndGetResult:
 * usage.cacheHelpMessage), for an async handler that might fail later and want it. asc answers failures itself (the
 * parse callback above, reportFailure), never with yargs' help, so that render only cost each invocation its time.
 */
function skipHelpCache(parser: Argv<GlobalArgs>): void {
  const usage = (parser as unknown as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } }).getInternalMethods?.().getUsageInstance?.();
  if (usage?.cacheHelpMessage) usage.cacheHelpMessage = () => undefined;
}

export async function run(argv: readonly string[], ctx: CliContext): Promise<number> {
  // Before any handler imports @pulumi/pulumi (see lazy-requires.ts); installing it costs a hook, nothing is loaded.
  deferPulumiClosureDependencies();
  const unknown = unknownCommand(argv, COMMANDS);
  if (unknown) return reportFailure(unknown, false, ctx, argv);
  // Switches given a value (--offline=1) and value flags given none (--set at the end) are refused before yargs
  // reads them (it would take them as false or as an empty list) and before any handler runs.
  const flagProblems = flagProblemsOf(argv);
  if (flagProblems) return reportFailure(flagProblems, false, ctx, argv);
  let result: Promise<number> | undefined;
  const state: ParseState = { argv };
  const parser = buildParser(ctx, (p) => (result = p), state);
  skipHelpCache(parser);
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
    // yargs validation (unknown flag, missing option, bad choice) or a flag check: a user error, no stack trace.
    const path = commandPath(argv, COMMANDS);
    const options = optionsOf(path);
    const flags = options ? [...flagKindsOf(options).booleans, ...flagKindsOf(options).valued, "help", "version"] : [];
    const error = explainParseError(parseError.message, argv, path, profileNames(ctx), flags);
    reportFailure(error, false, ctx, argv);
    ctx.stderr.write(`Run asc ${[...path, "--help"].join(" ")} for usage.\n`);
    return ExitCode.userError;
  }
  if (result) return result;
  if (helpOutput) ctx.stdout.write(`${helpOutput}\n`);
  return ExitCode.ok;
}
