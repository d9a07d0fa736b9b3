/**
 * Runs the Pulumi CLI for the Automation API in a process group of its own, so a Ctrl-C on the terminal (SIGINT to
 * the whole foreground group) reaches asc alone, and asc forwards exactly one SIGINT: the CLI's graceful cancel.
 *
 * Why: the SDK spawns `pulumi` in asc's group (execa, automation/cmd.js) and sends SIGINT itself when the abort
 * signal fires, so a terminal Ctrl-C delivered two SIGINTs, and the CLI treats a second SIGINT as "terminate
 * immediately" (pkg/backend/cancellation_scope.go, v3.248.0: the first cancels, any later one terminates). The
 * workspace and stack call `PulumiCommand.run(args, cwd, env, onOutput, onError, signal)` for every command
 * (automation/cmd.js, localWorkspace.js, stack.js runPulumiCmd); asc gives them a command whose `run` spawns here.
 * The CLI starts its plugins in process groups of their own (sdk/go/common/util/cmdutil/child_unix.go,
 * RegisterProcessGroup) and kills them itself when it ends.
 */
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";

/** The SDK's CommandResult fields (automation/cmd.js). */
export interface PulumiRunResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
  readonly err?: Error;
}

/** A `pulumi` process asc is running, for the second Ctrl-C. */
export interface RunningPulumi {
  readonly pid: number;
  /** e.g. "up", "preview". */
  readonly command: string;
  readonly stack: string | undefined;
  /** Sends the CLI its second signal (it terminates at once), then SIGKILLs its process group after `graceMs`. */
  terminate(graceMs?: number): void;
  readonly exited: Promise<void>;
}

const running = new Set<RunningPulumi>();

/** The pulumi processes running now (an `up` or `preview` in flight, or any other call). */
export function runningPulumi(): readonly RunningPulumi[] {
  return [...running];
}

const argAfter = (args: readonly string[], flag: string) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};

/**
 * Spawns `command args` in a new process group (`detached`: setsid on POSIX, so the child is also off the terminal:
 * the SDK runs every command with --non-interactive). On abort, one SIGINT goes to pulumi, never more.
 */
export function runInOwnGroup(command: string, args: string[], cwd: string, env: Record<string, string>, onOutput?: (s: string) => void, onError?: (s: string) => void, signal?: AbortSignal): Promise<PulumiRunResult> {
  // What PulumiCommand.run adds (automation/cmd.js): non-interactive, the CLI's folder first on PATH, the marker.
  if (!args.includes("--non-interactive")) args.push("--non-interactive");
  const extra: Record<string, string> = { ...env, PULUMI_AUTOMATION_API: "true" };
  if (path.isAbsolute(command)) extra.PATH = `${path.dirname(command)}${os.platform() === "win32" ? ";" : ":"}${env.PATH ?? process.env.PATH ?? ""}`;
  return new Promise((resolve) => {
    let stdout = "";
    let stderr = "";
    const child = spawn(command, args, { cwd, env: { ...process.env, ...extra }, detached: process.platform !== "win32", stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.setEncoding("utf8").on("data", (s: string) => {
      stdout += s;
      onOutput?.(s);
    });
    child.stderr.setEncoding("utf8").on("data", (s: string) => {
      stderr += s;
      onError?.(s);
    });
    let signals = 0;
    const sendSigint = () => {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      signals += 1;
      try {
        process.kill(child.pid, "SIGINT");
      } catch {
        // already gone
      }
    };
    let exit: () => void = () => {};
    const exited = new Promise<void>((r) => (exit = r));
    const entry: RunningPulumi | undefined = child.pid === undefined ? undefined : {
      pid: child.pid,
      command: args[0] === "stack" ? `stack ${args[1]}` : (args[0] ?? ""),
      stack: argAfter(args, "--stack"),
      terminate(graceMs = 10_000) {
        // The CLI's own "terminate immediately" is a second SIGINT; whatever is left after the grace is killed.
        if (signals < 2) {
          if (signals === 0) sendSigint();
          sendSigint();
        }
        const timer = setTimeout(() => {
          try {
            process.kill(-child.pid!, "SIGKILL");
          } catch {
            // the group is gone
          }
        }, graceMs);
        timer.unref();
        void exited.then(() => clearTimeout(timer));
      },
      exited,
    };
    if (entry) running.add(entry);
    const onAbort = () => {
      if (signals === 0) sendSigint();
    };
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
    let finished = false;
    const finish = (result: PulumiRunResult) => {
      if (finished) return;
      finished = true;
      signal?.removeEventListener("abort", onAbort);
      if (entry) running.delete(entry);
      exit();
      // execa strips the final newline, which the SDK's callers were written against.
      resolve({ ...result, stdout: result.stdout.replace(/\r?\n$/, ""), stderr: result.stderr.replace(/\r?\n$/, "") });
    };
    child.on("error", (err) => finish({ stdout, stderr: err.message, code: -2, err }));
    child.on("close", (code, sig) => finish({ stdout, stderr, code: code ?? (sig ? 128 + (os.constants.signals[sig] ?? 0) : -2) }));
  });
}
