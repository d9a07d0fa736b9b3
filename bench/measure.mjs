// Runs the asc CLI in this process with the given arguments and reports the peak RSS on stderr as the last line.
// Used by bench/run.mjs so that memory is measured for the same code path as `node bin/asc.js …`.
import { Writable } from "node:stream";

const { run } = await import("../dist/cli/main.js");
const sink = new Writable({ write: (_c, _e, cb) => cb() });
const code = await run(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: sink, stderr: process.stderr, now: () => new Date() });
process.stderr.write(`\nmaxRSS_KB=${process.resourceUsage().maxRSS}\n`);
process.exitCode = code;
