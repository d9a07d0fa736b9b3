// Renders one PR comment per profile from `asc preview --profile <p> --json`, and creates or updates it.
// Plain Node ESM with no dependencies: preview.yml imports it from actions/github-script.
//
// It reads the online preview result (src/cli/lib/online-preview.ts, version 1):
//   changes      Pulumi's operation counts, e.g. { create: 2, update: 1, same: 40 }
//   resources    [{ op, name, type, urn }] for every operation other than `same`
//   diagnostics  [{ severity, message }] (warnings and errors)
//   contract     { changes: [{ service, name, change: added|removed|changed, before?, after? }], note? }
//   policies     [{ policy, urn, enforcement, message }]
//   error        why the preview failed, when it did
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/** GitHub refuses comment bodies over 65 536 characters; stay well below. */
export const COMMENT_LIMIT = 60000;
const MAX_ROWS = 60;

/** The exit codes of asc (docs/cli.md). */
export const EXIT_MEANINGS = {
  0: "success",
  1: "asc crashed (a bug in asc)",
  2: "user error: bad profile, config, flag or input",
  3: "a mandatory policy failed",
  4: "provision or release failed",
  5: "migration failed",
  6: "verification failed",
  130: "cancelled",
};

const OP_LABELS = [
  ["create", "to create"],
  ["update", "to update"],
  ["replace", "to replace"],
  ["create-replacement", "replacement to create"],
  ["delete-replaced", "replaced to delete"],
  ["delete", "to delete"],
  ["import", "to import"],
  ["read", "to read"],
  ["refresh", "to refresh"],
  ["discard", "to discard"],
];

/** The hidden marker that identifies a profile's comment. */
export const previewMarker = (profile) => `<!-- asc-preview:${profile} -->`;

const code = (s) => {
  if (s === "" || s === null || s === undefined) return "*(empty)*";
  const text = String(s).replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
  const ticks = "`".repeat(Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  return ticks.length > 1 ? `${ticks} ${text} ${ticks}` : `\`${text}\``;
};
const cell = (s) => String(s).replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
const resourceName = (urn) => String(urn).split("::").pop();

/**
 * Whether a change summary holds any change: true when a count other than `same` is above zero, false when every such
 * count is zero, and null when there is no summary or an empty one (which must never read as "no changes": a real
 * preview always counts at least the stack itself).
 */
export function hasChanges(changeSummary) {
  if (!changeSummary || typeof changeSummary !== "object" || Object.keys(changeSummary).length === 0) return null;
  return Object.entries(changeSummary).some(([op, n]) => op !== "same" && Number(n) > 0);
}

/** The operation counts of a preview result (`changes`), or null when it has none that are counts. */
export function changeSummaryOf(preview) {
  const candidate = preview?.changes;
  const isCounts = candidate && typeof candidate === "object" && !Array.isArray(candidate) && Object.values(candidate).every((n) => typeof n === "number");
  return isCounts ? candidate : null;
}

/** The one-line change summary. */
export function describeChanges(changeSummary) {
  const changed = hasChanges(changeSummary);
  if (changed === null) return "**Resource changes: unknown.** The preview reported no change summary.";
  const same = Number(changeSummary.same ?? 0);
  if (!changed) return `**No changes.** ${same} resources unchanged.`;
  const known = new Map(OP_LABELS);
  const ops = [...OP_LABELS.map(([op]) => op), ...Object.keys(changeSummary).filter((op) => op !== "same" && !known.has(op)).sort()];
  const parts = ops.filter((op) => Number(changeSummary[op] ?? 0) > 0).map((op) => `${Number(changeSummary[op])} ${known.get(op) ?? op}`);
  return `**${parts.join(" · ")}** · ${same} unchanged`;
}

/** The env contract diff as a table, one row per added, removed or changed variable. */
export function describeContractDiff(contract) {
  if (!contract || !Array.isArray(contract.changes)) return "Env contract diff: unknown (the preview reported none).";
  const note = contract.note ? `*${cell(contract.note)}*\n\n` : "";
  if (contract.changes.length === 0) return `${note}No env contract changes.`;
  const value = (v) => (v === undefined ? "" : code(v));
  const order = { api: 0, worker: 1, web: 2, migrate: 3 };
  const sorted = [...contract.changes].sort((a, b) => (order[a.service] ?? 9) - (order[b.service] ?? 9) || String(a.name).localeCompare(String(b.name)));
  const rows = sorted.map((c) => `| ${cell(c.service)} | ${code(c.name)} | ${cell(c.change)} | ${value(c.before)} | ${value(c.after)} |`);
  return `${note}${[`| service | variable | change | before | after |`, `|---|---|---|---|---|`, ...limitRows(rows, 5)].join("\n")}`;
}

/** The resources that change, in a collapsed table. */
export function describeResources(resources) {
  if (!Array.isArray(resources) || resources.length === 0) return null;
  const rows = resources.map((r) => `| ${cell(r.op)} | ${code(r.name)} | ${code(r.type)} |`);
  return [`<details><summary>${resources.length} resource operation${resources.length === 1 ? "" : "s"}</summary>`, "", `| operation | resource | type |`, `|---|---|---|`, ...limitRows(rows, 3), "", "</details>"].join("\n");
}

/** Pulumi warnings and errors, in a collapsed list. */
export function describeDiagnostics(diagnostics) {
  if (!Array.isArray(diagnostics) || diagnostics.length === 0) return null;
  const items = diagnostics.slice(0, MAX_ROWS).map((d) => `- **${cell(d.severity)}**: ${cell(d.message)}`);
  if (diagnostics.length > MAX_ROWS) items.push(`- … ${diagnostics.length - MAX_ROWS} more in the preview artifact`);
  return [`<details><summary>${diagnostics.length} diagnostic${diagnostics.length === 1 ? "" : "s"}</summary>`, "", ...items, "", "</details>"].join("\n");
}

/** Policy results as a table, mandatory first. */
export function describePolicies(policies) {
  if (!Array.isArray(policies)) return "Policies: unknown (the preview reported none).";
  if (policies.length === 0) return "No policy violations.";
  const order = { mandatory: 0, advisory: 1, exempt: 2 };
  const sorted = [...policies].sort((a, b) => (order[a.enforcement] ?? 3) - (order[b.enforcement] ?? 3) || String(a.policy).localeCompare(String(b.policy)));
  const counts = ["mandatory", "advisory", "exempt"].map((e) => `${policies.filter((p) => p.enforcement === e).length} ${e}`).join(", ");
  const rows = sorted.map((p) => `| ${cell(p.enforcement)} | ${code(p.policy)} | ${code(resourceName(p.urn))} | ${cell(p.message)} |`);
  return [`Policy results: ${counts}.`, "", `| enforcement | policy | resource | message |`, `|---|---|---|---|`, ...limitRows(rows, 4)].join("\n");
}

function limitRows(rows, columns) {
  if (rows.length <= MAX_ROWS) return rows;
  return [...rows.slice(0, MAX_ROWS), `| … ${rows.length - MAX_ROWS} more rows in the preview artifact |${" |".repeat(columns - 1)}`];
}

function fenced(text) {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}\n${text}\n${fence}`;
}

/**
 * The comment body for one profile. `cloud` comes from the matrix (the preview result does not carry it).
 * @param {{ profile: string, cloud?: string, preview: object | null, exitCode: number | null, stderr?: string, runUrl?: string, sha?: string }} input
 */
export function renderPreviewComment({ profile, cloud, preview, exitCode, stderr = "", runUrl, sha }) {
  const lines = [previewMarker(profile), `### asc preview: \`${profile}\` (${cloud ?? "unknown cloud"})`, ""];
  const usable = preview && (exitCode === 0 || exitCode === 3);
  if (!usable) {
    const why = exitCode === null || exitCode === undefined ? "the preview job left no result; see the workflow run" : `exit ${exitCode}: ${EXIT_MEANINGS[exitCode] ?? "unexpected exit code"}`;
    lines.push(`**Preview failed** (${why}). No plan is shown for this commit.`);
    const detail = [preview?.error, stderr.trim()].filter(Boolean).join("\n");
    const tail = detail.split("\n").slice(-40).join("\n");
    if (tail) lines.push("", "<details><summary>asc output (last 40 lines)</summary>", "", fenced(tail), "", "</details>");
  } else {
    if (exitCode === 3) lines.push("**Mandatory policy violations: a deploy of this profile would be refused.**", "");
    lines.push(describeChanges(changeSummaryOf(preview)));
    for (const block of [describeResources(preview.resources), describeDiagnostics(preview.diagnostics)]) if (block) lines.push("", block);
    lines.push("", "#### Env contract", "", describeContractDiff(preview.contract), "", "#### Policies", "", describePolicies(preview.policies));
  }
  const footer = [sha ? `commit ${String(sha).slice(0, 7)}` : null, runUrl ? `[workflow run](${runUrl})` : null].filter(Boolean).join(" · ");
  if (footer) lines.push("", `<sub>${footer} · this comment is updated on every push</sub>`);
  const body = lines.join("\n");
  return body.length <= COMMENT_LIMIT ? body : `${body.slice(0, COMMENT_LIMIT)}\n\n… (truncated; the full preview is in the workflow artifact)`;
}

