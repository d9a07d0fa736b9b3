/** What every command handler receives: its I/O, so commands run in-process in tests. */
import type { PipelineServices } from "../deploy/pipeline/run-context.js";

export interface OutputStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
}

export interface CliContext {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly now: () => Date;
  /** Aborted on SIGINT: cancels the running Pulumi operation or migration; the report is still written. */
  readonly signal?: AbortSignal;
  /** Asks the operator a question on the terminal; absent when stdin is not a TTY, so commands refuse instead of hanging. */
  readonly prompt?: (question: string) => Promise<string>;
  /** Like `prompt`, without echoing what is typed (secrets); absent when stdin is not a TTY. */
  readonly promptSecret?: (question: string) => Promise<string>;
  /** Replaces real deploy services (Pulumi, migration runner, health verifier, policies); for tests and embedding. */
  readonly services?: Partial<PipelineServices>;
}

function promptOnTerminal(question: string): Promise<string> {
  return import("node:readline/promises").then(async ({ createInterface }) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  });
}

/**
 * A question whose answer is not echoed: the question goes to stderr, and readline (still in terminal mode, so line
 * editing and Enter work) echoes into a sink, so a typed secret reaches neither the screen nor a terminal log.
 */
function promptSecretOnTerminal(question: string): Promise<string> {
  return Promise.all([import("node:readline/promises"), import("node:stream")]).then(async ([{ createInterface }, { Writable }]) => {
    const sink = new Writable({ write: (_chunk, _enc, done) => done() });
    // The interface puts the terminal in raw mode (no line-discipline echo) before the question shows, so an answer
    // typed as soon as the question appears is not echoed by the terminal either.
    const rl = createInterface({ input: process.stdin, output: sink, terminal: true });
    process.stderr.write(question);
    try {
      return await rl.question("");
    } finally {
      rl.close();
      process.stderr.write("\n");
    }
  });
}

/**
 * The real process. The first command that reads `signal` installs the SIGINT handler: SIGINT then aborts the
 * signal once (a second SIGINT exits at once); commands that never read it keep Ctrl-C's default. A TTY stdin can
 * answer prompts.
 */
export function processContext(): CliContext {
  let controller: AbortController | undefined;
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    now: () => new Date(),
    get signal(): AbortSignal {
      if (!controller) {
        const c = new AbortController();
        controller = c;
        process.on("SIGINT", () => {
          if (c.signal.aborted) process.exit(130);
          process.stderr.write("\ncancelling… (the report is still written; press Ctrl-C again to exit at once)\n");
          c.abort();
        });
      }
      return controller.signal;
    },
    ...(process.stdin.isTTY ? { prompt: promptOnTerminal, promptSecret: promptSecretOnTerminal } : {}),
  };
}
