/**
 * The bad-input corpus: every profile under tests/fixtures/bad-profiles is refused by `asc preview --offline` with
 * exit code 2, a message naming the key path, the value, what is allowed and a fix, and no stack trace.
 * Each fixture's header says what the case needs:
 *   `# expect: a | b | c`   texts the error must contain (required);
 *   `# env: NAME=value`      an environment variable for the run (repeatable; a "quoted" value is JSON);
 *   `# args: --set k=v`      extra arguments;
 *   `# setup: <kind>`        how the profile is placed: directory, dangling-symlink, outside-symlink (the fixture
 *                            lives outside the project and the profile links to it), stacks-file, binary;
 *   `# secret: value`        a seeded secret that must appear in no output and no file the run wrote.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT, runAsc, tempProject } from "../helpers/cli.js";
import { testTempDir } from "../helpers/temp-dir.js";

const CORPUS = path.join(REPO_ROOT, "tests/fixtures/bad-profiles");
const header = (text: string, key: string) => [...text.matchAll(new RegExp(`^# ${key}: (.+)$`, "gm"))].map((m) => m[1]);
const cases = readdirSync(CORPUS)
  .filter((f) => f.endsWith(".yaml"))
  .map((file) => {
    const text = readFileSync(path.join(CORPUS, file), "utf8");
    const env = Object.fromEntries(header(text, "env").map((e) => {
      const [name, raw] = [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)];
      return [name, raw.startsWith('"') ? (JSON.parse(raw) as string) : raw];
    }));
    return {
      name: file.replace(/\.yaml$/, ""),
      file: path.join(CORPUS, file),
      expect: header(text, "expect")[0]?.split(" | ") ?? [],
      env,
      args: header(text, "args").flatMap((a) => a.split(" ")),
      setup: header(text, "setup")[0],
      secrets: header(text, "secret"),
    };
  });

const STACK_TRACE = /^\s+at .+\(.+:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m;

/** A project holding the case's profile, placed as its `# setup:` says. */
function projectFor(c: (typeof cases)[number]): string {
  const target = (cwd: string) => path.join(cwd, "stacks", `Pulumi.${c.name}.yaml`);
  switch (c.setup) {
    case undefined:
      return tempProject({ [c.name]: { copyFrom: c.file } });
    case "directory": {
      const cwd = tempProject({});
      mkdirSync(target(cwd));
      return cwd;
    }
    case "dangling-symlink": {
      const cwd = tempProject({});
      symlinkSync("../gone.yaml", target(cwd));
      return cwd;
    }
    case "outside-symlink": {
      const cwd = tempProject({});
      const outside = path.join(testTempDir("asc-outside-"), "secret.yaml");
      writeFileSync(outside, readFileSync(c.file));
      symlinkSync(outside, target(cwd));
      return cwd;
    }
    case "stacks-file": {
      const cwd = tempProject({});
      rmSync(path.join(cwd, "stacks"), { recursive: true });
      writeFileSync(path.join(cwd, "stacks"), readFileSync(c.file));
      return cwd;
    }
    case "binary": {
      const cwd = tempProject({});
      writeFileSync(target(cwd), Buffer.concat([readFileSync(c.file), Buffer.from([0, 1, 2, 0])]));
      return cwd;
    }
    default:
      throw new Error(`unknown setup ${c.setup} in ${c.file}`);
  }
}

/** Every regular file under `dir` with its content (links are not followed: they are the fixtures' own). */
function filesUnder(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && statSync(full).size < 10_000_000) out.set(full, readFileSync(full, "latin1"));
    }
  };
  walk(dir);
  return out;
}

describe("bad-input corpus", () => {
  it("GIVEN the corpus THEN it holds at least 25 cases, each with expectations", () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
    for (const c of cases) expect(c.expect.length).toBeGreaterThan(0);
  });

  it.each(cases)("GIVEN $name WHEN previewed offline THEN it is refused with exit 2 and a clear message", async (c) => {
    const cwd = projectFor(c);
    const before = filesUnder(cwd);
    const result = await runAsc(["preview", "--profile", c.name, "--offline", ...c.args], { cwd, env: c.env });
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^error: /);
    for (const text of c.expect) expect(result.stderr).toContain(text);
    expect(result.stderr).toContain("fix:");
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.code).toBe(2);
    const written = [...filesUnder(cwd)].filter(([file, content]) => before.get(file) !== content);
    for (const secret of c.secrets) {
      expect(result.stderr).not.toContain(secret);
      for (const [file, content] of written) expect({ file, leaked: content.includes(secret) }).toEqual({ file, leaked: false });
    }
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
