/** .github/scripts/profiles.mjs: the profile matrices of ci.yml (all), preview.yml (affected) and deploy.yml (resolve). */
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync, unlinkSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../helpers/cli.js";
import { affectedProfiles, listProfiles, matrixOf, profileScalar, resolveProfile } from "../../.github/scripts/profiles.mjs";
import { testTempDir } from "../helpers/temp-dir.js";

const run = promisify(execFile);
const SCRIPT = path.join(REPO_ROOT, ".github/scripts/profiles.mjs");
const PROFILES = [
  { profile: "aws-dev", cloud: "aws", region: "eu-west-1" },
  { profile: "aws-production", cloud: "aws", region: "eu-west-1" },
  { profile: "azure-dev", cloud: "azure", region: "westeurope" },
];

/** Runs the script as CI does, in `cwd`, and returns what it wrote to $GITHUB_OUTPUT. */
async function runScript(cwd: string, args: string[]): Promise<string> {
  const output = path.join(testTempDir("asc-gh-output-"), "out");
  writeFileSync(output, "");
  await run(process.execPath, [SCRIPT, ...args], { cwd, env: { PATH: process.env.PATH ?? "", GITHUB_OUTPUT: output } });
  return readFileSync(output, "utf8");
}

describe("profiles.mjs", () => {
  it("GIVEN a copy of the shipped stacks THEN every profile file is listed with the cloud and region it declares", () => {
    // A copy: profiles an operator added to stacks/ must not change what this test sees.
    const shipped = ["aws-dev", "aws-production", "aws-staging", "azure-dev", "azure-production", "azure-staging"];
    const copy = testTempDir("asc-shipped-");
    mkdirSync(path.join(copy, "stacks"));
    for (const p of shipped) copyFileSync(path.join(REPO_ROOT, `stacks/Pulumi.${p}.yaml`), path.join(copy, `stacks/Pulumi.${p}.yaml`));
    expect(listProfiles(copy)).toEqual([
      { profile: "aws-dev", cloud: "aws", region: "eu-west-1" },
      { profile: "aws-production", cloud: "aws", region: "eu-west-1" },
      { profile: "aws-staging", cloud: "aws", region: "eu-west-1" },
      { profile: "azure-dev", cloud: "azure", region: "westeurope" },
      { profile: "azure-production", cloud: "azure", region: "westeurope" },
      { profile: "azure-staging", cloud: "azure", region: "westeurope" },
    ]);
  });

  it.each([
    ["  asc:cloud: aws\n", "aws"],
    ['  asc:cloud: "azure"  # the cloud\n', "azure"],
    ["asc:cloud: aws\n", null],
    ["  asc:tier: dev\n", null],
  ])("GIVEN %j THEN asc:cloud reads %s", (text, cloud) => {
    expect(profileScalar(text, "cloud")).toBe(cloud);
  });

  it.each([
    [["stacks/Pulumi.aws-dev.yaml"], ["aws-dev"]],
    [["stacks/Pulumi.aws-dev.yaml", "stacks/Pulumi.azure-dev.yaml", "docs/ci.md"], ["aws-dev", "azure-dev"]],
    [["src/components/aws/network.ts"], ["aws-dev", "aws-production", "azure-dev"]],
    [["package-lock.json"], ["aws-dev", "aws-production", "azure-dev"]],
    [["Pulumi.yaml"], ["aws-dev", "aws-production", "azure-dev"]],
    [["docs/ci.md", ".github/workflows/ci.yml", "tests/x.test.ts"], []],
    [["stacks/Pulumi.deleted.yaml"], []],
    [["stacks/README.md", "srcs/x.ts"], []],
  ])("GIVEN changed files %j THEN the affected profiles are %j", (files, expected) => {
    expect(affectedProfiles(files, PROFILES)).toEqual(expected);
  });

  it("GIVEN profiles THEN the matrix holds profile, cloud and region", () => {
    expect(matrixOf([...PROFILES.slice(0, 2), { profile: "x", cloud: "aws", region: null }])).toEqual({
      include: [{ profile: "aws-dev", cloud: "aws", region: "eu-west-1" }, { profile: "aws-production", cloud: "aws", region: "eu-west-1" }, { profile: "x", cloud: "aws", region: "" }],
    });
  });

  it.each([
    ["aws-dev", null],
    ["aws-prod", 'profile "aws-prod" has no stacks/Pulumi.aws-prod.yaml; known profiles: aws-dev, aws-production, azure-dev'],
    ["../etc/passwd", 'profile "../etc/passwd" is not a profile name (lowercase letters, digits and "-")'],
    ["", 'profile "" is not a profile name (lowercase letters, digits and "-")'],
  ])("GIVEN the name %j THEN resolve returns it or says why not", (name, error) => {
    if (error) expect(() => resolveProfile(name, PROFILES)).toThrow(error);
    else expect(resolveProfile(name, PROFILES)).toEqual(PROFILES[0]);
  });

  describe("as CI runs it", () => {
    let repo: string;
    let base: string;
    let head: string;
    const git = (...args: string[]) => run("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: repo });

    beforeAll(async () => {
      repo = testTempDir("asc-profiles-");
      mkdirSync(path.join(repo, "stacks"));
      mkdirSync(path.join(repo, "src"));
      writeFileSync(path.join(repo, "stacks/Pulumi.aws-dev.yaml"), "config:\n  asc:cloud: aws\n  asc:region: eu-west-1\n");
      writeFileSync(path.join(repo, "stacks/Pulumi.azure-dev.yaml"), "config:\n  asc:cloud: azure\n  asc:region: westeurope\n");
      writeFileSync(path.join(repo, "stacks/Pulumi.gone.yaml"), "config:\n  asc:cloud: aws\n");
      writeFileSync(path.join(repo, "src/program.ts"), "export {};\n");
      await git("init", "-q", "-b", "main");
      await git("add", ".");
      await git("commit", "-q", "-m", "base");
      base = (await git("rev-parse", "HEAD")).stdout.trim();
      writeFileSync(path.join(repo, "stacks/Pulumi.azure-dev.yaml"), "config:\n  asc:cloud: azure\n  asc:region: northeurope\n");
      unlinkSync(path.join(repo, "stacks/Pulumi.gone.yaml"));
      await git("add", "-A");
      await git("commit", "-q", "-m", "change azure-dev, delete gone");
      head = (await git("rev-parse", "HEAD")).stdout.trim();
    });

    it("GIVEN a PR that changes one profile and deletes another THEN affected writes a one-entry matrix", async () => {
      expect(await runScript(repo, ["affected", base, head])).toBe('matrix={"include":[{"profile":"azure-dev","cloud":"azure","region":"northeurope"}]}\ncount=1\n');
    });

    it("GIVEN all THEN every profile file is in the matrix", async () => {
      expect(await runScript(repo, ["all"])).toBe('matrix={"include":[{"profile":"aws-dev","cloud":"aws","region":"eu-west-1"},{"profile":"azure-dev","cloud":"azure","region":"northeurope"}]}\ncount=2\n');
    });

    it("GIVEN resolve with a known profile THEN it writes profile, cloud and region", async () => {
      expect(await runScript(repo, ["resolve", "azure-dev"])).toBe("profile=azure-dev\ncloud=azure\nregion=northeurope\n");
    });

    it("GIVEN resolve with an unknown profile THEN it exits 2 naming the known ones", async () => {
      await expect(runScript(repo, ["resolve", "aws-prod"])).rejects.toMatchObject({
        code: 2,
        stderr: 'error: profile "aws-prod" has no stacks/Pulumi.aws-prod.yaml; known profiles: aws-dev, azure-dev\n',
      });
    });
  });
});
