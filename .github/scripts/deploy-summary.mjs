#!/usr/bin/env node
// Writes a deploy's Markdown report to the job summary. `asc deploy --json` prints NDJSON events; the last one,
// run.end, names the report files ({ report: { json, markdown } }) and the exit code.
//
//   node .github/scripts/deploy-summary.mjs <events.ndjson>     (appends to $GITHUB_STEP_SUMMARY, else stdout)
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { EXIT_MEANINGS } from "./preview-comment.mjs";

/** The run.end event of an NDJSON event stream, or null when the run never got that far. */
export function runEndEvent(ndjson) {
  let last = null;
  for (const line of ndjson.split("\n")) {
    if (!line.trim()) continue;
    try {
      const event = JSON.parse(line);
      if (event?.type === "run.end") last = event;
    } catch {
      // Not an event (a stray line): ignore it.
    }
  }
  return last;
}

/**
 * The job-summary Markdown: the report itself (its first line already names the run, status and exit code), or why
 * there is none. `readReport` reads the report's path, null when it is missing.
 */
export function deploySummary(ndjson, readReport) {
  const end = runEndEvent(ndjson);
  if (!end) return "## asc deploy\n\nasc stopped before it wrote a report: see the log of the asc deploy step.\n";
  const markdown = end.report?.markdown ? readReport(end.report.markdown) : null;
  if (markdown !== null) return markdown.endsWith("\n") ? markdown : `${markdown}\n`;
  const meaning = EXIT_MEANINGS[end.exitCode] ?? "unexpected exit code";
  return `## asc deploy ${end.runId}: ${end.status}\n\nExit ${end.exitCode} (${meaning}). The run wrote no report file: see the log of the asc deploy step.\n`;
}

function main([eventsFile]) {
  const ndjson = eventsFile && existsSync(eventsFile) ? readFileSync(eventsFile, "utf8") : "";
  const summary = deploySummary(ndjson, (file) => {
    const resolved = path.resolve(file);
    return existsSync(resolved) ? readFileSync(resolved, "utf8") : null;
  });
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, summary);
  else process.stdout.write(summary);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
