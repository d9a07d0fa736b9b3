/**
 * The fake `pulumi` CLI in a process of its own (bin/pulumi runs it for the calls that read stdin or wait for real
 * signals, and when no fake engine server is reachable); what each call does is in engine.mjs.
 *
 * A hanging command (FAKE_PULUMI_HANG) handles signals as the real CLI does (pkg/backend/cancellation_scope.go,
 * v3.248.0): the first SIGINT or SIGTERM prints "^C received; cancelling…" and cancels gracefully
 * (FAKE_PULUMI_CANCEL_MS); a second one terminates at once. With FAKE_PULUMI_SIGNALS every SIGINT and SIGTERM the
 * process receives is appended to that file as a JSON line { signal, pid, command, at }.
 */
import { appendFileSync, readFileSync } from "node:fs";
import { runFakePulumi } from "./engine.mjs";

const env = process.env;
const argv = process.argv.slice(2);
const key = argv[0] === "stack" ? `stack ${argv[1]}` : argv[0];

if (env.FAKE_PULUMI_SIGNALS) {
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => appendFileSync(env.FAKE_PULUMI_SIGNALS, `${JSON.stringify({ signal, pid: process.pid, command: key, at: Date.now() })}\n`));
}

function waitForCancel({ emit, events }) {
  return new Promise((resolve) => {
    const finish = async (code, message) => {
      await events.close();
      resolve({ code, stdout: "", stderr: `${message}\n` });
    };
    const timer = setTimeout(() => finish(1, "error: fake pulumi hung for 20 s without SIGINT"), 20000);
    let received = 0;
    const onSignal = async (sig) => {
      received += 1;
      clearTimeout(timer);
      if (received === 1) {
        const what = sig === "SIGTERM" ? "SIGTERM received; cancelling. If you would like to terminate immediately, send SIGTERM again." : "^C received; cancelling. If you would like to terminate immediately, press ^C again.";
        emit({ stdoutEvent: { message: `${what}\nNote that terminating immediately may lead to orphaned resources and other inconsistencies.\n`, color: "never" } });
        await new Promise((r) => setTimeout(r, Number(env.FAKE_PULUMI_CANCEL_MS ?? 0)));
        if (received > 1) return;
        emit({ cancelEvent: {} });
        await finish(255, "error: update canceled");
      } else {
        emit({ stdoutEvent: { message: `${sig === "SIGTERM" ? "SIGTERM" : "^C"} received; terminating`, color: "never" } });
        await finish(255, "error: update terminated");
      }
    };
    process.on("SIGINT", () => onSignal("SIGINT"));
    process.on("SIGTERM", () => onSignal("SIGTERM"));
    // Tests that signal real processes wait for this line: from now on a signal is handled, not fatal.
    if (env.FAKE_PULUMI_SIGNALS) appendFileSync(env.FAKE_PULUMI_SIGNALS, `${JSON.stringify({ ready: key, pid: process.pid })}\n`);
  });
}

const result = await runFakePulumi({ argv, env, cwd: process.cwd(), readStdin: () => readFileSync(0, "utf8"), onHang: waitForCancel });
// Writes to pipes and files are synchronous in node on Linux, so nothing is lost by exiting now.
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exit(result.code);
