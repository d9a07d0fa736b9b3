/**
 * `asc init` once the answers are in (from a file or the terminal): validate, plan every file, refuse overwrites,
 * write, create the stack and store the secrets (or print the commands), and write the summary report. Nothing is
 * written before the answers, the secrets and the file plan have all been checked.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { profileFile } from "../config/load.js";
import type { OperatorSecretKey } from "../config/schema.js";
import { neededOperatorSecrets } from "../contract/operator-secrets.js";
import { AscUserError } from "../errors.js";
import { PACKAGE_ROOT } from "../package-root.js";
import { answeredAndDefaulted, validateAnswers, type InitAnswers } from "./answers.js";
import { profileFileText } from "./project-files.js";
import { writeInitReport, type InitReport } from "./report.js";
import { checkOverwrites, deriveName, existingNames, nameCollisions, projectFiles, writeFiles, type PlannedFile } from "./scaffold.js";
import { secretEnvName } from "./secret-formats.js";
import { configSetCommand, manualCommands, type StackSetup, type StackSetupResult } from "./stack-secrets.js";

export interface InitOptions {
  readonly root: string;
  readonly answers: InitAnswers;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: Date;
  readonly force: boolean;
  readonly workflows: boolean;
  readonly secretsProvider?: string;
  /** Secrets typed on the terminal (the interactive flow); ASC_* variables win over nothing else. */
  readonly typedSecrets?: Partial<Record<OperatorSecretKey, string>>;
  readonly setupStack: StackSetup;
}

export interface InitResult {
  readonly report: InitReport;
  readonly reportFiles: string[];
}

/** What a new project depends on: the asc that is running, and the Pulumi SDK range asc names as its peer. */
function dependencySpecs(): { asc: string; pulumi: string } {
  const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string; peerDependencies: Record<string, string> };
  return { asc: `^${pkg.version}`, pulumi: pkg.peerDependencies["@pulumi/pulumi"] };
}

export async function runInit(o: InitOptions): Promise<InitResult> {
  const mode = existsSync(path.join(o.root, "Pulumi.yaml")) ? "add-profile" : "new-project";
  const taken = mode === "add-profile" ? existingNames(o.root) : new Map<string, string>();
  const warnings: string[] = [];
  let values = o.answers.values;
  if (typeof o.answers.profile === "string" && values.name === undefined) {
    const derived = deriveName(o.answers.profile, taken);
    values = { ...values, name: derived.name };
    warnings.push(...derived.warnings);
  } else if (typeof values.name === "string") {
    warnings.push(...nameCollisions(values.name, o.answers.profile, taken));
  }
  // Typed secrets join the env layer, so they are validated and checked like ASC_* variables.
  const env = { ...o.env, ...Object.fromEntries(Object.entries(o.typedSecrets ?? {}).map(([k, v]) => [secretEnvName(k as OperatorSecretKey), v])) };
  const v = validateAnswers({ ...o.answers, values }, env, o.now);
  const { config } = v.resolved;
  const needed = neededOperatorSecrets(config);
  const { answered, defaulted } = answeredAndDefaulted(v);

  const profileRel = path.relative(o.root, profileFile(o.root, v.profile));
  if (existsSync(profileFile(o.root, v.profile)) && !o.force) {
    throw new AscUserError(`Profile "${v.profile}" already exists`, [{ path: profileRel, message: "already exists", allowed: "a new profile name", fix: `choose another --profile, or rerun with --force to overwrite ${profileRel}` }]);
  }
  const profileText = profileFileText({ profile: v.profile, values: v.values, config, secrets: needed.map((s) => ({ key: s.key, required: s.required, env: secretEnvName(s.key) })), defaulted });
  const files: PlannedFile[] = [...(mode === "new-project" ? projectFiles(o.root, { specs: dependencySpecs(), workflows: o.workflows }) : []), { file: profileRel, text: profileText }];
  checkOverwrites(o.root, files, o.force);
  const written = writeFiles(o.root, files);

  const collected = Object.fromEntries(needed.filter((s) => v.secrets[s.key] !== undefined).map((s) => [s.key, v.secrets[s.key]!])) as Partial<Record<OperatorSecretKey, string>>;
  let stack: StackSetupResult;
  try {
    stack = await o.setupStack({ root: o.root, profile: v.profile, secretsProvider: o.secretsProvider, secrets: collected, env: o.env });
  } catch (e) {
    stack = { created: false, stored: [], reason: `Pulumi could not create the stack: ${(e instanceof Error ? e.message : String(e)).split("\n")[0]}` };
  }
  const secrets = needed.map((s) => ({
    key: s.key,
    variable: secretEnvName(s.key),
    required: s.required,
    state: stack.stored.includes(s.key) ? ("set" as const) : collected[s.key] !== undefined ? ("collected-not-stored" as const) : ("missing" as const),
  }));
  const pending = secrets.filter((s) => s.state !== "set").map((s) => s.key);
  const nextCommands = [
    ...(mode === "new-project" ? ["npm install"] : []),
    ...(stack.created ? pending.map((key) => configSetCommand(v.profile, key)) : manualCommands(v.profile, pending, o.secretsProvider)),
    `npx asc doctor --profile ${v.profile}`,
    `npx asc preview --profile ${v.profile} --offline`,
    `npx asc deploy --profile ${v.profile}`,
  ];
  const report: InitReport = {
    version: 1,
    profile: v.profile,
    createdAt: o.now.toISOString(),
    cloud: config.cloud,
    tier: config.tier,
    region: config.region,
    name: config.name,
    mode,
    answeredFrom: v.source,
    answered,
    defaulted,
    files: written,
    secrets,
    stack: { created: stack.created, ...(stack.reason ? { reason: stack.reason } : {}) },
    warnings,
    nextCommands,
  };
  return { report, reportFiles: writeInitReport(o.root, report) };
}
