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

/** What a second Ctrl-C does while pulumi runs: said before it is done, with how to recover. */
export function terminationNotice(running: readonly { pid: number; command: string; stack: string | undefined }[]): string {
  const stack = running.find((r) => r.stack)?.stack ?? "<stack>";
  return [
    "",
    `second interrupt: terminating pulumi ${running.map((r) => `${r.command} (pid ${r.pid})`).join(", ")} immediately.`,
    "Operations in flight may be left pending in the stack's state, and the stack may stay locked.",
    "To recover:",
    `  pulumi cancel --stack ${stack} --yes              # only if the stack stays locked (Pulumi Cloud backend)`,
    `  pulumi stack export --stack ${stack} --file state.json  # then review/remove pending_operations`,
    `  pulumi stack import --stack ${stack} --file state.json  # and run pulumi refresh --stack ${stack}`,
    "",
  ].join("\n");
}

/**
 * The real process. The first command that reads `signal` installs the SIGINT and SIGTERM handlers: the first
 * signal aborts `signal` once (a running pulumi gets exactly one SIGINT: its graceful cancel; the run is reported as
 * cancelled). A second one, while pulumi runs, says what it will do and how to recover, then terminates pulumi
 * (the run still writes its report); with no pulumi running, asc exits at once. Commands that never read `signal`
 * keep the defaults. A TTY stdin can answer prompts.
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
        const onSignal = (name: NodeJS.Signals) => {
          if (!c.signal.aborted) {
            process.stderr.write(`\n${name} received: cancelling (pulumi is asked once to cancel; the report is still written). Press Ctrl-C again to terminate at once.\n`);
            c.abort();
            return;
          }
          void import("../deploy/pulumi/process-group.js").then(({ runningPulumi }) => {
            const running = runningPulumi();
            if (running.length === 0) {
              process.stderr.write("\nsecond interrupt: exiting now.\n");
              process.exit(130);
            }
            process.stderr.write(terminationNotice(running));
            for (const r of running) r.terminate();
            // The run writes its report once pulumi is gone; if it cannot, do not hang.
            setTimeout(() => process.exit(130), 20_000).unref();
          });
        };
        process.on("SIGINT", onSignal);
        process.on("SIGTERM", onSignal);
      }
      return controller.signal;
    },
    ...(process.stdin.isTTY ? { prompt: promptOnTerminal, promptSecret: promptSecretOnTerminal } : {}),
  };
}
