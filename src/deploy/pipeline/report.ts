/**
 * The run report: `var/reports/<run-id>.json` and `.md`, written atomically (temp file, then rename) whatever the
 * outcome. The model is versioned; secret values are redacted in the model, then both files are rendered from the
 * redacted model (never redacted as text: JSON escaping and markdown quoting would hide a secret from the redactor).
 * Stack outputs keep "[secret]".
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { BlueprintConfig } from "../../config/schema.js";
import { redactDeep } from "../redact.js";
import type { ServiceImages } from "../../config/release-images.js";
import type { PlanPolicyResult } from "../../preview/plan.js";
import type { ServiceRollout } from "../rollout/types.js";
import type { HealthCheckResult, MigrationResult, ReleaseStepResult } from "../types.js";
import type { PhaseName, PhaseResult, RunStatus } from "./events.js";
import { diffLines, describeCounts, type DiffMismatch, type ResourceDiffEntry } from "./preview-diff.js";
import type { MigrationsMode, RunKind } from "./plan.js";

/** The earlier release a rollback redeploys, as the stack's update history records it. */
export interface RollbackOf {
  readonly runId: string;
  /** The stack update (`pulumi stack history`) that released it. */
  readonly version: number;
  readonly startTime?: string;
}

export const REPORT_VERSION = 1;

export interface PhaseRecord {
  readonly name: PhaseName;
  readonly result: PhaseResult;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly durationMs: number;
  readonly message?: string;
  /** For stack updates: the images the services and the migration ran with. */
  readonly images?: { readonly services: ServiceImages; readonly migration: string };
}

export interface RunReport {
  readonly version: typeof REPORT_VERSION;
  readonly runId: string;
  readonly kind: RunKind;
  readonly status: RunStatus;
  readonly exitCode: number;
  readonly profile: string;
  readonly stack: string;
  readonly cloud: string;
  readonly tier: string;
  readonly gitSha: string | null;
  readonly user: string;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly durationMs: number;
  readonly backend: string | null;
  readonly pulumiVersion: string | null;
  readonly migrations: MigrationsMode;
  readonly images: {
    readonly target: ServiceImages;
    /** What the services ran before this run (the stack's `release` output, or the newest release in its history). */
    readonly previous: ServiceImages | null;
    /** asc rollback: the earlier release it redeployed, as the stack's update history records it. */
    readonly rollbackOf?: RollbackOf;
    /** The image the migration ran, when one ran. */
    readonly migration: string | null;
    readonly digests: { readonly api: string | null; readonly web: string | null };
  };
  readonly phases: PhaseRecord[];
  /** Resource changes per stack update, e.g. { provision: { update: 2, same: 40 } }. */
  readonly changes: Partial<Record<PhaseName, Readonly<Record<string, number>>>>;
  /** results: the offline evaluation (validate); engine: what the pack reported in the previews' engine runs. */
  readonly policies: { readonly results: readonly PlanPolicyResult[]; readonly engine?: readonly PlanPolicyResult[]; readonly exemptions: readonly BlueprintConfig["policyExemptions"][number][] };
  /** Per stack update: the resource diff `pulumi preview` showed before it. */
  readonly previews?: Partial<Record<PhaseName, { readonly changes: readonly ResourceDiffEntry[]; readonly policies: readonly PlanPolicyResult[] }>>;
  /** Per stack update: the changes that differ between its preview and the update itself (absent: they matched). */
  readonly drift?: Partial<Record<PhaseName, DiffMismatch>>;
  readonly migration: MigrationResult | null;
  /** asc:migrations.steps after the migration, in order; a failed step is the last. Empty when none ran. */
  readonly releaseSteps?: readonly ReleaseStepResult[];
  readonly health: readonly HealthCheckResult[];
  /** Per phase: which task definition or revision each service runs, as the platform reports it. */
  readonly rollout?: Partial<Record<PhaseName, readonly ServiceRollout[]>>;
  readonly rollback: { readonly images: ServiceImages; readonly result: PhaseResult; readonly message?: string } | null;
  /** Stack outputs after the run; secret outputs are "[secret]". */
  readonly outputs: Record<string, unknown>;
  readonly error: string | null;
}