/** Creates the profile's comment, or updates the one a bot already posted with the same marker. */
export async function upsertComment({ github, owner, repo, issueNumber, profile, body }) {
  const marker = previewMarker(profile);
  const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100 });
  const existing = comments.find((c) => c.user?.type === "Bot" && typeof c.body === "string" && c.body.startsWith(`${marker}\n`));
  if (existing) {
    await github.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
    return { profile, action: "updated", id: existing.id };
  }
  const created = await github.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
  return { profile, action: "created", id: created.data.id };
}

const readIfExists = (file) => (existsSync(file) ? readFileSync(file, "utf8") : "");

/** Reads what the preview job left in <dir>/preview-<profile>/ (result.json, preview.json, stderr.txt). */
export function readPreviewResult(dir, profile) {
  const folder = path.join(dir, `preview-${profile}`);
  const result = JSON.parse(readIfExists(path.join(folder, "result.json")) || "{}");
  let preview = null;
  try {
    preview = JSON.parse(readIfExists(path.join(folder, "preview.json")));
  } catch {
    preview = null;
  }
  const exitCode = Number.isInteger(result.exitCode) ? result.exitCode : null;
  return { profile, cloud: result.cloud, preview, exitCode, stderr: readIfExists(path.join(folder, "stderr.txt")), sha: result.sha };
}

/** Entry point for actions/github-script: one comment per profile of the matrix, even when its preview left nothing. */
export async function postPreviewComments({ github, context, dir, matrix, runUrl }) {
  const profiles = (typeof matrix === "string" ? JSON.parse(matrix) : matrix).include.map((m) => m.profile);
  const results = [];
  for (const profile of profiles) {
    const body = renderPreviewComment({ ...readPreviewResult(dir, profile), runUrl });
    results.push(await upsertComment({ github, owner: context.repo.owner, repo: context.repo.repo, issueNumber: context.issue.number, profile, body }));
  }
  return results;
}
