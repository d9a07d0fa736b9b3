/**
 * Drives a command through a real pseudo-terminal, as an operator at a keyboard would: util-linux `script` allocates
 * the pty (the child's stdin, stdout and stderr are the pty's slave side, so `process.stdin.isTTY` is true and
 * readline runs in terminal mode, raw input, its own echo), and this driver types each answer only after the
 * question is on the screen. What the operator would see is returned as the transcript, ANSI sequences stripped.
 */
import { spawn } from "node:child_process";

export interface PtyAnswer {
  /** Matched against the question line (after the `[n/m]` progress). */
  readonly question: RegExp;
  /** What is typed, in order, each time the question is asked (a rejected answer makes it ask again). */
  readonly type: readonly string[];
}

export interface PtyRun {
  readonly code: number | null;
  readonly transcript: string;
  /** Every question line as it appeared, progress included: `[3/14] Region … [westeurope]`. */
  readonly questions: string[];
}

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;
const QUESTION_AT_END = /\[(\d+)\/(\d+)\] ([^\n]*?): $/;

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function runInPty(argv: readonly string[], options: { cwd: string; env: Record<string, string>; answers: readonly PtyAnswer[]; timeoutMs?: number }): Promise<PtyRun> {
  const command = argv.map(shellQuote).join(" ");
  // -q quiet, -f flush each write, -e exit with the child's code, -c the command; the typescript file is discarded.
  const child = spawn("script", ["-qfec", command, "/dev/null"], { cwd: options.cwd, env: { TERM: "xterm", ...options.env }, stdio: ["pipe", "pipe", "pipe"] });
  const used = new Map<PtyAnswer, number>();
  const questions: string[] = [];
  let screen = "";
  let consumed = 0;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`pty run timed out; screen so far:\n${screen}`));
    }, options.timeoutMs ?? 20_000);
    child.stdout.on("data", (chunk: Buffer) => {
      screen += chunk.toString("utf8").replace(ANSI, "").replace(/\r/g, "");
      const pending = screen.slice(consumed);
      const m = QUESTION_AT_END.exec(pending);
      if (!m) return;
      consumed = screen.length;
      const line = `[${m[1]}/${m[2]}] ${m[3]}`;
      questions.push(line);
      const answer = options.answers.find((a) => a.question.test(m[3]));
      const n = answer ? (used.get(answer) ?? 0) : 0;
      if (answer) used.set(answer, n + 1);
      const typed = answer ? (answer.type[Math.min(n, answer.type.length - 1)] ?? "") : "";
      // Enter on a terminal sends CR; readline in raw mode takes it as the end of the line.
      child.stdin.write(`${typed}\r`);
    });
    child.stderr.on("data", (chunk: Buffer) => (screen += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      child.stdin.destroy();
      resolve({ code, transcript: screen, questions });
    });
  });
}
