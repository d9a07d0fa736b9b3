/**
 * The env contract as `asc env` prints it (table, dotenv, JSON, markdown) and as `asc env check` reads it back:
 * reading and parsing an env file, and its checks against the contract. Secrets are references, never values.
 * Pure, except readEnvFile.
 */
import path from "node:path";
import { readUserFile } from "../../config/user-file.js";
import type { BlueprintConfig } from "../../config/schema.js";
import { ENV_CATALOG } from "../../contract/catalog.js";
import { contractFromStackOutputs } from "../../contract/from-outputs.js";
import type { ContractService, EnvEntry } from "../../contract/types.js";
import type { StackOutputs } from "../../contract/stack-outputs.js";
import { AscUserError, type UserProblem } from "../../errors.js";
import { planContractEntry, type PlanContractEntry } from "../../preview/plan.js";
import { renderContractTable } from "../../preview/render.js";

export const ENV_FORMATS = ["table", "dotenv", "json", "markdown"] as const;
export type EnvFormat = (typeof ENV_FORMATS)[number];
export type ContractView = Partial<Record<ContractService, PlanContractEntry[]>>;

/** Marks a secret reference in dotenv output; `asc env check` accepts it as a reference. */
export const SECRET_REF_PREFIX = "secretref:";

export function contractView(contract: Partial<Record<ContractService, EnvEntry<string>[]>>): ContractView {
  return Object.fromEntries(Object.entries(contract).map(([service, entries]) => [service, (entries ?? []).map(planContractEntry)]));
}

/** The contract's names and sources for a config, without a deployed stack (outputs and references are placeholders). */
export function contractShape(config: BlueprintConfig): Partial<Record<ContractService, EnvEntry<string>[]>> {
  const outputs = new Proxy({}, { get: (_t, key) => (key === "managedIdentityClientIds" ? new Proxy({}, { get: (_u, s) => `<${String(s)} identity client id>` }) : `<${String(key)}>`) });
  const secrets = new Proxy({}, { get: (_t, key) => ({ store: config.cloud === "aws" ? "aws-secrets-manager" : "azure-key-vault", arn: `<${String(key)} reference>`, secretUri: `<${String(key)} reference>`, secretName: String(key) }) });
  return contractFromStackOutputs(config, { contract: { outputs, secrets } } as unknown as Pick<StackOutputs, "contract">);
}

const dotenvValue = (v: string) => (/^[A-Za-z0-9_./:@,+-]*$/.test(v) ? v : `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`);
const shown = (e: PlanContractEntry) => (e.source === "secret" ? `${SECRET_REF_PREFIX}${e.ref ?? ""}` : (e.value ?? ""));

export function renderContract(view: ContractView, format: EnvFormat): string {
  const services = Object.entries(view) as [ContractService, PlanContractEntry[]][];
  switch (format) {
    case "json":
      return `${JSON.stringify(view, null, 2)}\n`;
    case "dotenv":
      return `${services.map(([s, entries]) => [`# ${s}`, ...entries.map((e) => `${e.name}=${dotenvValue(shown(e))}`)].join("\n")).join("\n\n")}\n`;
    case "markdown":
      return `${services.map(([s, entries]) => [`## ${s}`, "", "| name | source | value / reference |", "|---|---|---|", ...entries.map((e) => `| \`${e.name}\` | ${e.source} | \`${shown(e).replace(/\|/g, "\\|")}\` |`)].join("\n")).join("\n\n")}\n`;
    case "table":
      return `${services.map(([s, entries]) => `${s}\n${renderContractTable(entries)}`).join("\n\n")}\n`;
  }
}

/** KEY=VALUE lines; `export `, comments, blank lines and single or double quotes are understood. */
export function parseDotenv(text: string): Map<string, { value: string; line: number }> {
  const vars = new Map<string, { value: string; line: number }>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) return;
    let value = m[2].trim();
    if (/^".*"$/.test(value)) value = value.slice(1, -1).replace(/\\n/g, "\n").replace(/\\"/g, '"').replace(/\\\\/g, "\\");
    else if (/^'.*'$/.test(value)) value = value.slice(1, -1);
    else value = value.replace(/\s+#.*$/, "");
    vars.set(m[1], { value, line: i + 1 });
  });
  return vars;
}

/** Large enough for any real env file; a bigger one is surely not one. */
export const MAX_ENV_FILE_BYTES = 64 * 1024 * 1024;
/** How many problems `asc env check` prints before a summary of the rest. */
export const MAX_SHOWN_PROBLEMS = 20;

