/** Options shared by the commands that run the deploy pipeline (deploy, rollback, migrate, verify, secrets rotate). */
import type { Argv } from "yargs";
import { AscUserError } from "../../errors.js";

export function withRunOptions<T>(y: Argv<T>) {
  return y
    .option("json", { type: "boolean", default: false, describe: "Print NDJSON events {ts, runId, phase, type, …}; the last one names the report" })
    .option("report-dir", { type: "string", describe: "Where to write <run-id>.json and .md (default: ASC_REPORT_DIR, else var/reports in the project)" });
}

export function withChangeOptions<T>(y: Argv<T>) {
  return withRunOptions(y).option("yes", { alias: "y", type: "boolean", default: false, describe: "Do not ask for confirmation (production asks unless --yes; without a terminal it refuses)" });
}

export const MIGRATION_MODES = ["release", "after", "skip"] as const;

/** `--migration-runner`: the platform's one-off task or job, or a local command (dev profiles only). */
export function withMigrationRunnerOption<T>(y: Argv<T>) {
  return y.option("migration-runner", {
    choices: ["platform", "local"] as const,
    default: "platform" as const,
    describe: "platform: an ECS task or Container Apps Job inside the network; local (dev only): run the migration command here, with the contract's env and secrets from environment variables of the same name (e.g. DATABASE_URL)",
  });
}

/** Migrations run inside the network outside dev: a local run is refused there before anything starts. */
export function checkMigrationRunner(tier: string, runner: "platform" | "local"): void {
  if (runner === "local" && tier !== "dev") {
    throw new AscUserError("Local migrations are for dev profiles", [{
      path: "--migration-runner",
      value: runner,
      message: `a ${tier} database is private: migrations run inside the network`,
      allowed: "platform (local only with a dev profile)",
      fix: "drop --migration-runner local; asc runs the migration as a one-off task or job",
    }]);
  }
}
