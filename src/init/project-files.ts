/**
 * The files `asc init` writes into the team's repository: package.json (depending on asc), Pulumi.yaml, the program,
 * the profile stack file, .gitignore and, on request, the CI workflows. Pure: each returns text; writing (and the
 * never-overwrite rule) is scaffold.ts.
 */
import { stringify } from "yaml";
import type { BlueprintConfig } from "../config/schema.js";

/** The program a user's project runs: asc's blueprint for the stack's profile (see src/define-stack.ts). */
export const PROGRAM_FILE = "index.js";
export const PROGRAM_TEXT = `// The Pulumi program: asc builds the blueprint for the stack's profile (stacks/Pulumi.<stack>.yaml, keys under asc:).
// \`asc deploy --profile <p>\` and \`pulumi up -s <p>\` both run it. See asc's docs/getting-started.md.
import { program } from "asc";

export default program();
`;

/**
 * Pulumi.yaml: a Node.js project that runs the ES module program directly (no TypeScript step), with the profiles in
 * stacks/. Valid against Pulumi's project schema (schemas/vendor/pulumi-project.schema.json). The Node.js runtime
 * imports the program with import() when package.json says "type": "module" (@pulumi/pulumi cmd/run/run.js).
 */
export function pulumiProjectText(projectName: string): string {
  return stringify({
    name: projectName,
    description: "A containerized SaaS deployed with asc (Pulumi components, policy pack and CLI).",
    runtime: { name: "nodejs", options: { typescript: false, packagemanager: "npm" } },
    main: PROGRAM_FILE,
    stackConfigDir: "stacks",
  }, { lineWidth: 0 });
}

/** A Pulumi project name from a folder name (letters, digits, hyphens, underscores, periods). */
export const projectNameFrom = (folder: string) => folder.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "saas";

/**
 * package.json for a new project, or the existing one with asc added: ES modules, asc and the Pulumi SDK as
 * dependencies. `@pulumi/pulumi` is asc's peer dependency (one SDK per program, docs/architecture.md), so the
 * project states it; a version the team already depends on is kept.
 */
export function packageJsonText(existing: Record<string, unknown> | undefined, projectName: string, specs: { asc: string; pulumi: string }): string {
  const base: Record<string, unknown> = existing ?? { name: projectName, version: "0.0.0", private: true };
  const current = (base.dependencies as Record<string, string> | undefined) ?? {};
  const dependencies = { ...current, "@pulumi/pulumi": current["@pulumi/pulumi"] ?? specs.pulumi, asc: specs.asc };
  return `${JSON.stringify({ ...base, type: "module", dependencies }, null, 2)}\n`;
}

export const GITIGNORE_LINES = ["node_modules/", "var/", "*.tsbuildinfo"];

/** .gitignore with asc's lines added (var/ holds reports, policy configs and previews: never committed). */
export function gitignoreText(existing: string | undefined): string {
  const lines = (existing ?? "").split("\n").filter((l, i, all) => l !== "" || i < all.length - 1);
  const missing = GITIGNORE_LINES.filter((l) => !lines.includes(l));
  if (!missing.length && existing !== undefined) return existing;
  return `${[...lines, ...(lines.length ? [""] : []), "# asc: dependencies, and reports/policy configs/previews under var/", ...missing].join("\n")}\n`;
}

export interface ProfileFileInput {
  readonly profile: string;
  readonly values: Record<string, unknown>;
  readonly config: BlueprintConfig;
  /** The secrets the profile's services need: written as comments with their set command, never as values. */
  readonly secrets: readonly { key: string; required: boolean; env: string }[];
  readonly defaulted: readonly string[];
}

/** stacks/Pulumi.<profile>.yaml: the answered keys under asc:, with comments on the defaults and the secrets. */
export function profileFileText(input: ProfileFileInput): string {
  const { profile, config } = input;
  const asc = Object.fromEntries(Object.entries(input.values).map(([k, v]) => [`asc:${k}`, v]));
  const lines = [
    `# asc profile "${profile}": ${config.cloud}, ${config.tier} tier, ${config.region}. Written by asc init.`,
    `# Keys left out take the ${config.tier} defaults (${input.defaulted.join(", ") || "none"}): see docs/config.md and`,
    `#   npx asc config show --profile ${profile}`,
    "# Secrets are never written here: Pulumi stores them encrypted in this file with",
    ...input.secrets.map((s) => `#   pulumi config set --secret asc:${s.key} -s ${profile}   (${s.required ? "required" : "optional"}; it prompts for the value)`),
    ...(input.secrets.length ? [] : ["#   (this profile needs no operator secret)"]),
  ];
  return `${lines.join("\n")}\n${stringify({ config: asc }, { lineWidth: 0 })}`;
}
