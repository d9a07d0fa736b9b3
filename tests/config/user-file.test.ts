/** readUserFile: every way a path can fail to be a readable text file is a user problem, never a crash. */
import { mkdirSync, symlinkSync, writeFileSync, type Stats } from "node:fs";
import path from "node:path";
import { NODE_FS, readUserFile, type UserFileOptions } from "../../src/config/user-file.js";
import { testTempDir } from "../helpers/temp-dir.js";

const OPTIONS: UserFileOptions = { label: "stacks/Pulumi.x.yaml", flag: "--profile", maxBytes: 64, kind: "a profile" };

describe("readUserFile", () => {
  it("GIVEN a small text file THEN its text", () => {
    const dir = testTempDir("asc-uf-");
    writeFileSync(path.join(dir, "a.yaml"), "config: {}\n");
    expect(readUserFile(path.join(dir, "a.yaml"), { ...OPTIONS, within: dir })).toEqual({ ok: true, text: "config: {}\n" });
  });

  it("GIVEN a symlink to a file inside the folder THEN it is followed", () => {
    const dir = testTempDir("asc-uf-");
    writeFileSync(path.join(dir, "real.yaml"), "x: 1\n");
    symlinkSync("real.yaml", path.join(dir, "link.yaml"));
    expect(readUserFile(path.join(dir, "link.yaml"), { ...OPTIONS, within: dir })).toEqual({ ok: true, text: "x: 1\n" });
  });

  it.each([
    ["missing", (dir: string) => path.join(dir, "none.yaml"), { ok: false, missing: true, problem: { path: "--profile", value: "stacks/Pulumi.x.yaml", message: "the file does not exist", allowed: "a profile", fix: "pass the path of an existing file" } }],
    ["a directory", (dir: string) => (mkdirSync(path.join(dir, "d.yaml")), path.join(dir, "d.yaml")), { ok: false, missing: false, problem: expect.objectContaining({ message: "is a directory, not a file" }) }],
    ["too large", (dir: string) => (writeFileSync(path.join(dir, "big.yaml"), "x".repeat(65)), path.join(dir, "big.yaml")), { ok: false, missing: false, problem: expect.objectContaining({ message: "is 65 bytes; at most 64 are read" }) }],
    ["binary", (dir: string) => (writeFileSync(path.join(dir, "b.yaml"), Buffer.from([65, 0, 66])), path.join(dir, "b.yaml")), { ok: false, missing: false, problem: expect.objectContaining({ message: "is a binary file (it holds NUL bytes), not text" }) }],
    ["a dangling symlink", (dir: string) => (symlinkSync("gone.yaml", path.join(dir, "l.yaml")), path.join(dir, "l.yaml")), { ok: false, missing: false, problem: expect.objectContaining({ message: "is a symbolic link to gone.yaml, which does not exist" }) }],
  ])("GIVEN %s THEN a user problem", (_what, make, expected) => {
    const dir = testTempDir("asc-uf-");
    expect(readUserFile(make(dir), { ...OPTIONS, within: dir })).toEqual(expected);
  });

  it("GIVEN a symlink leading outside the folder THEN it is refused and the target is never read", () => {
    const dir = testTempDir("asc-uf-");
    const outside = path.join(testTempDir("asc-uf-out-"), "secret.txt");
    writeFileSync(outside, "sk-live-never-read\n");
    symlinkSync(outside, path.join(dir, "l.yaml"));
    const reads: string[] = [];
    const result = readUserFile(path.join(dir, "l.yaml"), { ...OPTIONS, within: dir }, { ...NODE_FS, read: (f) => (reads.push(f), NODE_FS.read(f)) });
    expect(result).toEqual({ ok: false, missing: false, problem: expect.objectContaining({ message: `resolves outside the project (${outside}); asc does not read it` }) });
    expect(reads).toEqual([]);
  });

  it("GIVEN a read that fails with EACCES (injected: the tests run as root, who reads any file) THEN permission denied", () => {
    const dir = testTempDir("asc-uf-");
    writeFileSync(path.join(dir, "a.yaml"), "x: 1\n");
    const denied = Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
    const fs = { ...NODE_FS, read: (): Buffer => { throw denied; } };
    expect(readUserFile(path.join(dir, "a.yaml"), OPTIONS, fs)).toEqual({ ok: false, missing: false, problem: { path: "--profile", value: "stacks/Pulumi.x.yaml", message: "cannot be read: permission denied", allowed: "a profile", fix: "let the user running asc read it (chmod u+r stacks/Pulumi.x.yaml, or chown), or run asc as its owner" } });
  });

  it("GIVEN a FIFO-like entry (injected stat) THEN it is refused before any read, which would block", () => {
    const dir = testTempDir("asc-uf-");
    writeFileSync(path.join(dir, "a.yaml"), "");
    const fifo = { isDirectory: () => false, isFile: () => false, isSymbolicLink: () => false, size: 0 } as unknown as Stats;
    const result = readUserFile(path.join(dir, "a.yaml"), OPTIONS, { ...NODE_FS, stat: () => fifo, read: () => { throw new Error("must not read"); } });
    expect(result).toEqual({ ok: false, missing: false, problem: expect.objectContaining({ message: "is not a regular file (a FIFO, socket or device)" }) });
  });
});
