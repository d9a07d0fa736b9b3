/** .github/scripts/preview-comment.mjs: the PR comment preview.yml posts per profile, rendered from a sample preview. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { REPO_ROOT } from "../helpers/cli.js";
import {
  COMMENT_LIMIT,
  changeSummaryOf,
  describeChanges,
  describeContractDiff,
  describeDiagnostics,
  describeResources,
  hasChanges,
  postPreviewComments,
  previewMarker,
  renderPreviewComment,
  upsertComment,
  type GitHubComment,
  type GitHubLike,
  type PreviewResult,
} from "../../.github/scripts/preview-comment.mjs";
import { testTempDir } from "../helpers/temp-dir.js";

const SAMPLE = JSON.parse(readFileSync(path.join(REPO_ROOT, "tests/delivery/fixtures/preview-aws-staging.json"), "utf8")) as PreviewResult;
const RUN_URL = "https://github.com/acme/asc/actions/runs/42";

/** A fake of the Octokit calls the script makes, recording writes. */
function fakeGitHub(existing: GitHubComment[]) {
  const calls: string[] = [];
  const github: GitHubLike = {
    paginate: async (_method, params) => {
      calls.push(`list #${params.issue_number}`);
      return existing;
    },
    rest: {
      issues: {
        listComments: {},
        updateComment: async ({ comment_id, body }) => void calls.push(`update ${comment_id}: ${body.split("\n")[0]}`),
        createComment: async ({ issue_number, body }) => {
          calls.push(`create #${issue_number}: ${body.split("\n")[0]}`);
          return { data: { id: 900 + calls.length } };
        },
      },
    },
  };
  return { github, calls };
}

describe("the change summary", () => {
  it.each([
    [{ same: 139 }, false, "**No changes.** 139 resources unchanged."],
    [{ create: 0, update: 0, delete: 0, replace: 0, same: 12 }, false, "**No changes.** 12 resources unchanged."],
    [{ update: 1, same: 138 }, true, "**1 to update** · 138 unchanged"],
    [{ delete: 2, create: 1, same: 5 }, true, "**1 to create · 2 to delete** · 5 unchanged"],
    [{ "create-replacement": 1, "delete-replaced": 1, same: 3 }, true, "**1 replacement to create · 1 replaced to delete** · 3 unchanged"],
    [{ "remove-pending-replace": 1 }, true, "**1 remove-pending-replace** · 0 unchanged"],
    [undefined, null, "**Resource changes: unknown.** The preview reported no change summary."],
    [{}, null, "**Resource changes: unknown.** The preview reported no change summary."],
  ])("GIVEN %j THEN hasChanges is %s and it reads %s", (summary, changed, text) => {
    expect(hasChanges(summary)).toBe(changed);
    expect(describeChanges(summary)).toBe(text);
  });

  it("GIVEN any operation counts THEN it says 'No changes' exactly when there are counts and every one but same is zero", () => {
    const ops = ["create", "update", "delete", "replace", "same", "read", "import", "discard", "create-replacement"];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...ops), fc.nat({ max: 5 })), (summary) => {
        const empty = Object.keys(summary).length === 0;
        const zeroButSame = !empty && Object.entries(summary).every(([op, n]) => op === "same" || n === 0);
        expect(hasChanges(summary)).toBe(empty ? null : !zeroButSame);
        expect(describeChanges(summary).startsWith("**No changes.**")).toBe(zeroButSame);
      }),
    );
  });
});

