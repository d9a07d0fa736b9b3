/**
 * The answers of `asc init`, from an answers file or the terminal, validated exactly as a profile is: the answers are
 * the profile layer, the ASC_* variables the env layer, and `resolveConfig` (the zod schemas and the tier rules that
 * `asc preview` and `asc deploy` use) decides. So whatever `asc init` accepts, `asc preview` accepts.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";
import { envLayer } from "../config/load.js";
import { resolveConfig, type ResolvedConfig } from "../config/resolve.js";
import { BlueprintConfigSchema, SECRET_CONFIG_KEYS, type OperatorSecretKey } from "../config/schema.js";
import { descriptionOf, schemaAt } from "../config/schema-walk.js";
import { AscUserError, type UserProblem } from "../errors.js";
import { looksLikeSecret, redact, secretEnvName, secretsFromEnv } from "./secret-formats.js";

/** What every profile must say itself; everything else has a tier default. */
export const REQUIRED_ANSWERS = ["cloud", "tier", "region", "images.api", "images.web"] as const;

export const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export interface InitAnswers {
  readonly profile: string;
  /** The profile's `asc:` keys as answered (nested like the profile file), secrets excluded. */
  readonly values: Record<string, unknown>;
  /** Where the answers came from, for messages: the answers file or "terminal". */
  readonly source: string;
}

export interface ValidatedInit extends InitAnswers {
  readonly resolved: ResolvedConfig;
  /** The collected operator secrets (from ASC_* variables or typed on the terminal). Never written to disk. */
  readonly secrets: Partial<Record<OperatorSecretKey, string>>;
}

const describeKey = (key: string) => descriptionOf(schemaAt(BlueprintConfigSchema as never, key.split("."))) ?? "";

const get = (obj: Record<string, unknown>, key: string): unknown => key.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), obj);

/** Reads an answers file: a YAML mapping of asc keys (without the `asc:` prefix) plus `profile`. */
export function readAnswersFile(file: string, cwd: string, profileFlag: string | undefined): InitAnswers {
  const full = path.resolve(cwd, file);
  if (!existsSync(full)) {
    throw new AscUserError("Answers file not found", [{ path: "--answers", value: file, message: "no such file", allowed: "a YAML file of asc keys plus profile", fix: "pass the path of the answers file (see docs/getting-started.md)" }]);
  }
  const doc = parseDocument(readFileSync(full, "utf8"), { uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new AscUserError(`Invalid YAML in ${file}`, doc.errors.slice(0, 3).map((e) => ({ path: file, message: e.message.split("\n")[0], allowed: "a YAML mapping", fix: "fix the YAML syntax" })));
  }
  const data = doc.toJS() as unknown;
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new AscUserError(`Invalid answers file ${file}`, [{ path: file, value: data, message: "must be a YAML mapping", allowed: "keys such as cloud, tier, region, images, plus profile", fix: "write one `key: value` per line" }]);
  }
  const { profile: fileProfile, ...values } = data as Record<string, unknown>;
  const profile = profileFlag ?? fileProfile;
  return { profile: profile as string, values, source: file };
}

/** Refuses what an answers file must never hold: a secret. Every problem, values redacted. */
function secretProblems(values: Record<string, unknown>, source: string): UserProblem[] {
  const problems: UserProblem[] = [];
  for (const key of SECRET_CONFIG_KEYS) {
    if (values[key] === undefined) continue;
    problems.push({ path: `asc:${key}`, value: typeof values[key] === "string" ? redact(values[key] as string) : "[redacted]", source, message: "a secret in the answers file: secrets never come from a file", allowed: `the ${secretEnvName(key)} environment variable`, fix: `remove ${key} from ${source} and run: export ${secretEnvName(key)}=<value>` });
  }
  const walk = (node: unknown, at: string) => {
    if (node && typeof node === "object" && !Array.isArray(node)) for (const [k, v] of Object.entries(node)) walk(v, at ? `${at}.${k}` : k);
    else if (looksLikeSecret(node) && !(SECRET_CONFIG_KEYS as readonly string[]).includes(at)) {
      problems.push({ path: `asc:${at}`, value: redact(node as string), source, message: "looks like a provider secret (an API key or signing secret) in plaintext", allowed: "a non-secret value; secrets come from ASC_* variables", fix: `remove it from ${source}; set the secret through its ASC_* variable (docs/config.md)` });
    }
  };
  walk(values, "");
  return problems;
}

/** Validates the answers and the ASC_* secrets with the profile schemas; throws one AscUserError with every problem. */
export function validateAnswers(answers: InitAnswers, env: Readonly<Record<string, string | undefined>>, now: Date): ValidatedInit {
  const problems: UserProblem[] = [];
  if (typeof answers.profile !== "string" || !PROFILE_NAME.test(answers.profile)) {
    problems.push({ path: "profile", value: answers.profile, source: answers.source, message: answers.profile === undefined ? "is required: the name of the profile (stack) to create" : "not a valid profile name", allowed: "letters, digits, '.', '_' and '-', e.g. aws-production", fix: `add profile: <name> to ${answers.source}, or pass --profile <name>` });
  }
  problems.push(...secretProblems(answers.values, answers.source));
  for (const key of REQUIRED_ANSWERS) {
    if (get(answers.values, key) === undefined) {
      problems.push({ path: `asc:${key}`, source: answers.source, message: "is required (it has no default)", allowed: describeKey(key), fix: `add ${key.includes(".") ? `${key.split(".")[0]}: { ${key.split(".")[1]}: … }` : `${key}: …`} to ${answers.source}` });
    }
  }
  // The profile schemas see the answers without their secrets (refused above), so every other problem is listed too.
  const withoutSecrets = Object.fromEntries(Object.entries(answers.values).filter(([k]) => !(SECRET_CONFIG_KEYS as readonly string[]).includes(k)));
  let resolved: ResolvedConfig | undefined;
  try {
    resolved = resolveConfig([{ kind: "profile", source: answers.source, values: withoutSecrets }, envLayer(env)], { now, profileLabel: answers.source });
  } catch (e) {
    if (!(e instanceof AscUserError)) throw e;
    const seen = new Set(problems.map((p) => p.path));
    problems.push(...e.problems.filter((p) => !seen.has(p.path)));
  }
  if (problems.length || !resolved) throw new AscUserError("Invalid answers for asc init", problems);
  const { values: secrets, problems: secretErrors } = secretsFromEnv(env, resolved.config.tier);
  if (secretErrors.length) throw new AscUserError("Invalid secrets for asc init", secretErrors);
  return { ...answers, resolved, secrets };
}

/** Which keys were answered and which took the tier default (top-level keys, as in the profile file). */
export function answeredAndDefaulted(v: ValidatedInit): { answered: string[]; defaulted: string[] } {
  const keys = Object.keys(BlueprintConfigSchema.shape).filter((k) => !(SECRET_CONFIG_KEYS as readonly string[]).includes(k));
  const answered = keys.filter((k) => v.values[k] !== undefined);
  const defaulted = keys.filter((k) => v.values[k] === undefined && v.resolved.config[k as keyof typeof v.resolved.config] !== undefined);
  return { answered, defaulted };
}
