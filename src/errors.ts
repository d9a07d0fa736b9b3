/**
 * Exit codes and the user-error type shared by config, the CLI and the deploy pipeline.
 * A user error is something the operator can fix (bad profile, bad flag, refused by policy);
 * anything else is a crash, which only shows a stack trace with `--debug`.
 */
export const ExitCode = {
  ok: 0,
  crash: 1,
  userError: 2,
  policyViolation: 3,
  provisionFailed: 4,
  migrationFailed: 5,
  verificationFailed: 6,
  cancelled: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** One thing wrong with the user's input, with everything needed to fix it. */
export interface UserProblem {
  /** Where: a key path such as `asc:services.api.cpu`, or a flag such as `--profile`. */
  readonly path: string;
  /** What is wrong, in one sentence. */
  readonly message: string;
  /** The value received (omitted when the key is missing). Secrets must be redacted by the caller. */
  readonly value?: unknown;
  /** What is allowed. */
  readonly allowed?: string;
  /** How to fix it. */
  readonly fix: string;
  /** Where the value came from: a file, an `ASC_*` variable, a flag. */
  readonly source?: string;
}

export class AscUserError extends Error {
  readonly exitCode: ExitCode;
  constructor(
    readonly title: string,
    readonly problems: readonly UserProblem[],
    exitCode: ExitCode = ExitCode.userError,
  ) {
    super(`${title}\n${formatProblems(problems)}`);
    this.name = "AscUserError";
    this.exitCode = exitCode;
  }
}

export function isAscUserError(e: unknown): e is AscUserError {
  return e instanceof Error && e.name === "AscUserError" && Array.isArray((e as AscUserError).problems);
}

/** Shapes of well-known credentials (OpenAI, Stripe, Resend, Slack, AWS access keys, PEM keys). */
const SECRET_SHAPES = [/\bsk-[A-Za-z0-9_-]{8,}/, /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{8,}/, /\bwhsec_[A-Za-z0-9]{8,}/, /\bre_[A-Za-z0-9]{8,}_/, /\bxox[abpr]-[A-Za-z0-9-]{8,}/, /\bAKIA[0-9A-Z]{16}\b/, /-----BEGIN [A-Z ]*PRIVATE KEY-----/];

/** True when a value looks like a credential, whatever key it was given under. */
export const looksLikeSecret = (text: string): boolean => SECRET_SHAPES.some((shape) => shape.test(text));

export const REDACTED_VALUE = "[redacted]";
const MAX_VALUE_CHARS = 120;

/**
 * A value as quoted in an error: credentials are redacted (a last line of defence: callers redact the values of
 * secret keys themselves) and long values are cut, so an error never replays a file.
 */
export function formatValue(value: unknown): string {
  if (value === undefined) return "(missing)";
  let json: string;
  try {
    json = JSON.stringify(value) ?? String(value);
  } catch {
    json = String(value);
  }
  if (looksLikeSecret(json)) return typeof value === "string" ? JSON.stringify(REDACTED_VALUE) : REDACTED_VALUE;
  return json.length > MAX_VALUE_CHARS ? `${json.slice(0, MAX_VALUE_CHARS - 3)}... (${json.length} characters)` : json;
}

/** Paths can carry user text (a variable name from an env file); keep each line short. */
const clip = (text: string, max = 160) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function formatProblems(problems: readonly UserProblem[]): string {
  return problems
    .map((p) => {
      const lines = [`  ✗ ${clip(p.path)}: ${p.message}`];
      if ("value" in p) lines.push(`      got:     ${formatValue(p.value)}${p.source ? `  (from ${p.source})` : ""}`);
      if (p.allowed) lines.push(`      allowed: ${p.allowed}`);
      lines.push(`      fix:     ${p.fix}`);
      return lines.join("\n");
    })
    .join("\n");
}

/** What each exit code means, for docs/cli.md. */
export const EXIT_CODE_MEANINGS: Readonly<Record<ExitCode, string>> = {
  0: "success",
  1: "crash: a bug in asc (a stack trace only with --debug)",
  2: "user error: bad profile, config, flag or input; nothing was changed",
  3: "policy violation: a mandatory policy failed",
  4: "provision or release failed",
  5: "migration failed",
  6: "verification failed",
  130: "cancelled",
};