describe("the comment", () => {
  it("GIVEN the sample preview with a mandatory violation THEN the comment shows changes, resources, diagnostics, the contract diff and policies", () => {
    expect(renderPreviewComment({ profile: "aws-staging", cloud: "aws", preview: SAMPLE, exitCode: 3, runUrl: RUN_URL, sha: "0123456789abcdef" })).toBe(
      [
        "<!-- asc-preview:aws-staging -->",
        "### asc preview: `aws-staging` (aws)",
        "",
        "**Mandatory policy violations: a deploy of this profile would be refused.**",
        "",
        "**2 to create · 3 to update · 1 to replace** · 133 unchanged",
        "",
        "<details><summary>4 resource operations</summary>",
        "",
        "| operation | resource | type |",
        "|---|---|---|",
        "| create | `asc-stg-worker` | `aws:ecs/service:Service` |",
        "| create | `asc-stg-worker-task` | `aws:ecs/taskDefinition:TaskDefinition` |",
        "| update | `asc-stg-api` | `aws:ecs/service:Service` |",
        "| replace | `asc-stg-api-task` | `aws:ecs/taskDefinition:TaskDefinition` |",
        "",
        "</details>",
        "",
        "<details><summary>1 diagnostic</summary>",
        "",
        "- **warning**: aws:rds/instance:Instance resource 'asc-stg-db-instance' has a problem: deprecated argument",
        "",
        "</details>",
        "",
        "#### Env contract",
        "",
        "| service | variable | change | before | after |",
        "|---|---|---|---|---|",
        "| api | `ENABLE_BILLING_RETRY_WORKER` | changed | `literal true` | `literal false` |",
        "| api | `STRIPE_PRODUCT_PRICE_MAP` | removed | `literal starter=price_1Starter\\|pro=price_1Pro` |  |",
        "| worker | `DATABASE_URL` | added |  | `secret arn:aws:secretsmanager:eu-west-1:123456789012:secret:asc-stg-db-AbCdEf:url::` |",
        "",
        "#### Policies",
        "",
        "Policy results: 1 mandatory, 1 advisory, 0 exempt.",
        "",
        "| enforcement | policy | resource | message |",
        "|---|---|---|---|",
        "| mandatory | `asc-aws-alb-https-only` | `asc-stg-lb-http` | listener protocol is HTTP; it must be HTTPS |",
        "| advisory | `asc-aws-rds-multi-az` | `asc-stg-db-instance` | multiAz is false; it must be true |",
        "",
        `<sub>commit 0123456 · [workflow run](${RUN_URL}) · this comment is updated on every push</sub>`,
      ].join("\n"),
    );
  });

  it("GIVEN a preview with zero changes, no contract change and no violation THEN it says so plainly", () => {
    const quiet: PreviewResult = { ...SAMPLE, changes: { same: 139 }, resources: [], diagnostics: [], contract: { changes: [] }, policies: [] };
    const body = renderPreviewComment({ profile: "aws-staging", cloud: "aws", preview: quiet, exitCode: 0 });
    expect(body).toBe(
      ["<!-- asc-preview:aws-staging -->", "### asc preview: `aws-staging` (aws)", "", "**No changes.** 139 resources unchanged.", "", "#### Env contract", "", "No env contract changes.", "", "#### Policies", "", "No policy violations."].join("\n"),
    );
  });

  it("GIVEN a stack deployed by an older asc THEN the contract note is shown above the diff", () => {
    expect(describeContractDiff({ changes: [], note: "the stack has no contract outputs yet" })).toBe("*the stack has no contract outputs yet*\n\nNo env contract changes.");
  });

  it.each([
    [{ changes: { update: 2, same: 9 } }, { update: 2, same: 9 }],
    [{ changes: [{ op: "update" }] }, null],
    [{ changes: { update: "2" } }, null],
    [{}, null],
  ])("GIVEN %j THEN the operation counts are %j", (preview, counts) => {
    expect(changeSummaryOf(preview as PreviewResult)).toEqual(counts);
  });

  it("GIVEN an offline plan (no changes, no contract diff) THEN it never claims 'no changes'", () => {
    const { changes: _c, contract: _d, ...plan } = SAMPLE;
    const body = renderPreviewComment({ profile: "aws-staging", preview: plan, exitCode: 0 });
    expect(body).toContain("**Resource changes: unknown.** The preview reported no change summary.");
    expect(body).toContain("Env contract diff: unknown (the preview reported none).");
    expect(body).not.toContain("No changes");
  });

  it("GIVEN a preview that failed with an error in its JSON THEN the error is shown before asc's stderr", () => {
    const body = renderPreviewComment({ profile: "aws-dev", cloud: "aws", preview: { ...SAMPLE, changes: {}, error: "error: the stack is locked" }, exitCode: 4, stderr: "warn: x\n" });
    expect(body).toBe(
      [
        "<!-- asc-preview:aws-dev -->",
        "### asc preview: `aws-dev` (aws)",
        "",
        "**Preview failed** (exit 4: provision or release failed). No plan is shown for this commit.",
        "",
        "<details><summary>asc output (last 40 lines)</summary>",
        "",
        "```",
        "error: the stack is locked",
        "warn: x",
        "```",
        "",
        "</details>",
      ].join("\n"),
    );
  });

  it("GIVEN a failed preview THEN the comment names the exit code and shows the end of asc's output in a safe fence", () => {
    const stderr = `${Array.from({ length: 45 }, (_, i) => `line ${i + 1}`).join("\n")}\nerror: \`\`\`odd\`\`\` output\n`;
    const body = renderPreviewComment({ profile: "azure-dev", cloud: "azure", preview: null, exitCode: 4, stderr, runUrl: RUN_URL });
    const tail = [...Array.from({ length: 39 }, (_, i) => `line ${i + 7}`), "error: ```odd``` output"].join("\n");
    expect(body).toBe(
      [
        "<!-- asc-preview:azure-dev -->",
        "### asc preview: `azure-dev` (azure)",
        "",
        "**Preview failed** (exit 4: provision or release failed). No plan is shown for this commit.",
        "",
        "<details><summary>asc output (last 40 lines)</summary>",
        "",
        "````",
        tail,
        "````",
        "",
        "</details>",
        "",
        `<sub>[workflow run](${RUN_URL}) · this comment is updated on every push</sub>`,
      ].join("\n"),
    );
  });

  it("GIVEN a preview job that left no result THEN the comment says the preview did not run", () => {
    expect(renderPreviewComment({ profile: "aws-dev", preview: null, exitCode: null }).split("\n").slice(0, 4)).toEqual([
      "<!-- asc-preview:aws-dev -->",
      "### asc preview: `aws-dev` (unknown cloud)",
      "",
      "**Preview failed** (the preview job left no result; see the workflow run). No plan is shown for this commit.",
    ]);
  });

  it("GIVEN a huge contract diff THEN the table is cut at 60 rows and the comment stays under GitHub's limit", () => {
    const added = Array.from({ length: 500 }, (_, i) => ({ service: "api", name: `VAR_${String(i).padStart(3, "0")}`, change: "added" as const, after: `literal ${"x".repeat(200)}` }));
    const table = describeContractDiff({ changes: added }).split("\n");
    expect(table).toHaveLength(2 + 60 + 1);
    expect(table.at(-1)).toBe("| … 440 more rows in the preview artifact | | | | |");
    const body = renderPreviewComment({ profile: "p", preview: { ...SAMPLE, contract: { changes: added } }, exitCode: 0 });
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT + 100);
  });

  it("GIVEN values holding backticks, pipes, newlines or nothing THEN cells stay one table cell", () => {
    const changes = [
      { service: "web", name: "A", change: "added" as const, after: "literal a`b|c\nd" },
      { service: "web", name: "B", change: "changed" as const, before: "", after: "literal x" },
    ];
    expect(describeContractDiff({ changes }).split("\n").slice(2)).toEqual(["| web | `A` | added |  | `` literal a`b\\|c d `` |", "| web | `B` | changed | *(empty)* | `literal x` |"]);
  });

  it("GIVEN many resources and diagnostics THEN both lists are collapsed and cut at 60", () => {
    const resources = Array.from({ length: 70 }, (_, i) => ({ op: "update", name: `r${i}`, type: "t", urn: `u${i}` }));
    expect(describeResources(resources)!.split("\n").slice(0, 4)).toEqual(["<details><summary>70 resource operations</summary>", "", "| operation | resource | type |", "|---|---|---|"]);
    expect(describeResources(resources)!.split("\n").at(-3)).toBe("| … 10 more rows in the preview artifact | | |");
    const diagnostics = Array.from({ length: 61 }, () => ({ severity: "error", message: "boom" }));
    expect(describeDiagnostics(diagnostics)!.split("\n").at(-3)).toBe("- … 1 more in the preview artifact");
    expect([describeResources([]), describeDiagnostics(undefined)]).toEqual([null, null]);
  });
});

