/**
 * What the config layer refuses, seen as an operator sees it. Each case asserts the exit code, that stderr holds no
 * stack trace, and that no seeded secret appears in stdout, stderr or any file the run wrote under the project.
 * Most cases run the CLI's `run()` in-process (what bin/asc.js calls, with the same argv, cwd and environment); the
 * cases that need a real process (another uid, the launcher's own output) run the built CLI, `node bin/asc.js`
 * (run `node scripts/build.mjs` first). A process per case cost about 0.7 s each.
 */
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT, runAsc, runAscBin, tempProject, type CliResult } from "../helpers/cli.js";
import { testTempDir } from "../helpers/temp-dir.js";

const STACK_TRACE = /^\s+at .+:\d+:\d+\)?$/m;
const SECRET = "sk-live-SEEDED-guard-4b3c2d1e";
const STRIPE = "sk_live_SEEDEDguard00000001";
const WEBHOOK = "whsec_SEEDEDguard00000002";
const SEEDED = [SECRET, STRIPE, WEBHOOK];
const shipped = (name: string) => ({ copyFrom: path.join(REPO_ROOT, `stacks/Pulumi.${name}.yaml`) });

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

/** Runs the CLI in `cwd` and checks what every refusal must hold; returns the result for the specific asserts. */
async function refused(argv: string[], cwd: string, env: Record<string, string> = {}, expectedCode = 2, inProcess = true): Promise<CliResult> {
  const before = filesUnder(cwd);
  const result = inProcess ? await runAsc(argv, { cwd, env: { PATH: process.env.PATH, HOME: cwd, ...env } }) : await runAscBin(argv, { cwd, env });
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: expectedCode, stderr: expect.any(String) });
  expect(result.stderr).not.toMatch(STACK_TRACE);
  expect(result.stdout).not.toMatch(STACK_TRACE);
  const written = [...filesUnder(cwd)].filter(([file, content]) => before.get(file) !== content);
  for (const secret of SEEDED) {
    expect(result.stdout).not.toContain(secret);
    expect(result.stderr).not.toContain(secret);
    for (const [file, content] of written) expect({ file, leaked: content.includes(secret) }).toEqual({ file, leaked: false });
  }
  return result;
}

describe("a profile's identity cannot be overridden", () => {
  it("GIVEN ASC_TIER=dev WHEN deploying aws-production THEN exit 2 names ASC_TIER and nothing runs", async () => {
    const cwd = tempProject({ "aws-production": shipped("aws-production") });
    const result = await refused(["deploy", "--profile", "aws-production", "--yes"], cwd, { ASC_TIER: "dev", ASC_OPENAI_API_KEY: SECRET, ASC_STRIPE_SECRET_KEY: STRIPE, ASC_STRIPE_WEBHOOK_SECRET: WEBHOOK }, 2, false);
    expect(result.stderr).toContain("error: Invalid value from ASC_TIER\n  ✗ ASC_TIER: asc:tier is part of the profile's identity and comes from the profile file only\n      got:     \"dev\"\n");
    expect(result.stdout).toBe("");
  });

  it.each([
    ["tier=dev", "--set asc:tier"],
    ["asc:cloud=azure", "--set asc:cloud"],
    ["region=us-east-1", "--set asc:region"],
    ["name=asc-other", "--set asc:name"],
  ])("GIVEN --set %s THEN exit 2 naming %s", async (set, flag) => {
    const cwd = tempProject({ "aws-production": shipped("aws-production") });
    const result = await refused(["config", "show", "--profile", "aws-production", "--set", set], cwd);
    expect(result.stderr).toContain(`error: Invalid ${flag}\n  ✗ ${flag}: `);
    expect(result.stderr).toContain(`fix:     drop ${flag}`);
  });
});

