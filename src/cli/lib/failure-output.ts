/**
 * With `--json`, every failure ends the output with one JSON error event, and leaves a report, even when it happens
 * before a run starts (a bad flag, a bad profile, a crash): CI that reads the NDJSON stream or the report folder
 * sees why nothing ran. Values are redacted as strings inside the object, then the object is serialised, so a
 * secret with a quote or a backslash cannot survive escaping. The report of a refusal goes to
 * `var/reports/refused/<id>.json`, apart from the run reports (whose readers expect a run).
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { redactDeep } from "../../deploy/redact.js";
import type { AscUserError, UserProblem } from "../../errors.js";
import type { CliContext } from "../context.js";
import { locateProjectRoot } from "./project-root.js";

export const REFUSAL_REPORT_VERSION = 1;

export interface FailureEvent {
  readonly ts: string;
  readonly runId: string;
  readonly phase: null;
  readonly type: "error";
  readonly exitCode: number;
  readonly command: string;
  readonly title: string;
  readonly problems: readonly UserProblem[];
  readonly report: { readonly json: string } | null;
}

export const wantsJson = (argv: readonly string[]): boolean => argv.some((a) => a === "--json" || a === "--json=true");

/** Values of the operator's ASC_* secrets and anything shaped like a credential, for redaction before serialising. */
function redactor(env: Readonly<Record<string, string | undefined>>): (s: string) => string {
  const values = Object.entries(env)
    .filter(([k, v]) => k.startsWith("ASC_") && /KEY|SECRET|TOKEN|PASSWORD|PEPPER/.test(k) && typeof v === "string" && v.length >= 6)
    .map(([, v]) => v as string)
    .sort((a, b) => b.length - a.length);
  return (s) => values.reduce((text, v) => text.split(v).join("[secret]"), s);
}

/**
 * argv as the report records it: `--set key=value` keeps the key only, since a value given on the command line may be
 * a secret the redactor cannot know (it was never in ASC_*).
 */
export function recordedArgv(argv: readonly string[]): string[] {
  return argv.map((token, i) => {
    const inline = /^(--set=)([^=]*)=(.*)$/s.exec(token);
    if (inline) return `${inline[1]}${inline[2]}=[not recorded]`;
    const previous = argv[i - 1];
    if (previous === "--set" && token.includes("=")) return `${token.slice(0, token.indexOf("="))}=[not recorded]`;
    return token;
  });
}

const newId = (now: Date) => `${now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z")}-${randomBytes(3).toString("hex")}`;

/** Writes the refusal report (when there is a project to hold it) and the error event on stdout. */
export function writeFailureEvent(ctx: CliContext, command: string, argv: readonly string[], exitCode: number, error: AscUserError): FailureEvent {
  const now = ctx.now();
  const runId = newId(now);
  const redact = redactor(ctx.env);
  const body = redactDeep({ title: error.title, problems: error.problems }, redact);
  let report: FailureEvent["report"] = null;
  const root = locateProjectRoot(ctx.cwd);
  if (root) {
    try {
      const dir = ctx.env.ASC_REPORT_DIR ? path.resolve(ctx.cwd, ctx.env.ASC_REPORT_DIR, "refused") : path.join(root, "var", "reports", "refused");
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${runId}.json`);
      const doc = { version: REFUSAL_REPORT_VERSION, runId, status: "refused", exitCode, command, argv: redactDeep(recordedArgv(argv), redact), at: now.toISOString(), ...body };
      writeFileSync(`${file}.tmp`, `${JSON.stringify(doc, null, 2)}\n`);
      renameSync(`${file}.tmp`, file);
      report = { json: path.relative(ctx.cwd, file) || file };
    } catch {
      report = null;
    }
  }
  const event: FailureEvent = { ts: now.toISOString(), runId, phase: null, type: "error", exitCode, command, ...body, report };
  ctx.stdout.write(`${JSON.stringify(event)}\n`);
  return event;
}