export interface ReportPaths {
  readonly json: string;
  readonly markdown: string;
}

export const digestOf = (image: string): string | null => /@(sha256:[a-f0-9]{64})$/.exec(image)?.[1] ?? null;

function writeAtomically(file: string, content: string): void {
  const temp = `${file}.tmp-${process.pid}-${Math.random().toString(16).slice(2)}`;
  writeFileSync(temp, content);
  renameSync(temp, file);
}

export function writeReport(dir: string, report: RunReport, redact: (text: string) => string): ReportPaths {
  mkdirSync(dir, { recursive: true });
  const safe = redactDeep(report, redact);
  const paths = { json: path.join(dir, `${safe.runId}.json`), markdown: path.join(dir, `${safe.runId}.md`) };
  writeAtomically(paths.json, `${JSON.stringify(safe, null, 2)}\n`);
  writeAtomically(paths.markdown, renderReportMarkdown(safe));
  return paths;
}

/** Reports of a profile in a folder, newest first; unreadable files are skipped. */
export function readReports(dir: string, profile: string): RunReport[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .flatMap((f) => {
      try {
        const report = JSON.parse(readFileSync(path.join(dir, f), "utf8")) as RunReport;
        return report.version === REPORT_VERSION && report.profile === profile ? [report] : [];
      } catch {
        return [];
      }
    })
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

/** Runs that left the services on known images: a successful deploy, rollback or rotation. */
export const releasedImagesOf = (report: RunReport): ServiceImages | undefined =>
  report.status === "succeeded" && ["deploy", "rollback", "rotate"].includes(report.kind) ? report.images.target : undefined;

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

export function renderReportMarkdown(r: RunReport): string {
  const lines: string[] = [];
  lines.push(`# asc ${r.kind} ${r.runId}: ${r.status}`, "");
  lines.push(`| | |`, `|---|---|`);
  for (const [k, v] of [
    ["profile", r.profile], ["stack", r.stack], ["cloud / tier", `${r.cloud} / ${r.tier}`], ["status", `${r.status} (exit ${r.exitCode})`],
    ["started", r.startedAt], ["ended", r.endedAt], ["duration", `${(r.durationMs / 1000).toFixed(1)} s`], ["git sha", r.gitSha ?? "(not a git checkout)"],
    ["user", r.user], ["backend", r.backend ?? "(unknown)"], ["pulumi", r.pulumiVersion ?? "(not used)"], ["migrations", r.migrations],
  ] as const) lines.push(`| ${k} | ${v} |`);
  if (r.error) lines.push("", "## Error", "", "```", r.error, "```");
  lines.push("", "## Images", "", "| service | target | previous | digest |", "|---|---|---|---|");
  for (const s of ["api", "web"] as const) lines.push(`| ${s} | ${code(r.images.target[s])} | ${r.images.previous ? code(r.images.previous[s]) : "—"} | ${r.images.digests[s] ?? "—"} |`);
  if (r.images.rollbackOf) lines.push("", `Rolled back to the release of run ${code(r.images.rollbackOf.runId)} (stack update ${r.images.rollbackOf.version}${r.images.rollbackOf.startTime ? `, ${r.images.rollbackOf.startTime}` : ""}).`);
  if (r.images.migration) lines.push(`| migration | ${code(r.images.migration)} | | ${digestOf(r.images.migration) ?? "—"} |`);
  lines.push("", "## Phases", "", "| phase | result | started | duration | note |", "|---|---|---|---|---|");
  for (const p of r.phases) lines.push(`| ${p.name} | ${p.result} | ${p.startedAt} | ${(p.durationMs / 1000).toFixed(1)} s | ${(p.message ?? "").split("\n")[0].replace(/\|/g, "\\|")} |`);
  const changes = Object.entries(r.changes);
  if (changes.length) {
    lines.push("", "## Resource changes", "");
    for (const [phase, c] of changes) lines.push(`- ${phase}: ${Object.entries(c ?? {}).map(([op, n]) => `${op} ${n}`).join(", ") || "none"}`);
  }
  const previews = Object.entries(r.previews ?? {});
  if (previews.length) {
    lines.push("", "## Preview", "");
    for (const [phase, p] of previews) {
      lines.push(`- ${phase}: ${describeCounts(p?.changes ?? [])}`);
      for (const l of diffLines(p?.changes ?? [])) lines.push(`  - ${code(l.trim())}`);
    }
  }
  const drift = Object.entries(r.drift ?? {});
  if (drift.length) {
    lines.push("", "## Update differed from its preview", "", "asc does not bind an update to its preview (Pulumi's update plans are experimental); these changes differ:", "");
    for (const [phase, d] of drift) {
      for (const c of d?.notPreviewed ?? []) lines.push(`- ${phase}: not previewed, applied: ${c}`);
      for (const c of d?.notApplied ?? []) lines.push(`- ${phase}: previewed, not applied: ${c}`);
    }
  }
  lines.push("", "## Policies", "");
  const engine = r.policies.engine ?? [];
  if (r.policies.results.length === 0 && engine.length === 0) lines.push("No violations.");
  for (const p of r.policies.results) lines.push(`- [${p.enforcement}] ${p.policy} on ${p.urn.split("::").pop()}: ${p.message}`);
  for (const p of engine) lines.push(`- [${p.enforcement}, engine] ${p.policy} on ${p.urn.split("::").pop()}: ${p.message}`);
  for (const e of r.policies.exemptions) lines.push(`- exemption: ${e.policy} for ${e.resource} until ${e.expires}: ${e.reason}`);
  if (r.migration) {
    const m = r.migration;
    lines.push("", "## Migration", "", `${m.status}${m.exitCode !== undefined ? `, exit code ${m.exitCode}` : ""}${m.reason ? `: ${m.reason}` : ""} (${(m.durationMs / 1000).toFixed(1)} s${m.runRef ? `, ${m.runRef}` : ""})`);
    if (m.logTail.length) lines.push("", "```", ...m.logTail, "```");
  }
  if (r.releaseSteps?.length) {
    lines.push("", "## Release steps", "");
    for (const s of r.releaseSteps) {
      lines.push(`### ${s.name}`, "", `${s.status}${s.exitCode !== undefined ? `, exit code ${s.exitCode}` : ""}${s.reason ? `: ${s.reason}` : ""} (${(s.durationMs / 1000).toFixed(1)} s${s.runRef ? `, ${s.runRef}` : ""}): ${code(s.command.join(" "))} in ${code(s.image)}`);
      if (s.logTail.length) lines.push("", "```", ...s.logTail, "```");
      lines.push("");
    }
  }
  const rollouts = Object.entries(r.rollout ?? {});
  if (rollouts.length) {
    lines.push("", "## Rollout", "", "| phase | service | ok | expected | actual | note |", "|---|---|---|---|---|---|");
    for (const [phase, results] of rollouts) for (const s of results ?? []) lines.push(`| ${phase} | ${s.service} (${s.name}) | ${s.ok ? "yes" : "no"} | ${code(s.expected)} | ${s.actual ? code(s.actual) : "—"} | ${s.message.replace(/\|/g, "\\|")} |`);
  }
  if (r.health.length) {
    lines.push("", "## Health", "", "| service | url | ok | attempts | last status |", "|---|---|---|---|---|");
    for (const h of r.health) lines.push(`| ${h.service} | ${h.url} | ${h.ok ? "yes" : "no"} | ${h.attempts} | ${h.lastStatus ?? h.lastError ?? "—"} |`);
  }
  if (r.rollback) lines.push("", "## Rollback", "", `${r.rollback.result}: api ${code(r.rollback.images.api)}, web ${code(r.rollback.images.web)}${r.rollback.message ? ` (${r.rollback.message})` : ""}`);
  lines.push("", "## Outputs", "", "```json", JSON.stringify(r.outputs, null, 2), "```", "");
  return lines.join("\n");
}