describe("file problems are user errors", () => {
  it("GIVEN a profile only its owner may read WHEN run as the nobody user THEN exit 2: permission denied", async () => {
    // Tests run as root, who reads any file whatever its mode; so the CLI runs as nobody (setpriv), for whom the
    // mode really applies. The project is world-readable, the profile is not.
    const cwd = tempProject({ "aws-dev": shipped("aws-dev") });
    chmodSync(cwd, 0o755);
    chmodSync(path.join(cwd, "stacks"), 0o755);
    chmodSync(path.join(cwd, "stacks/Pulumi.aws-dev.yaml"), 0o600);
    const result = await runAscBin(["config", "show", "--profile", "aws-dev"], { cwd, asUser: { uid: 65534, gid: 65534 } });
    expect(result.stderr).toBe([
      "error: Cannot read profile stacks/Pulumi.aws-dev.yaml",
      "  ✗ stacks/Pulumi.aws-dev.yaml: cannot be read: permission denied",
      '      got:     "aws-dev"',
      "      allowed: a YAML profile file inside the project",
      "      fix:     let the user running asc read it (chmod u+r stacks/Pulumi.aws-dev.yaml, or chown), or run asc as its owner",
      "",
    ].join("\n"));
    expect(result.code).toBe(2);
  });

  it("GIVEN a symlink to a file outside the project holding a secret THEN exit 2 and the file is not quoted", async () => {
    const cwd = tempProject({});
    const outside = path.join(testTempDir("asc-outside-"), "notes.yaml");
    writeFileSync(outside, `${SECRET}\n`);
    symlinkSync(outside, path.join(cwd, "stacks/Pulumi.aws-dev.yaml"));
    const result = await refused(["preview", "--profile", "aws-dev", "--offline"], cwd);
    expect(result.stderr).toContain(`✗ stacks/Pulumi.aws-dev.yaml: resolves outside the project (${outside}); asc does not read it`);
  });

  it("GIVEN a profile that is a directory, and stacks that is a file THEN each is exit 2", async () => {
    const dirCase = tempProject({});
    mkdirSync(path.join(dirCase, "stacks/Pulumi.aws-dev.yaml"));
    expect((await refused(["config", "show", "--profile", "aws-dev"], dirCase)).stderr).toContain("✗ stacks/Pulumi.aws-dev.yaml: is a directory, not a file");
    const fileCase = tempProject({});
    const stacks = path.join(fileCase, "stacks");
    readdirSync(stacks).length === 0 && (await import("node:fs")).rmdirSync(stacks);
    writeFileSync(stacks, "not a folder\n");
    expect((await refused(["profiles"], fileCase)).stderr).toContain("error: stacks is not a folder\n  ✗ stacks/: is a file, not a folder");
  });

  it("GIVEN env check --file on a directory and on a binary file THEN each is exit 2 naming --file", async () => {
    const cwd = tempProject({ "aws-dev": shipped("aws-dev") });
    mkdirSync(path.join(cwd, "envdir"));
    writeFileSync(path.join(cwd, "app.bin"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1]));
    const dir = await refused(["env", "check", "--profile", "aws-dev", "--file", "envdir"], cwd);
    expect(dir.stderr).toContain("error: Cannot read the env file envdir\n  ✗ --file: is a directory, not a file\n      got:     \"envdir\"");
    const binary = await refused(["env", "check", "--profile", "aws-dev", "--file", "app.bin"], cwd);
    expect(binary.stderr).toContain("✗ --file: is a binary file (it holds NUL bytes), not text");
  });

  it("GIVEN a YAML alias bomb THEN exit 2, not a crash or a hang", async () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...["b", "c", "d", "e", "f", "g"].map((k, i) => `${k}: &${k} [${Array(10).fill(`*${"abcdefg"[i]}`).join(", ")}]`), "config:", "  asc:cloud: aws", "  asc:tier: dev", "  asc:storage: { extraCorsOrigins: *g }", ""].join("\n");
    const cwd = tempProject({ "aws-dev": { text: bomb } });
    const result = await refused(["config", "show", "--profile", "aws-dev"], cwd);
    expect(result.stderr).toContain('its aliases (*name) expand more than 100 times, the shape of a YAML "billion laughs" attack');
  });

  it("GIVEN good and bad profiles THEN asc profiles lists the good ones and marks each bad one, exit 0", async () => {
    const cwd = tempProject({ "aws-dev": shipped("aws-dev"), broken: { text: "config:\n  asc:cloud: aws\n  asc:tier: dev\n  asc:region: mars-1\n" } });
    mkdirSync(path.join(cwd, "stacks/Pulumi.folder.yaml"));
    const result = await runAsc(["profiles", "--json"], { cwd, env: { PATH: process.env.PATH, HOME: cwd } });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { profile: "aws-dev", cloud: "aws", tier: "dev", region: "eu-west-1", name: "asc-dev" },
      { profile: "broken", cloud: "aws", tier: "dev", region: "mars-1", name: "?", error: 'Invalid profile stacks/Pulumi.broken.yaml: asc:images: is required' },
      { profile: "folder", cloud: "?", tier: "?", region: "?", name: "?", error: 'Cannot read profile stacks/Pulumi.folder.yaml: stacks/Pulumi.folder.yaml: is a directory, not a file (got "folder")' },
    ]);
  });
});

