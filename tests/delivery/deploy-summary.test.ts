/** .github/scripts/deploy-summary.mjs: deploy.yml's job summary from `asc deploy --json` events and the report. */
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../helpers/cli.js";
import { deploySummary, runEndEvent } from "../../.github/scripts/deploy-summary.mjs";
import { testTempDir } from "../helpers/temp-dir.js";

const run = promisify(execFile);
const event = (body: object) => JSON.stringify({ ts: "2026-11-21T12:00:00.000Z", runId: "20261121T120000Z-ab12cd", phase: null, ...body });
const END_OK = event({ type: "run.end", status: "succeeded", exitCode: 0, report: { json: "var/reports/20261121T120000Z-ab12cd.json", markdown: "var/reports/20261121T120000Z-ab12cd.md" } });

describe("deploy-summary.mjs", () => {
  it("GIVEN events ending in run.end THEN that event is found, stray lines and earlier events ignored", () => {
    const ndjson = [event({ type: "run.start", kind: "deploy" }), "not json", event({ type: "phase.end", result: "succeeded", durationMs: 5 }), END_OK, ""].join("\n");
    expect(runEndEvent(ndjson)).toEqual(JSON.parse(END_OK));
  });

  it("GIVEN a finished run THEN the summary is the report's Markdown, read from the path run.end names", () => {
    const reads: string[] = [];
    const summary = deploySummary(END_OK, (file) => (reads.push(file), "# asc deploy 20261121T120000Z-ab12cd: succeeded\n\n| phase | result |"));
    expect(reads).toEqual(["var/reports/20261121T120000Z-ab12cd.md"]);
    expect(summary).toBe("# asc deploy 20261121T120000Z-ab12cd: succeeded\n\n| phase | result |\n");
  });

  it("GIVEN a run.end without a report, or a report file that is missing THEN the summary names the exit code", () => {
    const noReport = event({ type: "run.end", status: "failed", exitCode: 5, report: null });
    expect(deploySummary(noReport, () => "x")).toBe("## asc deploy 20261121T120000Z-ab12cd: failed\n\nExit 5 (migration failed). The run wrote no report file: see the log of the asc deploy step.\n");
    expect(deploySummary(END_OK, () => null)).toBe("## asc deploy 20261121T120000Z-ab12cd: succeeded\n\nExit 0 (success). The run wrote no report file: see the log of the asc deploy step.\n");
  });

  it("GIVEN no run.end (asc crashed before the report, or never started) THEN the summary points at the step log", () => {
    expect(deploySummary("", () => "x")).toBe("## asc deploy\n\nasc stopped before it wrote a report: see the log of the asc deploy step.\n");
  });

  it("GIVEN the script run as in deploy.yml THEN it appends the report to $GITHUB_STEP_SUMMARY", async () => {
    const dir = testTempDir("asc-summary-");
    mkdirSync(path.join(dir, "var/reports"), { recursive: true });
    writeFileSync(path.join(dir, "var/reports/20261121T120000Z-ab12cd.md"), "# Deploy report\n");
    writeFileSync(path.join(dir, "deploy-events.ndjson"), `${END_OK}\n`);
    writeFileSync(path.join(dir, "summary.md"), "earlier\n");
    await run(process.execPath, [path.join(REPO_ROOT, ".github/scripts/deploy-summary.mjs"), "deploy-events.ndjson"], { cwd: dir, env: { PATH: process.env.PATH ?? "", GITHUB_STEP_SUMMARY: path.join(dir, "summary.md") } });
    expect(readFileSync(path.join(dir, "summary.md"), "utf8")).toBe("earlier\n# Deploy report\n");
  });
});
