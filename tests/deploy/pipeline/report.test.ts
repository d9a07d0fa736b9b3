import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { digestOf, readReports, releasedImagesOf, renderReportMarkdown, writeReport, type RunReport } from "../../../src/deploy/pipeline/report.js";
import { SecretValues } from "../../../src/deploy/pipeline/secret-values.js";
import { testTempDir } from "../../helpers/temp-dir.js";

const DIGEST = `sha256:${"c".repeat(64)}`;

function report(overrides: Partial<RunReport> = {}): RunReport {
  return {
    version: 1,
    runId: "20261121T120000Z-abcdef",
    kind: "deploy",
    status: "failed",
    exitCode: 5,
    profile: "aws-dev",
    stack: "aws-dev",
    cloud: "aws",
    tier: "dev",
    gitSha: null,
    user: "tester",
    startedAt: "2026-11-21T12:00:00.000Z",
    endedAt: "2026-11-21T12:01:30.000Z",
    durationMs: 90000,
    backend: "s3://state",
    pulumiVersion: "3.200.0",
    migrations: "release",
    images: { target: { api: `ghcr.io/acme/api@${DIGEST}`, web: "ghcr.io/acme/web:v2" }, previous: null, migration: `ghcr.io/acme/api@${DIGEST}`, digests: { api: DIGEST, web: null } },
    phases: [
      { name: "validate", result: "succeeded", startedAt: "2026-11-21T12:00:00.000Z", endedAt: "2026-11-21T12:00:01.000Z", durationMs: 1000 },
      { name: "migrate", result: "failed", startedAt: "2026-11-21T12:00:01.000Z", endedAt: "2026-11-21T12:01:30.000Z", durationMs: 89000, message: "migration failed | badly\nsecond line" },
    ],
    changes: { provision: { update: 2, same: 40 } },
    policies: { results: [{ policy: "asc-x", urn: "urn:pulumi:s::asc::t::res", enforcement: "exempt", message: "m" }], exemptions: [{ policy: "asc-x", resource: "res", reason: "because we must", expires: "2027-01-01" }] },
    migration: { status: "failed", exitCode: 3, reason: "EssentialContainerExited", startedAt: "a", endedAt: "b", durationMs: 2500, logTail: ["line one", "token=super-secret-value"], runRef: "task/1" },
    health: [],
    rollback: null,
    outputs: { urls: { web: "https://app" }, dbPassword: "[secret]" },
    error: "migrate: migration failed",
    ...overrides,
  };
}

