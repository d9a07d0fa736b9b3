/**
 * Creates the profile's stack and stores the collected secrets, when a Pulumi CLI and a logged-in backend are
 * reachable; otherwise returns the exact commands to run later. Secrets go to Pulumi only, which encrypts them with
 * the stack's secrets provider into the stack file; asc never writes them. The value goes to `pulumi config set
 * --secret` on stdin, not as an argument: the Automation API's `Stack.setConfig` passes it on the command line
 * (automation/localWorkspace.js, `config set … -- <value>`), where any user on the machine can read it in `ps`.
 * Kept apart from the deploy pipeline's gateway on purpose: init needs only create-and-set-config.
 */
import type { OperatorSecretKey } from "../config/schema.js";
import { secretEnvName } from "./secret-formats.js";

export interface StackSetupResult {
  readonly created: boolean;
  /** The secrets stored in the stack. */
  readonly stored: OperatorSecretKey[];
  /** Why the stack was not created (no CLI, no backend), if it was not. */
  readonly reason?: string;
}

/**
 * `pulumi config set --secret` for one key, the value piped from its ASC_* variable: without a value argument and
 * with a non-terminal stdin, the Pulumi CLI reads the value from stdin (pulumi/pulumi pkg/cmd/pulumi/config/config.go),
 * so the secret appears neither in the command line nor in shell history.
 */
export const configSetCommand = (profile: string, key: OperatorSecretKey) => `printenv ${secretEnvName(key)} | pulumi config set --secret asc:${key} -s ${profile}`;

/** The commands an operator runs when asc init could not reach Pulumi: values never appear, only their variables. */
export function manualCommands(profile: string, secrets: readonly OperatorSecretKey[], secretsProvider?: string): string[] {
  // With a provider chosen at init, the stack is created with it first (`pulumi stack init --secrets-provider`), so
  // the secrets set next are encrypted by it; otherwise the first `asc deploy --init` creates the stack.
  const create = secretsProvider ? `pulumi stack init ${profile} --secrets-provider '${secretsProvider}'` : `npx asc deploy --profile ${profile} --init`;
  return [create, ...secrets.map((key) => configSetCommand(profile, key))];
}

export type StackSetup = (input: { root: string; profile: string; secretsProvider?: string; secrets: Partial<Record<OperatorSecretKey, string>>; env: Readonly<Record<string, string | undefined>> }) => Promise<StackSetupResult>;

/** The real setup: find the CLI (the deploy adapter's search), check the backend, create the stack, set secrets. */
export const setupStackWithPulumi: StackSetup = async ({ root, profile, secretsProvider, secrets, env }) => {
  const { findPulumiBinary } = await import("../deploy/pulumi/binary.js");
  const binary = findPulumiBinary({ env, projectRoot: root });
  if (!binary) return { created: false, stored: [], reason: "no Pulumi CLI on PATH or in node_modules/.bin" };
  const auto = await import("@pulumi/pulumi/automation/index.js");
  const envVars = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
  const pulumiCommand = await auto.PulumiCommand.get({ root: binary.root });
  // LocalWorkspaceOptions.secretsProvider applies when the stack is created (automation/localWorkspace.d.ts).
  const workspace = await auto.LocalWorkspace.create({ workDir: root, pulumiCommand, envVars, ...(secretsProvider ? { secretsProvider } : {}) });
  try {
    await workspace.whoAmI();
  } catch {
    return { created: false, stored: [], reason: "no Pulumi backend is logged in (pulumi login)" };
  }
  const stack = await auto.Stack.createOrSelect(profile, workspace);
  const { execa } = await import("execa");
  const stored: OperatorSecretKey[] = [];
  for (const [key, value] of Object.entries(secrets) as [OperatorSecretKey, string][]) {
    // With no value argument and a stdin that is not a terminal, `pulumi config set` reads the value from stdin and
    // drops one trailing newline (pulumi/pulumi pkg/cmd/pulumi/config/config_set.go); asc refuses secrets with
    // surrounding whitespace, so nothing is lost.
    await execa(binary.command, ["config", "set", "--secret", `asc:${key}`, "--stack", stack.name, "--non-interactive"], { cwd: root, env: envVars, extendEnv: false, input: value });
    stored.push(key);
  }
  return { created: true, stored };
};
