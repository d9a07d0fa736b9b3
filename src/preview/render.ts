/** Human output of a plan: a resource tree grouped by component, the contract table and policy results. Pure. */
import { renderTable } from "../text/table.js";
import type { PlanContractEntry, PlanResource, PlanV1 } from "./plan.js";

/** A service's contract as a table: literal and output values, secrets as `ref <ARN or Key Vault URI>`. */
export function renderContractTable(entries: readonly PlanContractEntry[]): string {
  return renderTable(["name", "source", "value / reference"], entries.map((e) => [e.name, e.source, e.source === "secret" ? `ref ${e.ref ?? ""}` : (e.value ?? "")]));
}

function renderTree(resources: readonly PlanResource[]): string[] {
  const children = new Map<string | null, PlanResource[]>();
  const urns = new Set(resources.map((r) => r.urn));
  for (const r of resources) {
    const parent = r.parent && urns.has(r.parent) ? r.parent : null;
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  const lines: string[] = [];
  const walk = (parent: string | null, indent: string) => {
    const kids = children.get(parent) ?? [];
    kids.forEach((r, i) => {
      const last = i === kids.length - 1;
      lines.push(`${indent}${last ? "└─ " : "├─ "}${r.name}  ${r.type}`);
      walk(r.urn, `${indent}${last ? "   " : "│  "}`);
    });
  };
  walk(null, "");
  return lines;
}

export function renderPlan(plan: PlanV1): string {
  const out: string[] = [];
  out.push(`Offline preview of ${plan.profile} (${plan.cloud}, ${plan.tier}): ${plan.summary.resources} resources`);
  out.push("", ...renderTree(plan.resources));
  for (const [service, entries] of Object.entries(plan.contract)) {
    out.push("", `Env contract: ${service}`);
    out.push(renderContractTable(entries ?? []));
  }
  out.push("", `Policies: ${plan.summary.violations.mandatory} mandatory, ${plan.summary.violations.advisory} advisory violation(s)`);
  for (const p of plan.policies) {
    const name = p.urn.split("::").pop();
    const fix = typeof p.remediation === "string" ? `\n      fix: ${p.remediation}` : "";
    const reason = typeof p.exemptionReason === "string" ? ` (exempt: ${p.exemptionReason})` : "";
    out.push(`  [${p.enforcement}] ${p.policy} on ${name}: ${p.message}${reason}${fix}`);
  }
  return `${out.join("\n")}\n`;
}