describe("run reports", () => {
  it("GIVEN a report and known secrets WHEN written THEN both files exist, no temp file is left, and secrets are redacted in both", () => {
    const dir = path.join(testTempDir("asc-report-"), "nested", "reports");
    const secrets = new SecretValues();
    secrets.add("super-secret-value");
    const paths = writeReport(dir, report(), secrets.redact);
    expect(paths).toEqual({ json: path.join(dir, "20261121T120000Z-abcdef.json"), markdown: path.join(dir, "20261121T120000Z-abcdef.md") });
    expect(readdirSync(dir).sort()).toEqual(["20261121T120000Z-abcdef.json", "20261121T120000Z-abcdef.md"]);
    const json = JSON.parse(readFileSync(paths.json, "utf8"));
    expect(json.migration.logTail).toEqual(["line one", "token=[redacted]"]);
    expect(readFileSync(paths.markdown, "utf8")).toContain("token=[redacted]");
    expect(readFileSync(paths.markdown, "utf8")).not.toContain("super-secret-value");
  });

  it("GIVEN a secret with a quote, a backslash, a newline and unicode in several fields WHEN written THEN neither file holds it raw or JSON-escaped", () => {
    const awkward = 'p"a\\ss\nwörd€`x';
    const dir = testTempDir("asc-report-");
    const secrets = new SecretValues();
    secrets.add(awkward);
    const migration = { ...report().migration!, logTail: [`password=${awkward}`] };
    const paths = writeReport(dir, report({ migration, error: `migrate: ${awkward}`, outputs: { note: awkward } }), secrets.redact);
    const json = readFileSync(paths.json, "utf8");
    const markdown = readFileSync(paths.markdown, "utf8");
    for (const text of [json, markdown]) {
      expect(text).not.toContain(awkward);
      expect(text).not.toContain(JSON.stringify(awkward).slice(1, -1));
      expect(text).not.toContain("wörd€");
    }
    expect(JSON.parse(json)).toMatchObject({ error: "migrate: [redacted]", outputs: { note: "[redacted]" }, migration: { logTail: ["password=[redacted]"] } });
    expect(markdown).toContain("password=[redacted]");
  });

  it("GIVEN a report THEN the markdown has the summary, images, phases, changes, policies, migration tail and outputs", () => {
    const md = renderReportMarkdown(report());
    expect(md.startsWith("# asc deploy 20261121T120000Z-abcdef: failed\n")).toBe(true);
    expect(md).toContain("| status | failed (exit 5) |");
    expect(md).toContain("| git sha | (not a git checkout) |");
    expect(md).toContain(`| api | \`ghcr.io/acme/api@${DIGEST}\` | — | ${DIGEST} |`);
    expect(md).toContain(`| migration | \`ghcr.io/acme/api@${DIGEST}\` | | ${DIGEST} |`);
    expect(md).toContain("| migrate | failed | 2026-11-21T12:00:01.000Z | 89.0 s | migration failed \\| badly |");
    expect(md).toContain("- provision: update 2, same 40");
    expect(md).toContain("- [exempt] asc-x on res: m");
    expect(md).toContain("- exemption: asc-x for res until 2027-01-01: because we must");
    expect(md).toContain("failed, exit code 3: EssentialContainerExited (2.5 s, task/1)\n\n```\nline one\ntoken=super-secret-value\n```");
    expect(md).toContain('"dbPassword": "[secret]"');
  });

  it("GIVEN a folder of reports THEN those of the profile are read newest first, skipping other profiles, other versions and broken files", () => {
    const dir = testTempDir("asc-reports-");
    mkdirSync(dir, { recursive: true });
    const write = (name: string, r: unknown) => writeFileSync(path.join(dir, name), typeof r === "string" ? r : JSON.stringify(r));
    write("a.json", report({ runId: "a", startedAt: "2026-11-20T00:00:00.000Z", status: "succeeded", kind: "deploy" }));
    write("b.json", report({ runId: "b", startedAt: "2026-11-22T00:00:00.000Z", status: "succeeded", kind: "rollback" }));
    write("c.json", report({ runId: "c", startedAt: "2026-11-23T00:00:00.000Z", profile: "other" }));
    write("d.json", { ...report({ runId: "d" }), version: 2 });
    write("e.json", "{ not json");
    write("f.md", "# not a report");
    const reports = readReports(dir, "aws-dev");
    expect(reports.map((r) => r.runId)).toEqual(["b", "a"]);
    expect(readReports(path.join(dir, "missing"), "aws-dev")).toEqual([]);
  });

  it.each([
    ["deploy", "succeeded", true],
    ["rollback", "succeeded", true],
    ["rotate", "succeeded", true],
    ["deploy", "failed", false],
    ["verify", "succeeded", false],
    ["migrate", "succeeded", false],
  ] as const)("GIVEN a %s that %s THEN it released known images: %s", (kind, status, released) => {
    expect(releasedImagesOf(report({ kind, status })) !== undefined).toBe(released);
  });

  it.each([
    [`ghcr.io/acme/api@${DIGEST}`, DIGEST],
    [`ghcr.io/acme/api:v1@${DIGEST}`, DIGEST],
    ["ghcr.io/acme/api:v1", null],
  ])("GIVEN %s THEN its digest is %s", (image, digest) => {
    expect(digestOf(image)).toBe(digest);
  });
});

describe("SecretValues", () => {
  it("GIVEN values and an environment THEN credentials and values of 4+ characters are redacted, shorter ones and plain variables are not", () => {
    const s = new SecretValues();
    s.add("abc", "abcd", undefined, 42, "");
    s.addFromEnv({ PULUMI_CONFIG_PASSPHRASE: "pass-phrase", AWS_SECRET_ACCESS_KEY: "aws-secret", ASC_OPENAI_API_KEY: "sk-openai", PATH: "/usr/bin", ASC_TIER: "production" });
    expect(s.redact("abc abcd pass-phrase aws-secret sk-openai /usr/bin production")).toBe("abc [redacted] [redacted] [redacted] [redacted] /usr/bin production");
    expect(s.list().sort()).toEqual(["abcd", "aws-secret", "pass-phrase", "sk-openai"]);
  });
});
