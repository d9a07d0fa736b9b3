/**
 * Reads a file the operator points asc at (a profile, an env file) as text, or says why not as a user problem:
 * missing, a dangling symlink, a symlink leading outside the project (not read at all), a directory, not a regular
 * file, too large, unreadable, or binary. With config/load.ts, the only I/O of config/.
 */
import { lstatSync, readFileSync, readlinkSync, realpathSync, statSync, type Stats } from "node:fs";
import path from "node:path";
import type { UserProblem } from "../errors.js";

export interface UserFileOptions {
  /** Shown in problems: the path as the user knows it (relative to the project or the working directory). */
  readonly label: string;
  /** Where the path came from, e.g. `--profile` or `--file`. */
  readonly flag: string;
  /** When set, the file (after symlinks) must be inside this folder; otherwise it is refused without being read. */
  readonly within?: string;
  readonly maxBytes: number;
  /** What the file should be, for `allowed:`. */
  readonly kind: string;
}

export type UserFileResult = { ok: true; text: string } | { ok: false; missing: boolean; problem: UserProblem };

const errnoOf = (e: unknown) => (e as NodeJS.ErrnoException | undefined)?.code;

/** Node's fs, injectable so a test can stand in an error that root cannot provoke (root reads any file). */
export interface UserFileSystem {
  lstat(file: string): Stats;
  stat(file: string): Stats;
  realpath(file: string): string;
  readlink(file: string): string;
  read(file: string): Buffer;
}

export const NODE_FS: UserFileSystem = {
  lstat: (f) => lstatSync(f),
  stat: (f) => statSync(f),
  realpath: (f) => realpathSync(f),
  readlink: (f) => readlinkSync(f),
  read: (f) => readFileSync(f),
};

const isInside = (dir: string, file: string) => {
  const rel = path.relative(dir, file);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
};

export function readUserFile(file: string, options: UserFileOptions, fs: UserFileSystem = NODE_FS): UserFileResult {
  const { label, flag } = options;
  const refuse = (message: string, allowed: string, fix: string): UserFileResult => ({ ok: false, missing: false, problem: { path: flag, value: label, message, allowed, fix } });
  let stats: Stats;
  try {
    stats = fs.lstat(file);
  } catch (e) {
    if (errnoOf(e) === "ENOENT" || errnoOf(e) === "ENOTDIR") return { ok: false, missing: true, problem: { path: flag, value: label, message: "the file does not exist", allowed: options.kind, fix: "pass the path of an existing file" } };
    return refuse(`cannot be inspected (${errnoOf(e) ?? "error"})`, options.kind, `check the permissions of ${label} and its folders`);
  }
  let real: string;
  try {
    real = fs.realpath(file);
  } catch {
    if (stats.isSymbolicLink()) {
      let target = "?";
      try {
        target = fs.readlink(file);
      } catch {
        // the link vanished meanwhile; the message still holds
      }
      return refuse(`is a symbolic link to ${target}, which does not exist`, options.kind, `point the link at an existing file, or replace ${label} by the file itself`);
    }
    real = path.resolve(file);
  }
  if (options.within !== undefined) {
    let root = options.within;
    try {
      root = fs.realpath(options.within);
    } catch {
      // an unresolvable root keeps its own spelling
    }
    if (!isInside(root, real)) {
      return refuse(`resolves outside the project (${real}); asc does not read it`, `${options.kind} inside ${options.within}`, `copy the file into the project instead of linking to it`);
    }
  }
  try {
    stats = fs.stat(real);
  } catch (e) {
    return refuse(`cannot be inspected (${errnoOf(e) ?? "error"})`, options.kind, `check the permissions of ${label} and its folders`);
  }
  if (stats.isDirectory()) return refuse("is a directory, not a file", options.kind, `remove or rename the folder ${label}, and put the file there`);
  if (!stats.isFile()) return refuse("is not a regular file (a FIFO, socket or device)", options.kind, `replace ${label} by a regular file`);
  if (stats.size > options.maxBytes) return refuse(`is ${stats.size} bytes; at most ${options.maxBytes} are read`, `${options.kind} of at most ${options.maxBytes} bytes`, "check that this is the right file");
  let bytes: Buffer;
  try {
    bytes = fs.read(real);
  } catch (e) {
    const code = errnoOf(e);
    if (code === "EACCES" || code === "EPERM") return refuse("cannot be read: permission denied", options.kind, `let the user running asc read it (chmod u+r ${label}, or chown), or run asc as its owner`);
    return refuse(`cannot be read (${code ?? "error"})`, options.kind, `check ${label}`);
  }
  if (bytes.includes(0)) return refuse("is a binary file (it holds NUL bytes), not text", options.kind, "check that this is the right file");
  return { ok: true, text: bytes.toString("utf8") };
}
