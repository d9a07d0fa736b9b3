/** Options shared by the commands that run the deploy pipeline (deploy, rollback, migrate, verify, secrets rotate). */
import type { Argv } from "yargs";

export function withRunOptions<T>(y: Argv<T>) {
  return y
    .option("json", { type: "boolean", default: false, describe: "Print NDJSON events {ts, runId, phase, type, …}; the last one names the report" })
    .option("report-dir", { type: "string", describe: "Where to write <run-id>.json and .md (default: ASC_REPORT_DIR, else var/reports in the project)" });
}

export function withChangeOptions<T>(y: Argv<T>) {
  return withRunOptions(y).option("yes", { alias: "y", type: "boolean", default: false, describe: "Do not ask for confirmation (production asks unless --yes; without a terminal it refuses)" });
}

export const MIGRATION_MODES = ["release", "after", "skip"] as const;
