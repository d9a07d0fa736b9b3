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

/**
 * Resources per component of the blueprint (the blueprint's child components, named without the blueprint's
 * prefix), largest first. Components themselves are not counted; resources outside a child component count as
 * the blueprint's own ("other").
 */
export function componentCounts(resources: readonly PlanResource[]): [string, number][] {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const isRoot = (r: PlanResource) => !r.parent || !byUrn.has(r.parent);
  const isComponent = (r: PlanResource) => resources.some((c) => c.parent === r.urn);
  const counts = new Map<string, number>();
  for (const r of resources) {
    if (isComponent(r)) continue;
    let node = r;
    while (node.parent && byUrn.has(node.parent) && !isRoot(byUrn.get(node.parent)!)) node = byUrn.get(node.parent)!;
    const root = node.parent ? byUrn.get(node.parent) : undefined;
    const name = node === r || !root ? "other" : node.name.startsWith(`${root.name}-`) ? node.name.slice(root.name.length + 1) : node.name;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
}

/** Services whose contracts are identical, grouped, in the plan's order: each contract is printed once. */
function groupContracts(contract: PlanV1["contract"]): [string[], PlanContractEntry[]][] {
  const groups: [string[], PlanContractEntry[], string][] = [];
  for (const [service, entries] of Object.entries(contract)) {
    const key = JSON.stringify(entries ?? []);
    const same = groups.find((g) => g[2] === key);
    if (same) same[0].push(service);
    else groups.push([[service], entries ?? [], key]);
  }
  return groups.map(([services, entries]) => [services, entries]);
}

export interface RenderPlanOptions {
  /** How many policies ran over the plan (those of the plan's cloud that apply to a resource in it). */
  readonly policiesRun?: number;
}

/** The summary a human reads first: what is previewed, where, with which images, at which URLs, and the verdict. */
export function renderPlanSummary(plan: PlanV1, options: RenderPlanOptions = {}): string[] {
  const urls = plan.outputs.urls && typeof plan.outputs.urls === "object" ? Object.entries(plan.outputs.urls as Record<string, unknown>).filter(([, v]) => typeof v === "string") : [];
  const { mandatory, advisory } = plan.summary.violations;
  const exempt = plan.policies.filter((p) => p.enforcement === "exempt").length;
  const ran = options.policiesRun === undefined ? "" : `${options.policiesRun} run, `;
  const width = Math.max(0, ...Object.keys(plan.images).map((k) => k.length));
  const counts = componentCounts(plan.resources);
  return [
    `Offline preview of ${plan.profile} (${plan.cloud}, ${plan.tier}): ${plan.summary.resources} resources`,
    `  region:     ${plan.region}`,
    // The offline preview reads no stack: it shows the profile's images, which only seed a stack's first release.
    "  images: the profile's asc:images (offline, the stack's release is not read; a released stack keeps its images unless asc deploy --image moves them)",
    ...Object.entries(plan.images).map(([service, image]) => `    ${service.padEnd(width)}  ${image}`),
    ...(urls.length ? ["  public URLs:", ...urls.map(([service, url]) => `    ${service.padEnd(width)}  ${String(url)}`)] : ["  public URLs: none"]),
    `  resources:  ${counts.map(([name, n]) => `${name} ${n}`).join(", ")}`,
    `  policies:   ${ran}${mandatory} mandatory, ${advisory} advisory violation(s)${exempt ? `, ${exempt} exempt` : ""}${mandatory ? ": this plan would be refused" : ""}`,
  ];
}

export function renderPlan(plan: PlanV1, options: RenderPlanOptions = {}): string {
  const out: string[] = [];
  out.push(...renderPlanSummary(plan, options));
  out.push("", "Resources", ...renderTree(plan.resources));
  for (const [services, entries] of groupContracts(plan.contract)) {
    out.push("", services.length === 1 ? `Env contract: ${services[0]}` : `Env contract: ${services.join(", ")} (identical)`);
    out.push(renderContractTable(entries));
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
