/**
 * One command per file: `createCommand({ command, describe, builder, handler })`. The handler gets the parsed args
 * (typed by the builder) and the context, and returns an exit code; it never calls process.exit.
 */
import type { Argv } from "yargs";
import type { ExitCode } from "../errors.js";
import type { CliContext } from "./context.js";

/** Options every command accepts. */
export interface GlobalArgs {
  readonly debug: boolean;
}

export interface CommandDefinition<A = unknown> {
  /** yargs command string, e.g. `preview` or `show`. */
  readonly command: string;
  readonly describe: string;
  readonly builder: (y: Argv<GlobalArgs>) => Argv<A>;
  readonly handler: (args: A & GlobalArgs, ctx: CliContext) => Promise<ExitCode>;
  readonly examples?: readonly (readonly [string, string])[];
  /** Sub-commands (e.g. `config show`); a command with sub-commands has no handler of its own. */
  readonly subcommands?: readonly CommandDefinition<any>[];
}

export function createCommand<A>(definition: CommandDefinition<A>): CommandDefinition<A> {
  return definition;
}

export function createGroup(definition: Omit<CommandDefinition<unknown>, "builder" | "handler"> & { subcommands: readonly CommandDefinition<any>[] }): CommandDefinition<unknown> {
  return { ...definition, builder: (y) => y as Argv<unknown>, handler: async () => 0 as ExitCode };
}