describe("posting the comment", () => {
  const body = `${previewMarker("aws-dev")}\n### asc preview: new`;

  it("GIVEN a bot comment with the profile's marker THEN it is updated, not duplicated", async () => {
    const { github, calls } = fakeGitHub([
      { id: 1, body: `${previewMarker("aws-dev-2")}\nold`, user: { type: "Bot" } },
      { id: 2, body: `${previewMarker("aws-dev")}\nold`, user: { type: "Bot" } },
    ]);
    await expect(upsertComment({ github, owner: "acme", repo: "asc", issueNumber: 7, profile: "aws-dev", body })).resolves.toEqual({ profile: "aws-dev", action: "updated", id: 2 });
    expect(calls).toEqual(["list #7", `update 2: ${previewMarker("aws-dev")}`]);
  });

  it("GIVEN only a person's comment quoting the marker THEN a new bot comment is created and theirs is left alone", async () => {
    const { github, calls } = fakeGitHub([{ id: 3, body: `${previewMarker("aws-dev")}\nI copied this`, user: { type: "User" } }]);
    await expect(upsertComment({ github, owner: "acme", repo: "asc", issueNumber: 7, profile: "aws-dev", body })).resolves.toEqual({ profile: "aws-dev", action: "created", id: 902 });
    expect(calls).toEqual(["list #7", `create #7: ${previewMarker("aws-dev")}`]);
  });

  it("GIVEN the artifacts of a matrix run THEN each profile gets one comment, including the one whose job left nothing", async () => {
    const dir = testTempDir("asc-previews-");
    mkdirSync(path.join(dir, "preview-aws-staging"));
    writeFileSync(path.join(dir, "preview-aws-staging/preview.json"), JSON.stringify(SAMPLE));
    writeFileSync(path.join(dir, "preview-aws-staging/result.json"), JSON.stringify({ profile: "aws-staging", cloud: "aws", exitCode: 3, sha: "abcdef0123" }));
    writeFileSync(path.join(dir, "preview-aws-staging/stderr.txt"), "");
    const { github, calls } = fakeGitHub([{ id: 5, body: `${previewMarker("aws-staging")}\nold`, user: { type: "Bot" } }]);
    const context = { repo: { owner: "acme", repo: "asc" }, issue: { number: 12 } };
    const matrix = JSON.stringify({ include: [{ profile: "aws-staging", cloud: "aws" }, { profile: "azure-dev", cloud: "azure" }] });
    await expect(postPreviewComments({ github, context, dir, matrix, runUrl: RUN_URL })).resolves.toEqual([
      { profile: "aws-staging", action: "updated", id: 5 },
      { profile: "azure-dev", action: "created", id: 904 },
    ]);
    expect(calls).toEqual(["list #12", `update 5: ${previewMarker("aws-staging")}`, "list #12", `create #12: ${previewMarker("azure-dev")}`]);
  });
});
