/**
 * The commit a report records (gitSha): git's own answer inside a checkout, and null without starting git outside one.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { gitSha } from "../../../src/deploy/pipeline/services.js";
import { testTempDir } from "../../helpers/temp-dir.js";

/** PATH with a `git` first that records its calls, then runs the real one. */
function recordingGit(): { path: string; calls: () => string[] } {
  const dir = testTempDir("asc-git-");
  const log = path.join(dir, "calls.log");
  const real = execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim();
  writeFileSync(path.join(dir, "git"), `#!/bin/sh\necho "$*" >> "${log}"\nexec "${real}" "$@"\n`);
  chmodSync(path.join(dir, "git"), 0o755);
  return { path: `${dir}${path.delimiter}${process.env.PATH}`, calls: () => (existsSync(log) ? readFileSync(log, "utf8").split("\n").filter(Boolean) : []) };
}

function withPath<T>(value: string, run: () => T): T {
  const saved = process.env.PATH;
  process.env.PATH = value;
  try {
    return run();
  } finally {
    process.env.PATH = saved;
  }
}

describe("gitSha", () => {
  it("GIVEN a folder in no repository THEN null, and git is not started", () => {
    const git = recordingGit();
    const dir = path.join(testTempDir("asc-nogit-"), "project");
    mkdirSync(dir);
    expect(withPath(git.path, () => gitSha(dir))).toBeNull();
    expect(git.calls()).toEqual([]);
  });

  it("GIVEN a subfolder of a checkout THEN git's HEAD commit", () => {
    const git = recordingGit();
    const repo = testTempDir("asc-repo-");
    const g = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: repo, encoding: "utf8" }).trim();
    g("init", "-q");
    g("commit", "-q", "--allow-empty", "-m", "first");
    mkdirSync(path.join(repo, "infra"));
    expect(withPath(git.path, () => gitSha(path.join(repo, "infra")))).toBe(g("rev-parse", "HEAD"));
    expect(git.calls()).toEqual(["rev-parse HEAD"]);
  });
});