describe("no secret in any error", () => {
  it("GIVEN a YAML syntax error on the line of a plaintext secret THEN only the key is quoted", async () => {
    const cwd = tempProject({ "aws-dev": { text: `config:\n  asc:cloud: aws\n  asc:tier: dev\n  asc:openaiApiKey: "${SECRET}\n  asc:region: eu-west-1\n` } });
    const result = await refused(["config", "show", "--profile", "aws-dev"], cwd);
    expect(result.stderr).toContain("✗ stacks/Pulumi.aws-dev.yaml:4: a closing quote, bracket or colon is missing (in the value of the key on line 4, found at line 6)\n      got:     \"asc:openaiApiKey: …\"");
  });

  it("GIVEN a profile whose whole content is one secret string THEN its shape is named, not its content", async () => {
    const cwd = tempProject({ "aws-dev": { text: `${SECRET}\n` } });
    const result = await refused(["config", "show", "--profile", "aws-dev"], cwd);
    expect(result.stderr).toContain(`✗ stacks/Pulumi.aws-dev.yaml: must be a YAML mapping\n      got:     "(a string of ${SECRET.length} characters)"`);
  });
});

describe("nothing wrong is accepted silently", () => {
  it.each([
    ["asc:images.api", "images.api=my_registry.io/acme/api:1", 'has an invalid registry host "my_registry.io"'],
    ["asc:billing.productPriceMap", "billing.productPriceMap=starter=price_1,=price_2", "has an entry without a plan code"],
    ["asc:policyExemptions[0].policy", 'policyExemptions=[{"policy":"asc-aws-rds-iam","resource":"db","reason":"legacy password clients","expires":"2027-01-31"}]', 'not an asc policy for aws; did you mean "asc-aws-rds-iam-auth"?'],
    ["asc:policyExemptions[0].expires", 'policyExemptions=[{"policy":"asc-aws-rds-iam-auth","resource":"db","reason":"legacy password clients","expires":"2027-02-30"}]', "is not a calendar date"],
    ["asc:policyExemptions[0].expires", 'policyExemptions=[{"policy":"asc-aws-rds-iam-auth","resource":"db","reason":"legacy password clients","expires":"2030-01-01"}]', "expires more than a year ahead"],
  ])("GIVEN --set for %s THEN exit 2: %s", async (key, set, message) => {
    const cwd = tempProject({ "aws-dev": shipped("aws-dev") });
    const result = await refused(["config", "show", "--profile", "aws-dev", "--set", set], cwd);
    expect(result.stderr).toContain(`error: Invalid --set asc:`);
    expect(result.stderr).toContain(`✗ ${key}: `);
    expect(result.stderr).toContain(message);
  });

  it("GIVEN --set of a boolean key to yes THEN exit 2 names the source in the headline and lists true, false", async () => {
    const cwd = tempProject({ "aws-dev": shipped("aws-dev") });
    const result = await refused(["config", "show", "--profile", "aws-dev", "--set", "app.exposeApi=yes"], cwd);
    expect(result.stderr).toContain("error: Invalid --set asc:app.exposeApi\n  ✗ asc:app.exposeApi: must be a boolean, not a string\n");
    expect(result.stderr).toMatch(/allowed: true, false \(/);
    expect(result.stderr).toContain("fix:     set asc:app.exposeApi to true or false");
  });

  it("GIVEN an operator secret with a trailing newline in ASC_* THEN exit 2 without the value", async () => {
    const cwd = tempProject({ "aws-dev": shipped("aws-dev") });
    const result = await refused(["config", "show", "--profile", "aws-dev"], cwd, { ASC_OPENAI_API_KEY: `${SECRET}\n` });
    expect(result.stderr).toContain("error: Invalid value from ASC_OPENAI_API_KEY\n  ✗ asc:openaiApiKey: has leading or trailing whitespace\n      got:     \"[secret]\"  (from env ASC_OPENAI_API_KEY)");
  });

  it.each([" FILE:///var/state ", "File:///var/state"])("GIVEN the production backend %j THEN deploy is refused (exit 2) and doctor reports it", async (url) => {
    const cwd = tempProject({ "aws-production": shipped("aws-production") });
    const env = { PULUMI_BACKEND_URL: url, ASC_OPENAI_API_KEY: SECRET, ASC_STRIPE_SECRET_KEY: STRIPE, ASC_STRIPE_WEBHOOK_SECRET: WEBHOOK };
    const deploy = await refused(["deploy", "--profile", "aws-production", "--yes"], cwd, env);
    expect(deploy.stdout).toContain("A local file backend is refused in production");
    const doctor = await refused(["doctor", "--profile", "aws-production"], cwd, env);
    expect(doctor.stdout).toContain(`✗ backend (aws-production): production on a local file backend (PULUMI_BACKEND_URL: ${JSON.stringify(url.trim())}): file:// state lives on one machine`);
  });

  it("GIVEN a 50 MB env file THEN env check prints a summary and the first 20 problems only", async () => {
    const cwd = tempProject({ "aws-dev": shipped("aws-dev") });
    const line = "UNKNOWN_VARIABLE_WITH_A_LONG_NAME_0000=some value that pads the line out to be long enough\n";
    const count = Math.ceil((50 * 1024 * 1024) / line.length);
    writeFileSync(path.join(cwd, "big.env"), line.repeat(count));
    const result = await refused(["env", "check", "--profile", "aws-dev", "--file", "big.env"], cwd);
    expect(result.stderr.split("\n")[0]).toMatch(/^error: big\.env does not match the api contract of aws-dev \(\d+ problem\(s\)\)$/);
    expect(result.stderr.match(/ ✗ /g)?.length).toBe(21);
    expect(result.stderr).toMatch(/✗ big\.env: \d+ more problem\(s\) not shown/);
    expect(result.stderr.length).toBeLessThan(10_000);
  }, 120_000);
});

describe("flags are refused when they cannot mean what was typed", () => {
  const env = { ASC_OPENAI_API_KEY: SECRET, ASC_STRIPE_SECRET_KEY: STRIPE };

  it.each([
    [["preview", "--profile", "aws-dev", "--offline=1"], "--offline", '"1"', "a switch: it takes no value, or true or false"],
    [["deploy", "--profile", "aws-dev", "--yes=yes"], "--yes", '"yes"', "a switch: it takes no value, or true or false"],
    [["preview", "--profile", "aws-dev", "--offline", "--set"], "--set", undefined, "needs a value, and none follows it"],
    [["preview", "--profile", "aws-dev", "--offline", "--image", "--json"], "--image", undefined, "needs a value, and none follows it"],
    [["preview", "--profile", "aws-dev", "--offline", `--set=`], "--set", '""', "the value is empty"],
  ])("GIVEN %j THEN exit 2 names the flag, and nothing runs", async (argv, flag, value, message) => {
    const cwd = tempProject({ "aws-dev": shipped("aws-dev") });
    const result = await refused(argv as string[], cwd, env);
    expect(result.stderr).toContain(`✗ ${flag}: ${message}`);
    if (value) expect(result.stderr).toContain(`got:     ${value}`);
    expect(result.stdout.replace(/^\{"type":"error".*\n$/m, "")).not.toContain("asc-");
  });

  it.each([
    [["env", "--profile", "aws-dev", "--image", "api=ghcr.io/acme/api:1"], "asc env does not take --image"],
    [["verify", "--profile", "aws-dev", "--image", "api=ghcr.io/acme/api:1"], "asc verify does not take --image"],
    [["policy", "--profile", "aws-dev", "--image", "api=ghcr.io/acme/api:1"], "asc policy does not take --image"],
  ])("GIVEN %j (a command that ignores --image) THEN exit 2", async (argv, message) => {
    const cwd = tempProject({ "aws-dev": shipped("aws-dev") });
    const result = await refused(argv, cwd, env);
    expect(result.stderr).toContain(message);
  });

  it("GIVEN --file on env without check THEN exit 2 says where --file belongs", async () => {
    const cwd = tempProject({ "aws-dev": shipped("aws-dev") });
    writeFileSync(path.join(cwd, "api.env"), "X=1\n");
    const result = await refused(["env", "--profile", "aws-dev", "--file", "api.env"], cwd, env);
    expect(result.stderr).toContain("--file");
    expect(result.stderr).toContain("env check");
  });

  it("GIVEN --image for a service the blueprint does not have THEN exit 2 names it as an unknown service", async () => {
    const cwd = tempProject({ "aws-dev": shipped("aws-dev") });
    const result = await refused(["preview", "--profile", "aws-dev", "--offline", "--image", "apy=ghcr.io/acme/api:1"], cwd, env);
    expect(result.stderr).toContain('unknown service "apy"; did you mean "api"?');
  });

  it("GIVEN a profile typed as a path, or as a word THEN exit 2 shows the --profile form", async () => {
    const cwd = tempProject({ "aws-dev": shipped("aws-dev") });
    const asPath = await refused(["preview", "--profile", "stacks/Pulumi.aws-dev.yaml", "--offline"], cwd, env);
    expect(asPath.stderr).toContain("use --profile aws-dev");
    const asWord = await refused(["preview", "aws-dev", "--offline"], cwd, env);
    expect(asWord.stderr).toContain('"aws-dev" is a profile, and profiles are chosen with --profile');
    expect(asWord.stderr).toContain("asc preview --profile aws-dev");
  });

  it("GIVEN an unknown command THEN exit 2 with the closest one", async () => {
    const cwd = tempProject({ "aws-dev": shipped("aws-dev") });
    const result = await refused(["deploi", "--profile", "aws-dev"], cwd, env);
    expect(result.stderr).toContain('asc has no command "deploi"; did you mean "deploy"?');
  });

  it("GIVEN --json and a refused flag THEN stdout ends with one error event and a refusal report is written, both without secrets", async () => {
    const cwd = tempProject({ "aws-dev": shipped("aws-dev") });
    const quoted = 'sk-live-"quoted\\back"-SEEDED';
    const onArgv = "sk_live_SEEDEDonTheCommandLine9";
    const result = await refused(["preview", "--profile", "aws-dev", "--set", `stripeSecretKey=${onArgv}`, "--offline=yes", "--json"], cwd, { ...env, ASC_OPENAI_API_KEY: quoted });
    const lines = result.stdout.trim().split("\n");
    const event = JSON.parse(lines[lines.length - 1]);
    expect(event).toMatchObject({ type: "error", exitCode: 2, command: "preview", problems: [expect.objectContaining({ path: "--offline" })] });
    expect(result.stdout).not.toContain("quoted");
    const report = JSON.parse(readFileSync(path.join(cwd, event.report.json), "utf8"));
    expect(report).toMatchObject({ version: 1, status: "refused", exitCode: 2, command: "preview", runId: event.runId });
    expect(JSON.stringify(report)).not.toContain("quoted");
    expect(JSON.stringify(report)).not.toContain(onArgv);
    expect(report.argv).toContain("stripeSecretKey=[not recorded]");
  });
});

describe("what the config layer shows", () => {
  it("GIVEN one secret from ASC_*, one encrypted in stack config and one missing THEN config show lists each state without values", async () => {
    const text = `${readFileSync(path.join(REPO_ROOT, "stacks/Pulumi.aws-production.yaml"), "utf8")}  asc:stripeSecretKey:\n    secure: v1:AAAAbm90LWEtcmVhbC1jaXBoZXJ0ZXh0\n`;
    const cwd = tempProject({ "aws-production": { text } });
    const result = await runAsc(["config", "show", "--profile", "aws-production", "--json"], { cwd, env: { PATH: process.env.PATH, HOME: cwd, ASC_OPENAI_API_KEY: SECRET } });
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(rows.openaiApiKey).toEqual({ value: "[secret]", source: "env ASC_OPENAI_API_KEY", state: "set", required: true });
    expect(rows.stripeSecretKey).toEqual({ value: "[secret]", source: "stack config stacks/Pulumi.aws-production.yaml:25 (encrypted)", state: "set", required: true });
    expect(rows.stripeWebhookSecret).toEqual({ value: null, source: "missing: required at deploy", state: "missing", required: true });
    expect(result.stdout).not.toContain(SECRET);
    const human = await runAsc(["config", "show", "--profile", "aws-production"], { cwd, env: { PATH: process.env.PATH, HOME: cwd, ASC_OPENAI_API_KEY: SECRET } });
    expect(human.stdout).toContain("asc:stripeWebhookSecret  STRIPE_WEBHOOK_SECRET  MISSING  missing: required at deploy");
    expect(human.stdout).not.toContain(SECRET);
  });

  it("GIVEN two profiles with the same cloud, region and asc:name THEN asc profiles warns, and shows each asc:name", async () => {
    const cwd = tempProject({ "aws-dev": shipped("aws-dev"), "aws-dev-copy": shipped("aws-dev"), "azure-dev": shipped("azure-dev") });
    const result = await runAsc(["profiles"], { cwd, env: { PATH: process.env.PATH, HOME: cwd } });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('warning: aws-dev, aws-dev-copy would create identically named resources (aws, eu-west-1, asc:name "asc-dev"); give each its own asc:name\n');
    expect(result.stdout.split("\n")[0]).toBe("profile       cloud  tier  region      name     status");
    expect(result.stdout).toContain("azure-dev     azure  dev   westeurope  asc-dev  ok");
  });
});
