#!/usr/bin/env node
/**
 * `npm test`: builds dist/, then runs the type-check (`npm run typecheck`) and Jest (`npm run test:unit`) side by
 * side, and fails when either fails. tsc is single-threaded and Jest's two workers spend part of their time waiting
 * on the processes they start (the fake pulumi, Postgres, the CLI in its own process), so on two cores the
 * type-check fits into those waits instead of running before them.
 *
 * The type-check emits the declaration files the package test reuses (tests/package/pack-install.test.ts). While it
 * runs, TYPECHECK_PENDING (a file holding tsc's pid) exists, and that test waits for it to go before it reads them.
 * Extra arguments go to Jest: `npm test -- tests/cli`.
 */
import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { setPriority } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TYPECHECK_PENDING = path.join(root, "node_modules/.cache/asc-types.pending");

function run(args, options = {}) {
  const child = spawn("npm", ["run", "--silent", ...args], { cwd: root, stdio: options.capture ? ["ignore", "pipe", "pipe"] : "inherit" });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const done = new Promise((resolve) => child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output })));
  return { child, done };
}

const build = await run(["build"]).done;
if (build.code !== 0) process.exit(build.code);

mkdirSync(path.dirname(TYPECHECK_PENDING), { recursive: true });
const typecheck = run(["typecheck"], { capture: true });
writeFileSync(TYPECHECK_PENDING, String(typecheck.child.pid));
// Jest is the longer of the two and the one the run waits for, so the type-check runs at a lower priority (nice 10,
// which npm and tsc inherit): it takes the CPU Jest leaves while its tests wait on their child processes. In a fresh
// clone it still ended about 35 s in, long before Jest. Where priorities cannot be set, both run as before.
try {
  setPriority(typecheck.child.pid, 10);
} catch {
  // not permitted here: the type-check keeps the default priority
}
const typechecked = typecheck.done.then((result) => {
  rmSync(TYPECHECK_PENDING, { force: true });
  return result;
});
const jest = run(["test:unit", ...(process.argv.length > 2 ? ["--", ...process.argv.slice(2)] : [])]);

const [types, tests] = await Promise.all([typechecked, jest.done]);
process.stdout.write(`\ntype-check (npm run typecheck): ${types.code === 0 ? "passed" : `failed, exit ${types.code}`}\n`);
if (types.output.trim()) process.stdout.write(`${types.output.trimEnd()}\n`);
process.exit(types.code !== 0 ? types.code : tests.code);
