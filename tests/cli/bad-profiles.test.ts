/**
 * The bad-input corpus: every profile under tests/fixtures/bad-profiles is refused by `asc preview --offline` with
 * exit code 2, a message naming the key path, the value, what is allowed and a fix, and no stack trace.
 * Each fixture's first line lists the texts the error must contain: `# expect: a | b | c`.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT, runAsc, tempProject } from "../helpers/cli.js";

const CORPUS = path.join(REPO_ROOT, "tests/fixtures/bad-profiles");
const cases = readdirSync(CORPUS)
  .filter((f) => f.endsWith(".yaml"))
  .map((file) => {
    const text = readFileSync(path.join(CORPUS, file), "utf8");
    const expect = /^# expect: (.+)$/m.exec(text)?.[1].split(" | ") ?? [];
    return { name: file.replace(/\.yaml$/, ""), file: path.join(CORPUS, file), expect };
  });

const STACK_TRACE = /^\s+at .+\(.+:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m;

describe("bad-input corpus", () => {
  it("GIVEN the corpus THEN it holds at least 25 cases, each with expectations", () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
    for (const c of cases) expect(c.expect.length).toBeGreaterThan(0);
  });

  it.each(cases)("GIVEN $name WHEN previewed offline THEN it is refused with exit 2 and a clear message", async ({ name, file, expect: texts }) => {
    const cwd = tempProject({ [name]: { copyFrom: file } });
    const result = await runAsc(["preview", "--profile", name, "--offline"], { cwd });
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^error: /);
    for (const text of texts) expect(result.stderr).toContain(text);
    expect(result.stderr).toContain("fix:");
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.code).toBe(2);
  });

  it("GIVEN a missing profile WHEN previewed THEN the profiles that exist are listed", async () => {
    const cwd = tempProject({ "aws-dev": { text: "config: {}\n" }, "aws-production": { text: "config: {}\n" } });
    const result = await runAsc(["preview", "--profile", "aws-prodution", "--offline"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Profile "aws-prodution" not found');
    expect(result.stderr).toContain("allowed: aws-dev, aws-production");
    expect(result.stderr).toContain('did you mean "aws-production"?');
    expect(result.stderr).toContain("fix:     use --profile aws-production");
  });

  it("GIVEN a plaintext secret WHEN refused THEN the secret value is not echoed", async () => {
    const c = cases.find((x) => x.name === "plaintext-secret")!;
    const result = await runAsc(["preview", "--profile", c.name, "--offline"], { cwd: tempProject({ [c.name]: { copyFrom: c.file } }) });
    expect(result.stderr).not.toContain("sk-live-0123456789");
  });
});
