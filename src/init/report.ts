/** var/reports/init-<profile>.json and .md: what asc init decided, what was defaulted, the secrets' state, next steps. */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface InitReport {
  readonly version: 1;
  readonly profile: string;
  readonly createdAt: string;
  readonly cloud: string;
  readonly tier: string;
  readonly region: string;
  readonly name: string;
  readonly mode: "new-project" | "add-profile";
  readonly answeredFrom: string;
  /** Top-level keys the operator answered, and those that took the tier default. */
  readonly answered: readonly string[];
  readonly defaulted: readonly string[];
  readonly files: readonly string[];
  /** Per needed secret: set in the stack, collected but not stored (no Pulumi), or missing. Never a value. */
  readonly secrets: readonly { key: string; variable: string; required: boolean; state: "set" | "collected-not-stored" | "missing" }[];
  readonly stack: { readonly created: boolean; readonly reason?: string };
  readonly warnings: readonly string[];
  readonly nextCommands: readonly string[];
}

export function renderInitMarkdown(r: InitReport): string {
  return [
    `# asc init: ${r.profile}`,
    "",
    `${r.cloud}, ${r.tier} tier, ${r.region}, resource prefix \`${r.name}\` (${r.mode === "new-project" ? "new project" : "profile added to an existing project"}; answers from ${r.answeredFrom}).`,
    "",
    "## Decisions",
    "",
    `- answered: ${r.answered.map((k) => `\`${k}\``).join(", ") || "none"}`,
    `- tier defaults: ${r.defaulted.map((k) => `\`${k}\``).join(", ") || "none"}`,
    `- files written: ${r.files.map((f) => `\`${f}\``).join(", ")}`,
    `- stack: ${r.stack.created ? "created" : `not created (${r.stack.reason ?? "skipped"})`}`,
    "",
    "## Secrets",
    "",
    "| key | variable | required | state |",
    "|---|---|---|---|",
    ...r.secrets.map((s) => `| \`asc:${s.key}\` | ${s.variable} | ${s.required ? "yes" : "no"} | ${s.state} |`),
    "",
    ...(r.warnings.length ? ["## Warnings", "", ...r.warnings.map((w) => `- ${w}`), ""] : []),
    "## Next",
    "",
    "```bash",
    ...r.nextCommands,
    "```",
    "",
  ].join("\n");
}

export function writeInitReport(root: string, report: InitReport): string[] {
  const dir = path.join(root, "var", "reports");
  mkdirSync(dir, { recursive: true });
  const json = path.join(dir, `init-${report.profile}.json`);
  const md = path.join(dir, `init-${report.profile}.md`);
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(md, renderInitMarkdown(report));
  return [path.relative(root, json), path.relative(root, md)];
}