/** The text of `--file`, or a user error: missing, a directory, a dangling link, unreadable, binary, too large. */
export function readEnvFile(cwd: string, file: string): string {
  const result = readUserFile(path.resolve(cwd, file), { label: file, flag: "--file", maxBytes: MAX_ENV_FILE_BYTES, kind: "a text env file (KEY=VALUE lines)" });
  if (result.ok) return result.text;
  throw new AscUserError(result.missing ? `No env file at ${file}` : `Cannot read the env file ${file}`, [result.problem]);
}

/** The first problems and one line for the rest, so a huge file cannot flood the terminal. */
export function boundedProblems(problems: readonly UserProblem[], file: string, max = MAX_SHOWN_PROBLEMS): UserProblem[] {
  if (problems.length <= max) return [...problems];
  return [...problems.slice(0, max), { path: file, message: `${problems.length - max} more problem(s) not shown`, fix: "fix the problems above and run asc env check again" }];
}

/** A value that points at a secret store instead of holding the secret. */
export const isSecretReference = (value: string): boolean =>
  value === "" || value.startsWith(SECRET_REF_PREFIX) || /^arn:aws[a-z-]*:secretsmanager:/.test(value) || /^https:\/\/[a-z0-9-]+\.vault\.azure\.net\/secrets\//.test(value) || /^<.*>$/.test(value);

export interface EnvCheckInput {
  readonly config: BlueprintConfig;
  readonly service: ContractService;
  readonly file: string;
  readonly vars: Map<string, { value: string; line: number }>;
}

/** Missing required variables, unknown variables, and secrets present as plain values (never echoed). */
export function checkEnvFile(input: EnvCheckInput): UserProblem[] {
  const entries = contractShape(input.config)[input.service] ?? [];
  const byName = new Map(entries.map((e) => [e.name, e]));
  const problems: UserProblem[] = [];
  const catalogEntry = (name: string) => ENV_CATALOG.find((v) => v.name === name && v.clouds.includes(input.config.cloud));
  for (const entry of entries) {
    if (input.vars.has(entry.name) || !catalogEntry(entry.name)?.required(input.config)) continue;
    problems.push({ path: `${input.file}: ${entry.name}`, message: `missing: the ${input.service} requires it for this profile`, allowed: catalogEntry(entry.name)?.requirement ?? "required", fix: `add ${entry.name}=… (asc env --profile <profile> --service ${input.service} --format dotenv shows the value or reference)` });
  }
  for (const [name, { value, line }] of input.vars) {
    const entry = byName.get(name);
    if (!entry) {
      const elsewhere = catalogEntry(name);
      problems.push({ path: `${input.file}:${line}: ${name}`, message: elsewhere ? `not part of the ${input.service}'s contract for this profile (it is for: ${elsewhere.services.join(", ")})` : "unknown variable: not in the env contract", allowed: "the variables of docs/env-contract.md for this service", fix: `remove ${name}, or check its spelling` });
    } else if (entry.source === "secret" && !isSecretReference(value)) {
      problems.push({ path: `${input.file}:${line}: ${name}`, message: "a secret is present as a plain value", allowed: `a reference (${SECRET_REF_PREFIX}<ARN or Key Vault URI>) or nothing; the platform injects the value`, fix: `remove the value from ${input.file} and rotate it if the file was shared; keep the secret in Secrets Manager / Key Vault` });
    }
  }
  return problems;
}

export interface ContractChange {
  readonly service: string;
  readonly name: string;
  readonly change: "added" | "removed" | "changed";
  readonly before?: string;
  readonly after?: string;
}

const describeEntry = (e: PlanContractEntry) => (e.source === "secret" ? `secret ${e.ref ?? ""}` : `${e.source} ${e.value ?? ""}`);

/** What changes for each service between two contracts (by variable name). */
export function diffContracts(before: ContractView, after: ContractView): ContractChange[] {
  const changes: ContractChange[] = [];
  const services = [...new Set([...Object.keys(before), ...Object.keys(after)])] as ContractService[];
  for (const service of services) {
    const a = new Map((before[service] ?? []).map((e) => [e.name, describeEntry(e)]));
    const b = new Map((after[service] ?? []).map((e) => [e.name, describeEntry(e)]));
    for (const [name, value] of b) {
      if (!a.has(name)) changes.push({ service, name, change: "added", after: value });
      else if (a.get(name) !== value) changes.push({ service, name, change: "changed", before: a.get(name), after: value });
    }
    for (const [name, value] of a) if (!b.has(name)) changes.push({ service, name, change: "removed", before: value });
  }
  return changes;
}
