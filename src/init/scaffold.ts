/**
 * Plans and writes the files of `asc init`. A new project gets every file; an existing asc project (a Pulumi.yaml
 * here) gets only the new profile. Nothing is overwritten without --force, and nothing is written until every file
 * has been checked.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync, copyFileSync } from "node:fs";
import path from "node:path";
import { listProfiles, readProfileFile } from "../config/load.js";
import { AscUserError } from "../errors.js";
import { packagePath } from "../package-root.js";
import { gitignoreText, packageJsonText, PROGRAM_FILE, PROGRAM_TEXT, projectNameFrom, pulumiProjectText } from "./project-files.js";

export interface PlannedFile {
  /** Relative to the project root. */
  readonly file: string;
  readonly text?: string;
  /** Copied from the asc package instead of `text`. */
  readonly copyFrom?: string;
  /** Files asc merges into (package.json, .gitignore) are updated in place rather than refused. */
  readonly merge?: boolean;
}

/** The resource-name prefix (asc:name) rule: 3-16 lowercase letters, digits and hyphens, starting with a letter. */
const NAME_RULE = /^[a-z][a-z0-9-]{1,14}[a-z0-9]$/;

/** The asc:name of every existing profile (explicit, or the default "asc"). */
export function existingNames(root: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const profile of listProfiles(root)) {
    try {
      names.set(profile, String(readProfileFile(root, profile).layer.values.name ?? "asc"));
    } catch {
      // An unreadable profile is reported by the commands that use it; it names nothing here.
    }
  }
  return names;
}

/** A distinct asc:name for a new profile, derived from its profile name, and the collisions avoided. */
export function deriveName(profile: string, taken: ReadonlyMap<string, string>): { name: string; warnings: string[] } {
  let base = profile.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^[^a-z]+/, "").replace(/-+$/g, "").slice(0, 16).replace(/-+$/g, "");
  if (base.length < 3) base = `asc-${base}`.slice(0, 16).replace(/-+$/g, "") || "asc";
  const used = new Set(taken.values());
  const warnings: string[] = [];
  let name = base;
  for (let i = 2; used.has(name) || !NAME_RULE.test(name); i++) {
    const suffix = `-${i}`;
    name = `${base.slice(0, 16 - suffix.length).replace(/-+$/g, "")}${suffix}`;
  }
  if (name !== base) warnings.push(`asc:name "${base}" is already used by profile ${[...taken].find(([, n]) => n === base)?.[0] ?? "?"}; this profile uses "${name}"`);
  return { name, warnings };
}

/** A chosen asc:name that another profile already uses: two stacks would fight over the same resource names. */
export function nameCollisions(name: string, profile: string, taken: ReadonlyMap<string, string>): string[] {
  return [...taken].filter(([p, n]) => n === name && p !== profile).map(([p]) => `asc:name "${name}" is also the name of profile ${p}: their resources would collide; choose another asc:name`);
}

export function projectFiles(root: string, options: { specs: { asc: string; pulumi: string }; workflows: boolean }): PlannedFile[] {
  const pkgFile = path.join(root, "package.json");
  const existingPkg = existsSync(pkgFile) ? (JSON.parse(readFileSync(pkgFile, "utf8")) as Record<string, unknown>) : undefined;
  if (existingPkg && existingPkg.type !== undefined && existingPkg.type !== "module") {
    throw new AscUserError("package.json is not an ES module project", [{ path: "package.json: type", value: existingPkg.type, message: "asc's program is an ES module, and Pulumi imports it only when package.json says \"type\": \"module\"", allowed: "module", fix: "set \"type\": \"module\" in package.json (or run asc init in a new folder)" }]);
  }
  const name = projectNameFrom(typeof existingPkg?.name === "string" ? existingPkg.name : path.basename(root));
  const gitignore = path.join(root, ".gitignore");
  const files: PlannedFile[] = [
    { file: "package.json", text: packageJsonText(existingPkg, name, options.specs), merge: existingPkg !== undefined },
    { file: "Pulumi.yaml", text: pulumiProjectText(name) },
    { file: PROGRAM_FILE, text: PROGRAM_TEXT },
    { file: ".gitignore", text: gitignoreText(existsSync(gitignore) ? readFileSync(gitignore, "utf8") : undefined), merge: existsSync(gitignore) },
  ];
  if (options.workflows) {
    const dir = packagePath(".github", "workflows");
    for (const wf of existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".yml")) : []) files.push({ file: `.github/workflows/${wf}`, copyFrom: path.join(dir, wf) });
  }
  return files;
}

/** Refuses to overwrite (without --force) before anything is written. */
export function checkOverwrites(root: string, files: readonly PlannedFile[], force: boolean): void {
  if (force) return;
  const clashes = files.filter((f) => !f.merge && existsSync(path.join(root, f.file)));
  if (!clashes.length) return;
  throw new AscUserError("asc init would overwrite files", clashes.map((f) => ({ path: f.file, message: "already exists", allowed: "a file that does not exist yet", fix: `keep it (remove it from the folder first to regenerate it), or rerun with --force to overwrite ${f.file}` })));
}

export function writeFiles(root: string, files: readonly PlannedFile[]): string[] {
  for (const f of files) {
    const target = path.join(root, f.file);
    mkdirSync(path.dirname(target), { recursive: true });
    if (f.copyFrom) copyFileSync(f.copyFrom, target);
    else writeFileSync(target, f.text ?? "");
  }
  return files.map((f) => f.file);
}
