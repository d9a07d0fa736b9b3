/**
 * Finds the `pulumi` CLI the Automation API drives: `ASC_PULUMI_COMMAND`, then PATH, then `node_modules/.bin` of the
 * project and of asc itself. The SDK runs `<root>/bin/pulumi`, so a binary outside a `bin` folder gets a shim root.
 */
import { createHash } from "node:crypto";
import { accessSync, constants, existsSync, mkdirSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AscUserError } from "../../errors.js";

export interface PulumiBinary {
  /** The executable (symlinks resolved). */
  readonly command: string;
  /** A folder holding `bin/pulumi`, for `PulumiCommand.get({ root })`. */
  readonly root: string;
  /** Where it was found: `ASC_PULUMI_COMMAND`, `PATH` or a `node_modules/.bin` folder. */
  readonly source: string;
}

export interface FindPulumiOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The asc project (folder with Pulumi.yaml); its node_modules/.bin is searched after PATH. */
  readonly projectRoot?: string;
}

const EXECUTABLE = process.platform === "win32" ? ["pulumi.exe", "pulumi.cmd", "pulumi"] : ["pulumi"];
const ASC_PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findIn(dir: string): string | undefined {
  for (const name of EXECUTABLE) {
    const file = path.join(dir, name);
    if (existsSync(file) && isExecutable(file)) return file;
  }
  return undefined;
}

/**
 * A root whose `bin/pulumi` is the binary: its own parent when it sits in `bin/`, else a shim folder holding a
 * symlink (the SDK's PulumiCommand runs `<root>/bin/pulumi` and its constructor is private). The shim lives in the
 * project's `var/cache/` (ignored like the rest of var/), so nothing accumulates in $TMPDIR; outside a project, in
 * the temp folder.
 */
function rootFor(command: string, projectRoot: string | undefined): string {
  const real = realpathSync(command);
  if (path.basename(path.dirname(real)) === "bin" && path.basename(real).startsWith("pulumi")) return path.dirname(path.dirname(real));
  // One shim per binary, reused across runs rather than a new folder each time.
  const base = projectRoot !== undefined ? path.join(projectRoot, "var", "cache") : tmpdir();
  const shim = path.join(base, `asc-pulumi-${createHash("sha256").update(real).digest("hex").slice(0, 16)}`);
  const link = path.join(shim, "bin", "pulumi");
  if (existsSync(link) && realpathSync(link) === real) return shim;
  rmSync(shim, { recursive: true, force: true });
  mkdirSync(path.join(shim, "bin"), { recursive: true });
  symlinkSync(real, link);
  return shim;
}

function candidates(options: FindPulumiOptions): { dir: string; source: string }[] {
  const pathDirs = (options.env.PATH ?? "").split(path.delimiter).filter((d) => d.length > 0);
  const moduleBins = [options.projectRoot, ASC_PACKAGE_ROOT].filter((d): d is string => d !== undefined).map((d) => path.join(d, "node_modules", ".bin"));
  return [...pathDirs.map((dir) => ({ dir, source: "PATH" })), ...[...new Set(moduleBins)].map((dir) => ({ dir, source: dir }))];
}

/** The Pulumi CLI, or undefined when there is none. */
export function findPulumiBinary(options: FindPulumiOptions): PulumiBinary | undefined {
  const explicit = options.env.ASC_PULUMI_COMMAND;
  if (explicit) {
    if (!existsSync(explicit) || !isExecutable(explicit)) {
      throw new AscUserError("The Pulumi CLI named by ASC_PULUMI_COMMAND does not exist", [{
        path: "ASC_PULUMI_COMMAND",
        value: explicit,
        message: "not an executable file",
        allowed: "the path of a pulumi executable",
        fix: "point ASC_PULUMI_COMMAND at the pulumi binary (e.g. ~/.pulumi/bin/pulumi), or unset it to search PATH",
      }]);
    }
    return { command: realpathSync(explicit), root: rootFor(explicit, options.projectRoot), source: "ASC_PULUMI_COMMAND" };
  }
  for (const { dir, source } of candidates(options)) {
    const hit = findIn(dir);
    if (hit) return { command: realpathSync(hit), root: rootFor(hit, options.projectRoot), source };
  }
  return undefined;
}

export const PULUMI_INSTALL_FIX = "install the Pulumi CLI: curl -fsSL https://get.pulumi.com | sh (or brew install pulumi/tap/pulumi, or see https://www.pulumi.com/docs/install/), then open a new shell; or set ASC_PULUMI_COMMAND to its path";

/** The Pulumi CLI, or a user error saying how to install one. */
export function requirePulumiBinary(options: FindPulumiOptions): PulumiBinary {
  const found = findPulumiBinary(options);
  if (found) return found;
  throw new AscUserError("The Pulumi CLI was not found", [{
    path: "pulumi",
    message: "asc drives Pulumi through its CLI, and there is no pulumi on PATH or in node_modules/.bin",
    allowed: "a pulumi binary on PATH, in node_modules/.bin, or named by ASC_PULUMI_COMMAND",
    fix: PULUMI_INSTALL_FIX,
  }]);
}
