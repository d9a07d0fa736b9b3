/**
 * The guided `asc init` on a terminal: one question at a time, with a progress line ("[3/14] Region …"), whether the
 * answer is required or has a safe default, and the default. Answers are checked as they are typed (choices,
 * sizes, secret formats, test-mode Stripe keys in production) and asked again until they pass; the whole profile is
 * then validated by the same schemas as an answers file (run-init.ts). Secrets typed here go to Pulumi, never to disk.
 */
import type { OperatorSecretKey, TierName } from "../config/schema.js";
import type { InitAnswers } from "./answers.js";
import { REQUIRED_ANSWERS } from "./answers.js";
import { NEED_LABEL, parseAnswer, QUESTIONS, setAnswer, type Answers } from "./questions.js";
import { checkSecretValue, secretEnvName } from "./secret-formats.js";

export interface InteractiveIo {
  readonly prompt: (question: string) => Promise<string>;
  /** Asks without echoing the answer; secrets use it when present. */
  readonly promptSecret?: (question: string) => Promise<string>;
  readonly write: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly profile?: string;
}

export async function askInitAnswers(io: InteractiveIo): Promise<{ answers: InitAnswers; typedSecrets: Partial<Record<OperatorSecretKey, string>> }> {
  const values: Answers = {};
  const typedSecrets: Partial<Record<OperatorSecretKey, string>> = {};
  let profile = io.profile;
  const ctx = { profileFlag: io.profile };
  io.write("asc init: answer each question; press Enter to keep the default shown in [brackets].\n");
  let asked = 0;
  for (let i = 0; i < QUESTIONS.length; i++) {
    const q = QUESTIONS[i];
    if (q.when && !q.when(values, ctx)) continue;
    // The total grows when an answer opens follow-up questions (billing on → the Stripe keys).
    const total = asked + QUESTIONS.slice(i).filter((x) => !x.when || x.when(values, ctx)).length;
    asked++;
    const progress = `[${asked}/${total}]`;
    const def = q.default?.(values, ctx);
    const fromEnv = q.secret ? io.env[secretEnvName(q.secret)] : undefined;
    if (q.secret && fromEnv) {
      io.write(`${progress} ${q.ask}: taken from ${secretEnvName(q.secret)}\n`);
      continue;
    }
    for (;;) {
      const hint = q.kind === "choice" ? ` (${q.choices!.join("/")})` : q.kind === "boolean" ? " (yes/no)" : "";
      const ask = q.secret && io.promptSecret ? io.promptSecret : io.prompt;
      const raw = await ask(`${progress} ${q.ask}${hint} — ${NEED_LABEL[q.need]}${def !== undefined ? ` [${def}]` : ""}: `);
      const text = raw.trim();
      if (text === "") {
        if (q.need === "required" && def === undefined) {
          io.write("  required: this has no default\n");
          continue;
        }
        if (q.key === "profile") profile = def;
        // A key the profile must state is written with its default; any other keeps the tier default by omission.
        else if (q.need === "required" || (REQUIRED_ANSWERS as readonly string[]).includes(q.key)) setAnswer(values, q.key, def);
        break;
      }
      if (q.secret) {
        const problems = checkSecretValue(q.secret, text, (values.tier as TierName | undefined) ?? "dev", "the answer");
        if (problems.length) {
          io.write(`  ${problems[0].message}: expected ${problems[0].allowed}\n`);
          continue;
        }
        typedSecrets[q.secret] = text;
        break;
      }
      const parsed = parseAnswer(q, text);
      if (typeof parsed === "string") {
        io.write(`  ${parsed}\n`);
        continue;
      }
      if (q.key === "profile") profile = String(parsed.value);
      else setAnswer(values, q.key, parsed.value);
      break;
    }
  }
  return { answers: { profile: profile as string, values, source: "terminal" }, typedSecrets };
}
