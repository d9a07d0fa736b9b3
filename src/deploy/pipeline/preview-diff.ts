/**
 * What a `pulumi preview` says an update will do, from its engine events: the resource diff (creates, updates,
 * replaces, deletes; replacements of stateful resources named), the policy results the pack reported in the engine,
 * and the comparison with the steps the update then really took. Pure.
 *
 * Engine events (sdk/go/common/apitype/events.go, v3.248.0): every step has a resourcePreEvent whose metadata.op is
 * the step's operation. A replacement is several steps on one URN (create-replacement, replace, delete-replaced, or
 * discard-replaced; pkg/resource/deploy/step.go), shown here as one `replace`. A policyEvent carries policyName,
 * enforcementLevel ("advisory"/"warning", "mandatory", "remediate", "disabled"), message and resourceUrn.
 */
import type { PlanPolicyResult } from "../../preview/plan.js";
import type { EngineEvent } from "../pulumi/gateway.js";
import { displayName } from "./engine-events.js";

export type DiffOp = "create" | "update" | "replace" | "delete";
export type StatefulKind = "database" | "cache" | "bucket" | "vault" | "key-vault secret";

export interface ResourceDiffEntry {
  readonly op: DiffOp;
  readonly urn: string;
  readonly name: string;
  readonly type: string;
  /** Set when the resource holds data a replacement destroys. */
  readonly stateful?: StatefulKind;
}

const OPS: Record<string, DiffOp> = {
  create: "create",
  update: "update",
  replace: "replace",
  "create-replacement": "replace",
  "delete-replaced": "replace",
  "discard-replaced": "replace",
  delete: "delete",
  discard: "delete",
};

/** Resource types that hold state, by type token (azure-native tokens may carry an API version: `module/v2024…`). */
const STATEFUL: readonly [RegExp, StatefulKind][] = [
  [/^aws:rds\/(instance|cluster):/, "database"],
  [/^azure-native:dbforpostgresql(\/[^:]+)?:(Server|FlexibleServer|Database)$/, "database"],
  [/^aws:elasticache\/(replicationGroup|cluster):/, "cache"],
  [/^azure-native:(redis|cache)(\/[^:]+)?:Redis(Enterprise)?$/, "cache"],
  [/^aws:s3\/(bucket|bucketV2):/, "bucket"],
  [/^azure-native:storage(\/[^:]+)?:(StorageAccount|BlobContainer)$/, "bucket"],
  [/^azure-native:keyvault(\/[^:]+)?:Vault$/, "vault"],
  [/^aws:kms\/key:Key$/, "vault"],
  [/^aws:secretsmanager\/secret:Secret$/, "vault"],
  [/^azure-native:keyvault(\/[^:]+)?:Secret$/, "key-vault secret"],
];

export function statefulKind(type: string): StatefulKind | undefined {
  return STATEFUL.find(([re]) => re.test(type))?.[1];
}

const ENFORCEMENT: Record<string, PlanPolicyResult["enforcement"] | undefined> = { mandatory: "mandatory", advisory: "advisory", warning: "advisory", remediate: "advisory" };

/** Collects the diff and the policy results of one engine run (a preview or an update). */
export function diffCollector() {
  const byUrn = new Map<string, ResourceDiffEntry>();
  const policies: PlanPolicyResult[] = [];
  return {
    onEvent(event: EngineEvent): void {
      const m = event.resourcePreEvent?.metadata;
      const op = m ? OPS[m.op] : undefined;
      if (m && op && !(byUrn.get(m.urn)?.op === "replace")) {
        const stateful = statefulKind(m.type);
        byUrn.set(m.urn, { op, urn: m.urn, name: displayName(m.urn), type: m.type, ...(stateful ? { stateful } : {}) });
      }
      const p = event.policyEvent;
      const enforcement = p ? ENFORCEMENT[p.enforcementLevel] : undefined;
      if (p && enforcement) {
        const urn = p.resourceUrn ?? "";
        policies.push({ policy: p.policyName, urn, enforcement, message: p.message.trim(), ...(urn ? { name: displayName(urn) } : {}) });
      }
    },
    entries: (): ResourceDiffEntry[] => [...byUrn.values()],
    policies: (): PlanPolicyResult[] => [...policies],
  };
}

export function countDiff(entries: readonly ResourceDiffEntry[]): Record<DiffOp, number> {
  const counts: Record<DiffOp, number> = { create: 0, update: 0, replace: 0, delete: 0 };
  for (const e of entries) counts[e.op] += 1;
  return counts;
}

export const describeCounts = (entries: readonly ResourceDiffEntry[]) => {
  const c = countDiff(entries);
  return `${c.create} to create, ${c.update} to update, ${c.replace} to replace, ${c.delete} to delete`;
};

const SIGN: Record<DiffOp, string> = { create: "+", update: "~", replace: "+-", delete: "-" };

/** One line per change, stateful replacements and deletions called out. */
export function diffLines(entries: readonly ResourceDiffEntry[]): string[] {
  return entries.map((e) => {
    const loses = e.stateful && (e.op === "replace" || e.op === "delete") ? `  <- ${e.stateful}: ${e.op === "replace" ? "replacing" : "deleting"} it loses its data` : "";
    return `  ${SIGN[e.op].padEnd(2)} ${e.op.padEnd(7)} ${e.name}  ${e.type}${loses}`;
  });
}

/** Stateful resources the change replaces or deletes. */
export const destructive = (entries: readonly ResourceDiffEntry[]) => entries.filter((e) => e.stateful && (e.op === "replace" || e.op === "delete"));

export interface DiffMismatch {
  /** Changes the update made that the preview did not show ("replace app-db"). */
  readonly notPreviewed: string[];
  /** Changes the preview showed that the update did not make. */
  readonly notApplied: string[];
}

const key = (e: ResourceDiffEntry) => `${e.op} ${e.name} (${e.type})`;

/** How the update's steps differ from the preview's; undefined when they match. */
export function compareDiffs(previewed: readonly ResourceDiffEntry[], applied: readonly ResourceDiffEntry[]): DiffMismatch | undefined {
  const p = new Set(previewed.map(key));
  const a = new Set(applied.map(key));
  const notPreviewed = [...a].filter((k) => !p.has(k));
  const notApplied = [...p].filter((k) => !a.has(k));
  return notPreviewed.length || notApplied.length ? { notPreviewed, notApplied } : undefined;
}
