/** Renders docs/policies.md from rule metadata, so the page cannot drift from the rules. Pure. */
import { POLICY_RULES } from "./registry.js";
import type { FrameworkRefs, PolicyRule } from "./rule.js";

/** More resource types than this are listed below the table instead of in the cell. */
const MAX_TYPES_IN_CELL = 4;

/** Escapes rule text for a table cell: pipes, HTML-looking `<placeholders>` and emphasis stars. */
const text = (value: string): string =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "\\|").replace(/\*/g, "\\*").replace(/\n/g, " ");
const code = (value: string): string => `\`${value.replace(/\|/g, "\\|")}\``;

function renderFrameworks(f: FrameworkRefs): string {
  const parts = [
    ...(f.checkov?.length ? [`Checkov ${f.checkov.join(", ")}`] : []),
    ...(f.securityHub?.length ? [`AWS FSBP ${f.securityHub.join(", ")}`] : []),
    ...(f.azurePolicy?.length ? [`Azure Policy: ${f.azurePolicy.map((p) => `“${p}”`).join(", ")}`] : []),
    ...(f.mcsb?.length ? [`MCSB ${f.mcsb.join(", ")}`] : []),
  ];
  return parts.length > 0 ? parts.join("; ") : "asc";
}

function renderTypes(rule: PolicyRule): string {
  if (rule.resourceTypes === "*") return "every resource";
  if (rule.resourceTypes.length > MAX_TYPES_IN_CELL) return `${rule.resourceTypes.length} types ([listed below](#${rule.name}-types))`;
  return rule.resourceTypes.map(code).join("<br>");
}

function renderRow(rule: PolicyRule): string {
  const name = `${code(rule.name)}<br>${text(rule.description)}${rule.offlineOnly ? " *(offline preview only)*" : ""}`;
  const override = rule.devOverride ? `${code(rule.devOverride)} (advisory in dev)` : "—";
  const cells = [name, rule.cloud, renderTypes(rule), rule.severity, text(renderFrameworks(rule.frameworks)), rule.mandatoryTiers.join(", "), override, text(rule.remediation)];
  return `| ${cells.join(" | ")} |`;
}

function renderLongTypeLists(rules: readonly PolicyRule[]): string[] {
  return rules.flatMap((rule) =>
    rule.resourceTypes !== "*" && rule.resourceTypes.length > MAX_TYPES_IN_CELL
      ? ["", `<a id="${rule.name}-types"></a>`, `### Resource types of ${code(rule.name)}`, "", ...rule.resourceTypes.map((t) => `- ${code(t)}`)]
      : [],
  );
}

/** The markdown page: how enforcement works, then one table row per rule. */
export function renderPolicyDocs(rules: readonly PolicyRule[] = POLICY_RULES): string {
  const count = (cloud: PolicyRule["cloud"]) => rules.filter((r) => r.cloud === cloud).length;
  return [
    "# Policies",
    "",
    "<!-- Generated from src/policies by renderPolicyDocs(); do not edit by hand. -->",
    "",
    `asc checks ${rules.length} rules (${count("aws")} AWS, ${count("azure")} Azure, ${count("any")} for both) in the offline preview (\`asc preview --offline\`) and, as the CrossGuard policy pack \`asc\`, in \`pulumi preview/up\`.`,
    "",
    "## Enforcement",
    "",
    "| tier | a violation is |",
    "|---|---|",
    "| production | **mandatory** for every rule (blocks the deployment) |",
    "| staging | **mandatory**, except rules marked mandatory in production only, which are advisory |",
    "| dev | **mandatory**, except rules a dev override relaxes and rules mandatory only in staging/production, which are advisory |",
    "",
    "The *Mandatory in* column is the whole table: a rule is mandatory in the tiers it lists and advisory elsewhere.",
    "A rule that a dev override relaxes never lists dev (the override itself is refused outside dev by the config).",
    "An entry in `asc:policyExemptions` (policy, resource logical name or URN, reason, expiry) turns a matching violation into **exempt**: reported with its reason, never counted.",
    "",
    "## Rules",
    "",
    "| Rule | Cloud | Resource types | Severity | Frameworks | Mandatory in | Dev override | Remediation |",
    "|---|---|---|---|---|---|---|---|",
    ...rules.map(renderRow),
    ...renderLongTypeLists(rules),
    "",
  ].join("\n");
}
