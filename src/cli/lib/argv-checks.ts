/**
 * What the command line says before yargs reads it, and what yargs' own messages mean to an operator: the command
 * path as the operator typed it, unknown commands with "did you mean", flags given a value they cannot take
 * (`--offline=1`), value flags given none (`--set` at the end), and a profile name typed as a sub-command. Pure: the
 * caller passes the commands and the profile names it knows.
 */
import { didYouMean } from "../../config/did-you-mean.js";
import { AscUserError, type UserProblem } from "../../errors.js";
import type { CommandDefinition } from "../command.js";

const nameOf = (def: CommandDefinition<unknown>) => def.command.split(" ")[0];

/** yargs' built-in flags and the global ones, which take no command. */
const TOP_LEVEL_FLAGS = new Set(["--help", "-h", "--version", "--debug", "--debug=true", "--debug=false"]);

/** The known command path in argv, e.g. ["config", "show"]; [] when the first word is not a command. */
export function commandPath(argv: readonly string[], commands: readonly CommandDefinition<any>[]): string[] {
  const words = argv.filter((a) => !a.startsWith("-"));
  const top = commands.find((c) => nameOf(c) === words[0]);
  if (!top) return [];
  const sub = top.subcommands?.find((c) => nameOf(c) === words[1]);
  return sub ? [nameOf(top), nameOf(sub)] : [nameOf(top)];
}

/** `asc deploi …`: the unknown first word named as a command, with the closest one. */
export function unknownCommand(argv: readonly string[], commands: readonly CommandDefinition<any>[]): AscUserError | undefined {
  const first = argv.find((a) => !TOP_LEVEL_FLAGS.has(a));
  if (first === undefined || first.startsWith("-")) return undefined;
  const names = commands.map((c) => nameOf(c as CommandDefinition<unknown>));
  if (names.includes(first)) return undefined;
  const guess = didYouMean(first, names);
  return new AscUserError(`Unknown command "${first}"`, [{
    path: "command",
    value: first,
    message: guess ? `asc has no command "${first}"; did you mean "${guess}"?` : `asc has no command "${first}"`,
    allowed: names.join(", "),
    fix: guess ? `run asc ${guess} ${argv.slice(argv.indexOf(first) + 1).join(" ")}`.trimEnd() : "asc --help lists the commands",
  }]);
}

export interface FlagKinds {
  /** Long names (and aliases) of boolean options. */
  readonly booleans: ReadonlySet<string>;
  /** Long names (and aliases) of options that need a value (strings, arrays, numbers, choices). */
  readonly valued: ReadonlySet<string>;
}

const TRUE_FALSE = new Set(["true", "false"]);

/** `--offline=1`, `--yes=yes`, and `--set` / `--image` / `--file` with nothing after them. */
export function flagValueProblems(argv: readonly string[], kinds: FlagKinds, command: string): UserProblem[] {
  const problems: UserProblem[] = [];
  argv.forEach((token, i) => {
    if (token === "--") return;
    const m = /^--(no-)?([A-Za-z0-9][A-Za-z0-9-]*)(?:=(.*))?$/s.exec(token);
    if (!m) return;
    const [, negated, name, value] = m;
    if (kinds.booleans.has(name) && value !== undefined && !TRUE_FALSE.has(value)) {
      problems.push({
        path: `--${negated ?? ""}${name}`,
        value,
        message: "a switch: it takes no value, or true or false",
        allowed: "true, false",
        fix: `write --${name} (on), --${name}=false or --no-${name} (off)`,
      });
    }
    if (kinds.valued.has(name) && !negated && value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith("-") && !/^-\d/.test(next))) {
        problems.push({
          path: `--${name}`,
          message: "needs a value, and none follows it",
          allowed: `--${name} <value>`,
          fix: `give a value after --${name}, or drop it (asc ${command} --help shows what it takes)`,
        });
      }
    }
    if (kinds.valued.has(name) && !negated && value === "") {
      problems.push({ path: `--${name}`, value: "", message: "the value is empty", allowed: `--${name}=<value>`, fix: `give a value after --${name}=, or drop it` });
    }
  });
  return problems;
}

