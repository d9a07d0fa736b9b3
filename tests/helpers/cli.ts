/** Runs asc commands in-process against a project folder, capturing stdout and stderr. */
import { mkdirSync, copyFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { run } from "../../src/cli/main.js";
import { testTempDir } from "./temp-dir.js";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runAsc(argv: readonly string[], options: { cwd?: string; env?: Record<string, string | undefined>; now?: Date } = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, {
    cwd: options.cwd ?? REPO_ROOT,
    env: options.env ?? {},
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    now: () => options.now ?? new Date("2026-11-21T12:00:00Z"),
  });
  return { code, stdout, stderr };
}

/** A throwaway asc project holding the given profile files (name → YAML text or a file to copy). */
export function tempProject(profiles: Record<string, { text?: string; copyFrom?: string }>): string {
  const dir = testTempDir("asc-test-");
  copyFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  mkdirSync(path.join(dir, "stacks"));
  for (const [name, source] of Object.entries(profiles)) {
    const target = path.join(dir, "stacks", `Pulumi.${name}.yaml`);
    if (source.copyFrom) copyFileSync(source.copyFrom, target);
    else writeFileSync(target, source.text ?? "");
  }
  return dir;
}

export interface BinOptions {
  readonly cwd?: string;
  /** The whole environment of the child, besides PATH and HOME. */
  readonly env?: Record<string, string>;
  /** Run as this uid/gid through setpriv (tests run as root, who reads any file). */
  readonly asUser?: { readonly uid: number; readonly gid: number };
}

/** Runs the built CLI as an operator does: `node bin/asc.js …` in its own process (needs `node scripts/build.mjs`). */
export async function runAscBin(argv: readonly string[], options: BinOptions = {}): Promise<CliResult> {
  const { execa } = await import("execa");
  const node = [process.execPath, path.join(REPO_ROOT, "bin/asc.js"), ...argv];
  const [file, ...args] = options.asUser ? ["setpriv", `--reuid=${options.asUser.uid}`, `--regid=${options.asUser.gid}`, "--clear-groups", ...node] : node;
  const result = await execa(file, args, {
    cwd: options.cwd ?? REPO_ROOT,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: options.cwd ?? REPO_ROOT, ...options.env },
    extendEnv: false,
    reject: false,
    stdin: "ignore",
    stripFinalNewline: false,
  });
  return { code: result.exitCode ?? 1, stdout: String(result.stdout), stderr: String(result.stderr) };
}
