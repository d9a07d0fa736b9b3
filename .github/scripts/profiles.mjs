#!/usr/bin/env node
// The asc profiles (stacks/Pulumi.<profile>.yaml) as CI matrices: all of them, the ones a change affects, or one
// resolved by name. Plain Node (no dependencies), so a job can run it before `npm ci`.
//
//   node .github/scripts/profiles.mjs all                     -> matrix, count
//   node .github/scripts/profiles.mjs affected <base> <head>  -> matrix, count (from `git diff base...head`)
//   node .github/scripts/profiles.mjs resolve <profile>       -> profile, cloud, region
//
// Results go to $GITHUB_OUTPUT as key=value lines (to stdout when it is not set).
import { appendFileSync, existsSync, readFileSync, readdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const PROFILE_FILE = /^Pulumi\.([a-z0-9][a-z0-9-]*)\.yaml$/;
const PROFILE_NAME = /^[a-z0-9][a-z0-9-]*$/;

/** Changes to these paths can change every profile's program, so every profile is previewed. */
export const GLOBAL_PATHS = [/^src\//, /^package\.json$/, /^package-lock\.json$/, /^Pulumi\.yaml$/, /^tsconfig\.json$/];

/** Reads a top-level `asc:<key>: <scalar>` from a profile file (no YAML parser: this runs before npm ci). */
export function profileScalar(yamlText, key) {
  const match = new RegExp(`^\\s+asc:${key}:\\s*["']?([A-Za-z0-9._-]+)["']?\\s*(?:#.*)?$`, "m").exec(yamlText);
  return match ? match[1] : null;
}

/** Every profile under <root>/stacks, sorted by name, with its cloud and region. */
export function listProfiles(root) {
  const dir = path.join(root, "stacks");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((file) => PROFILE_FILE.exec(file))
    .filter(Boolean)
    .map((m) => {
      const text = readFileSync(path.join(dir, m[0]), "utf8");
      return { profile: m[1], cloud: profileScalar(text, "cloud"), region: profileScalar(text, "region") };
    })
    .sort((a, b) => a.profile.localeCompare(b.profile));
}

/**
 * The profiles a set of changed files affects: a changed stacks/Pulumi.<p>.yaml affects p; a change under src/, to the
 * package files, Pulumi.yaml or tsconfig.json affects all. Deleted profiles (not in `profiles`) are dropped.
 */
export function affectedProfiles(changedFiles, profiles) {
  const names = profiles.map((p) => p.profile);
  if (changedFiles.some((file) => GLOBAL_PATHS.some((re) => re.test(file)))) return [...names];
  const touched = new Set();
  for (const file of changedFiles) {
    const m = /^stacks\/(.+)$/.exec(file);
    const profile = m && PROFILE_FILE.exec(m[1]);
    if (profile) touched.add(profile[1]);
  }
  return names.filter((n) => touched.has(n));
}

/** A `strategy.matrix` value: `{ include: [{ profile, cloud, region }] }`. */
export function matrixOf(profiles) {
  return { include: profiles.map(({ profile, cloud, region }) => ({ profile, cloud, region: region ?? "" })) };
}

/** One profile by name; throws a message naming the known profiles when it does not exist. */
export function resolveProfile(name, profiles) {
  if (!PROFILE_NAME.test(name ?? "")) throw new Error(`profile "${name}" is not a profile name (lowercase letters, digits and "-")`);
  const found = profiles.find((p) => p.profile === name);
  if (!found) throw new Error(`profile "${name}" has no stacks/Pulumi.${name}.yaml; known profiles: ${profiles.map((p) => p.profile).join(", ")}`);
  if (found.cloud !== "aws" && found.cloud !== "azure") throw new Error(`stacks/Pulumi.${name}.yaml has no asc:cloud of aws or azure`);
  return found;
}

function writeOutputs(outputs) {
  const lines = Object.entries(outputs).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}\n`).join("");
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, lines);
  else process.stdout.write(lines);
}

function changedFiles(base, head) {
  const out = execFileSync("git", ["diff", "--name-only", `${base}...${head}`], { encoding: "utf8" });
  return out.split("\n").filter(Boolean);
}

function main(argv) {
  const root = process.cwd();
  const profiles = listProfiles(root);
  const [mode, ...rest] = argv;
  if (mode === "all" || mode === "affected") {
    const selected = mode === "all" ? profiles : profiles.filter((p) => affectedProfiles(changedFiles(rest[0], rest[1]), profiles).includes(p.profile));
    writeOutputs({ matrix: matrixOf(selected), count: String(selected.length) });
    return 0;
  }
  if (mode === "resolve") {
    const p = resolveProfile(rest[0], profiles);
    writeOutputs({ profile: p.profile, cloud: p.cloud, region: p.region ?? "" });
    return 0;
  }
  process.stderr.write("usage: profiles.mjs all | affected <base> <head> | resolve <profile>\n");
  return 2;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  }
}