/** The flag kinds of one yargs command, from its option table (`getOptions()` inside the builder). */
export function flagKindsOf(options: { boolean?: string[]; string?: string[]; array?: string[]; number?: string[]; choices?: Record<string, unknown>; alias?: Record<string, string[]> }): FlagKinds {
  const withAliases = (names: readonly string[]) => new Set(names.flatMap((n) => [n, ...(options.alias?.[n] ?? [])]).filter((n) => n.length > 1));
  const booleans = withAliases((options.boolean ?? []).filter((n) => n !== "help" && n !== "version"));
  const valued = withAliases([...(options.string ?? []), ...(options.array ?? []), ...(options.number ?? []), ...Object.keys(options.choices ?? {})].filter((n) => !booleans.has(n)));
  return { booleans, valued };
}

/**
 * yargs' message as a user error: names the real command (never a profile value as a sub-command), says what an
 * unknown flag means on this command, and spots a profile name given as a word instead of with --profile.
 */
export function explainParseError(message: string, argv: readonly string[], path: readonly string[], profiles: readonly string[], flags: readonly string[] = []): AscUserError {
  const command = path.length ? `asc ${path.join(" ")}` : "asc";
  const help = `${command} --help`;
  const unknown = /^Unknown arguments?: (.+)$/.exec(message);
  if (unknown) {
    const words = unknown[1].split(", ").map((w) => w.trim());
    const problems: UserProblem[] = words.map((word) => {
      const given = argv.find((a) => a === word || a.replace(/^--?/, "").split("=")[0] === word);
      const isFlag = given !== undefined && given.startsWith("-");
      if (!isFlag && profiles.includes(word)) {
        return { path: command, value: word, message: `"${word}" is a profile, and profiles are chosen with --profile`, allowed: `${command} --profile <profile>`, fix: `${command} --profile ${word}` };
      }
      const closest = isFlag ? didYouMean(word, flags) : undefined;
      if (closest) {
        return { path: `--${word}`, message: `${command} has no --${word}; did you mean --${closest}?`, allowed: `the options listed by ${help}`, fix: `use --${closest}` };
      }
      if (isFlag) {
        return { path: `--${word}`, message: `${command} does not take --${word}`, allowed: `the options listed by ${help}`, fix: `drop --${word}, or use a command that takes it (${help})` };
      }
      return { path: command, value: word, message: `${command} takes no argument "${word}"`, allowed: `the arguments listed by ${help}`, fix: `drop "${word}" (${help})` };
    });
    return new AscUserError(`${command}: ${problems.length === 1 ? "an argument it does not take" : "arguments it does not take"}`, problems);
  }
  const missing = /^Missing required arguments?: (.+)$/.exec(message);
  if (missing) {
    const names = missing[1].split(", ");
    return new AscUserError(`${command}: missing ${names.map((n) => `--${n}`).join(", ")}`, names.map((n) => ({
      path: `--${n}`,
      message: "required",
      ...(n === "profile" && profiles.length ? { allowed: profiles.join(", ") } : {}),
      fix: n === "profile" && profiles.length ? `${command} --profile ${profiles[0]}` : `give --${n} (${help})`,
    })));
  }
  const invalid = /^Invalid values?:\s*Argument: ([^,]+), Given: (.+), Choices: (.+)$/s.exec(message.replace(/\n\s*/g, " "));
  if (invalid) {
    return new AscUserError(`${command}: invalid --${invalid[1]}`, [{ path: `--${invalid[1]}`, value: invalid[2].replace(/^"|"$/g, ""), message: "not one of the choices", allowed: invalid[3], fix: `use one of: ${invalid[3]}` }]);
  }
  return new AscUserError(`${command}: ${message}`, [{ path: command, message, fix: `see ${help}` }]);
}
