/**
 * The real PipelineServices: the Pulumi CLI through the Automation API, the migration runner for the target's
 * cloud, the health verifier, the offline policy evaluation, git and the user name. Each is imported lazily.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { userInfo } from "node:os";
import path from "node:path";
import type { CloudSession } from "../credentials/session.js";
import type { PulumiGateway } from "../pulumi/gateway.js";
import type { PipelineServices } from "./run-context.js";

export interface DefaultServicesOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly projectRoot: string;
  /** Asks on the terminal; absent without one. */
  readonly prompt?: (question: string) => Promise<string>;
  readonly debug?: boolean;
}

export const definedEnv = (env: Readonly<Record<string, string | undefined>>): Record<string, string> =>
  Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));

/**
 * The commit the project folder is checked out at (`git rev-parse HEAD`), or null. Outside any repository (no `.git`
 * folder or file in the folder or above it, and no GIT_DIR) git has nothing to answer, so it is not started.
 */
export function gitSha(root: string): string | null {
  if (!process.env.GIT_DIR && !insideRepository(root)) return null;
  try {
    // env: the process.env GIT_DIR is read from above; under Jest that is the test file's copy, not the worker's.
    return execFileSync("git", ["rev-parse", "HEAD"], { cwd: root, env: process.env, stdio: ["ignore", "pipe", "ignore"], timeout: 5000 }).toString().trim() || null;
  } catch {
    return null;
  }
}

function insideRepository(root: string): boolean {
  for (let dir = path.resolve(root); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, ".git"))) return true;
    if (path.dirname(dir) === dir) return false;
  }
}

export function currentUser(env: Readonly<Record<string, string | undefined>>): string {
  const fromEnv = env.USER ?? env.USERNAME ?? env.LOGNAME;
  if (fromEnv) return fromEnv;
  try {
    return userInfo().username;
  } catch {
    return "unknown";
  }
}

/** The gateway over the Pulumi CLI found on PATH or in node_modules/.bin (a user error when there is none). */
export async function pulumiGateway(env: Readonly<Record<string, string | undefined>>, projectRoot: string): Promise<PulumiGateway> {
  const { requirePulumiBinary } = await import("../pulumi/binary.js");
  const { createAutomationGateway } = await import("../pulumi/automation.js");
  const binary = requirePulumiBinary({ env, projectRoot });
  return createAutomationGateway({ binary, envVars: definedEnv(env) });
}

export function defaultPipelineServices(options: DefaultServicesOptions): PipelineServices {
  let gateway: Promise<PulumiGateway> | undefined;
  let session: CloudSession | undefined;
  const credentials = () => (session?.cloud === "aws" ? { aws: session.credentials } : session?.cloud === "azure" ? { azure: session.credential } : {});
  return {
    pulumi: () => (gateway ??= pulumiGateway(options.env, options.projectRoot)),
    async openCloudSession(input) {
      const { openCloudSession } = await import("../credentials/session.js");
      session = await openCloudSession(input);
      return { identity: session.identity, sources: session.settings.sources };
    },
    async migrationRunner(target) {
      const { createMigrationRunner } = await import("../migration/create-migration-runner.js");
      return createMigrationRunner(target, credentials());
    },
    async verifyHealth(endpoints, verifyOptions) {
      const { verifyHealth } = await import("../health/verify-health.js");
      return verifyHealth(endpoints, verifyOptions);
    },
    async checkRollout(request) {
      const { checkRolloutWithDefaultClients } = await import("../rollout/default-clients.js");
      return checkRolloutWithDefaultClients(request, credentials());
    },
    async evaluatePolicies(profile) {
      const { runOfflinePreview } = await import("../../preview/offline.js");
      const { evaluatePlanPolicies } = await import("../../policies/plan-policies.js");
      const plan = await runOfflinePreview(profile, evaluatePlanPolicies);
      return plan.policies;
    },
    async confirm(question) {
      if (!options.prompt) return false;
      return /^y(es)?$/i.test((await options.prompt(question)).trim());
    },
    gitSha,
    user: () => currentUser(options.env),
    async checkCloudCredentials(cloud, region, stackConfig) {
      const { checkCloudCredentials } = await import("./cloud-credentials.js");
      return checkCloudCredentials(cloud, region, stackConfig, options.env);
    },
  };
}
