/**
 * asc init --non-interactive --answers: a new project from an answers file, validated exactly like a profile (what
 * init accepts, preview accepts), secrets only from ASC_* variables, nothing written on bad input, never an
 * overwrite without --force, and adding a profile to an existing project touches nothing else. No Pulumi CLI is on
 * this machine, so the stack is not created and init prints the commands instead (the path tested here; the
 * create-and-store path is tested in init-stack.test.ts with a stand-in for Pulumi).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { parse } from "yaml";
import { REPO_ROOT, runAsc } from "../helpers/cli.js";
import { testTempDir } from "../helpers/temp-dir.js";

const require = createRequire(import.meta.url);
const Ajv2020 = require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js").default;
const FIXTURES = path.join(REPO_ROOT, "tests/fixtures/init");
const AWS_ANSWERS = path.join(FIXTURES, "aws-production.answers.yaml");
const AZURE_ANSWERS = path.join(FIXTURES, "azure-staging.answers.yaml");
const OPENAI = "sk-test0penaiKeyValue1234567890";
const STRIPE_LIVE = "sk_live_51AbcDefGhiJklMnoPqr";
const RESEND = "re_AbcDefGhi123456789";

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => statSync(path.join(dir, f)).isFile()).sort();
}
const hashes = (dir: string) => Object.fromEntries(filesUnder(dir).map((f) => [f, createHash("sha256").update(readFileSync(path.join(dir, f))).digest("hex")]));

describe("asc init --non-interactive", () => {
  it("GIVEN an empty folder and AWS production answers with secrets in ASC_* THEN it scaffolds the project and asc preview accepts the profile", async () => {
    const cwd = testTempDir("asc-init-");
    const env = { ASC_OPENAI_API_KEY: OPENAI, ASC_STRIPE_SECRET_KEY: STRIPE_LIVE };
    const init = await runAsc(["init", "--non-interactive", "--answers", AWS_ANSWERS], { cwd, env });
    expect(init.stderr).toBe("");
    expect(init.code).toBe(0);
    expect(filesUnder(cwd)).toEqual([".gitignore", "Pulumi.yaml", "index.js", "package.json", "stacks/Pulumi.aws-production.yaml", "var/reports/init-aws-production.json", "var/reports/init-aws-production.md"]);

    const project = parse(readFileSync(path.join(cwd, "Pulumi.yaml"), "utf8"));
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(readFileSync(path.join(REPO_ROOT, "schemas/vendor/pulumi-project.schema.json"), "utf8")));
    expect(validate(project)).toBe(true);
    expect(project).toEqual({ name: path.basename(cwd).toLowerCase(), description: expect.any(String), runtime: { name: "nodejs", options: { typescript: false, packagemanager: "npm" } }, main: "index.js", stackConfigDir: "stacks" });
    expect(JSON.parse(readFileSync(path.join(cwd, "package.json"), "utf8"))).toEqual({ name: path.basename(cwd).toLowerCase(), version: "0.0.0", private: true, type: "module", dependencies: { "@pulumi/pulumi": ">=3.248.0 <4", asc: "^0.1.0" } });
    expect(readFileSync(path.join(cwd, "index.js"), "utf8")).toContain('import { program } from "asc";\n\nexport default program();\n');
    expect(readFileSync(path.join(cwd, ".gitignore"), "utf8").split("\n")).toEqual(expect.arrayContaining(["node_modules/", "var/"]));

    const profile = parse(readFileSync(path.join(cwd, "stacks/Pulumi.aws-production.yaml"), "utf8")).config;
    expect(profile["asc:name"]).toBe("aws-production");
    expect(profile["asc:services"]).toEqual({ api: { cpu: 2, memoryGiB: 4, replicas: 4 } });
    expect(Object.keys(profile).filter((k) => /Key|Secret/.test(k))).toEqual([]);

    const report = JSON.parse(readFileSync(path.join(cwd, "var/reports/init-aws-production.json"), "utf8"));
    expect(report).toMatchObject({ version: 1, profile: "aws-production", cloud: "aws", tier: "production", region: "eu-west-1", name: "aws-production", mode: "new-project", stack: { created: false, reason: "no Pulumi CLI on PATH or in node_modules/.bin" } });
    expect(report.answered).toEqual(["cloud", "tier", "region", "name", "domain", "images", "services", "app", "billing"]);
    expect(report.defaulted).toEqual(expect.arrayContaining(["network", "database", "cache", "logs", "email", "health"]));
    expect(report.secrets).toEqual([
      { key: "openaiApiKey", variable: "ASC_OPENAI_API_KEY", required: true, state: "collected-not-stored" },
      { key: "stripeSecretKey", variable: "ASC_STRIPE_SECRET_KEY", required: true, state: "collected-not-stored" },
      { key: "stripeWebhookSecret", variable: "ASC_STRIPE_WEBHOOK_SECRET", required: true, state: "missing" },
    ]);
    expect(report.nextCommands).toEqual([
      "npm install",
      "npx asc deploy --profile aws-production --init",
      "printenv ASC_OPENAI_API_KEY | pulumi config set --secret asc:openaiApiKey -s aws-production",
      "printenv ASC_STRIPE_SECRET_KEY | pulumi config set --secret asc:stripeSecretKey -s aws-production",
      "printenv ASC_STRIPE_WEBHOOK_SECRET | pulumi config set --secret asc:stripeWebhookSecret -s aws-production",
      "npx asc doctor --profile aws-production",
      "npx asc preview --profile aws-production --offline",
      "npx asc deploy --profile aws-production",
    ]);
    expect(init.stdout).toContain("printenv ASC_OPENAI_API_KEY | pulumi config set --secret asc:openaiApiKey -s aws-production\n");

    // No secret value anywhere: output, profile, reports.
    const written = filesUnder(cwd).map((f) => readFileSync(path.join(cwd, f), "utf8")).join("\n");
    for (const secret of [OPENAI, STRIPE_LIVE]) expect(`${init.stdout}${init.stderr}${written}`).not.toContain(secret);

    const preview = await runAsc(["preview", "--profile", "aws-production", "--offline", "--json"], { cwd });
    expect(preview.stderr).toBe("");
    expect(preview.code).toBe(0);
    const plan = JSON.parse(preview.stdout);
    expect(plan).toMatchObject({ version: 1, profile: "aws-production", cloud: "aws", tier: "production" });
  });

  it("GIVEN answers naming one profile and --profile another THEN --profile wins", async () => {
    const cwd = testTempDir("asc-init-");
    const result = await runAsc(["init", "--non-interactive", "--answers", AZURE_ANSWERS, "--profile", "acme-staging"], { cwd, env: { ASC_RESEND_API_KEY: RESEND } });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(existsSync(path.join(cwd, "stacks/Pulumi.acme-staging.yaml"))).toBe(true);
    expect(existsSync(path.join(cwd, "stacks/Pulumi.azure-staging.yaml"))).toBe(false);
    const report = JSON.parse(readFileSync(path.join(cwd, "var/reports/init-acme-staging.json"), "utf8"));
    expect(report.secrets).toContainEqual({ key: "resendApiKey", variable: "ASC_RESEND_API_KEY", required: true, state: "collected-not-stored" });
    expect(report).toMatchObject({ cloud: "azure", region: "northeurope", name: "acme-staging" });
  });

  it("GIVEN answers without the keys that have no default THEN exit 2 lists every missing key with its description and writes nothing", async () => {
    const cwd = testTempDir("asc-init-");
    writeFileSync(path.join(cwd, "answers.yaml"), "profile: x-dev\ntier: dev\n");
    const result = await runAsc(["init", "--non-interactive", "--answers", "answers.yaml"], { cwd });
    expect(result.code).toBe(2);
    for (const key of ["asc:cloud", "asc:region", "asc:images.api", "asc:images.web"]) expect(result.stderr).toContain(`✗ ${key}: is required (it has no default)`);
    expect(result.stderr).toContain("allowed: Which reference platform to deploy to.");
    expect(result.stderr).toContain("allowed: api image (also used by the worker and migrations).");
    expect(result.stderr).not.toContain("✗ asc:tier");
    expect(filesUnder(cwd)).toEqual(["answers.yaml"]);
  });

  it("GIVEN a wrong type, an unknown key and a plaintext secret THEN exit 2 names each with its value (the secret redacted), what is allowed and the fix, and writes nothing", async () => {
    const cwd = testTempDir("asc-init-");
    const secret = "sk_live_PlaintextInAFile123";
    writeFileSync(path.join(cwd, "answers.yaml"), [
      "profile: aws-dev", "cloud: aws", "tier: dev", "region: eu-west-1",
      "images: { api: 'ghcr.io/a/api:1', web: 'ghcr.io/a/web:1' }",
      "logs: { retentionDays: ten }",
      "databse: { size: small }",
      `stripeSecretKey: ${secret}`,
    ].join("\n"));
    const result = await runAsc(["init", "--non-interactive", "--answers", "answers.yaml"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("✗ asc:stripeSecretKey: a secret in the answers file: secrets never come from a file\n      got:     \"sk_live_[redacted, 27 characters]\"  (from answers.yaml)\n      allowed: the ASC_STRIPE_SECRET_KEY environment variable\n      fix:     remove stripeSecretKey from answers.yaml and run: export ASC_STRIPE_SECRET_KEY=<value>");
    expect(result.stderr).toContain("✗ asc:logs.retentionDays: not an allowed value\n      got:     \"ten\"  (from answers.yaml)");
    expect(result.stderr).toContain("✗ asc:databse: unknown key; did you mean \"database\"?");
    expect(result.stderr).toContain("fix:     rename it to asc:database");
    expect(result.stderr).not.toContain(secret);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(filesUnder(cwd)).toEqual(["answers.yaml"]);
  });

  it("GIVEN a production profile and ASC_STRIPE_SECRET_KEY=sk_test_… THEN exit 2 refuses the test-mode key, redacted, and writes nothing", async () => {
    const cwd = testTempDir("asc-init-");
    const testKey = "sk_test_51AbcDefGhiJklMno";
    const result = await runAsc(["init", "--non-interactive", "--answers", AWS_ANSWERS], { cwd, env: { ASC_STRIPE_SECRET_KEY: testKey } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("✗ asc:stripeSecretKey: a test-mode Stripe key in a production profile\n      got:     \"sk_test_[redacted, 25 characters]\"  (from ASC_STRIPE_SECRET_KEY)\n      allowed: a live-mode key: sk_live_… (or rk_live_…)");
    expect(result.stderr).not.toContain(testKey);
    expect(filesUnder(cwd)).toEqual([]);
  });

  it("GIVEN an OpenAI key in the wrong format THEN exit 2 names its variable and the expected prefix", async () => {
    const cwd = testTempDir("asc-init-");
    const result = await runAsc(["init", "--non-interactive", "--answers", AWS_ANSWERS], { cwd, env: { ASC_OPENAI_API_KEY: "pk-notAnOpenAiKey123" } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("✗ asc:openaiApiKey: not in the format of the OpenAI API key\n      got:     \"[redacted, 20 characters]\"  (from ASC_OPENAI_API_KEY)\n      allowed: an OpenAI key: sk-…");
    expect(filesUnder(cwd)).toEqual([]);
  });

  it("GIVEN a folder with a file init would write THEN it refuses without --force, writes nothing, and overwrites with --force", async () => {
    const cwd = testTempDir("asc-init-");
    writeFileSync(path.join(cwd, "package.json"), JSON.stringify({ name: "team-infra", version: "1.2.3", dependencies: { left: "^1.0.0", "@pulumi/pulumi": "^3.250.0" } }));
    writeFileSync(path.join(cwd, "index.js"), "// ours\n");
    const refused = await runAsc(["init", "--non-interactive", "--answers", AZURE_ANSWERS], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("error: asc init would overwrite files\n  ✗ index.js: already exists");
    expect(refused.stderr).toContain("rerun with --force to overwrite index.js");
    expect(filesUnder(cwd)).toEqual(["index.js", "package.json"]);
    expect(readFileSync(path.join(cwd, "index.js"), "utf8")).toBe("// ours\n");

    const forced = await runAsc(["init", "--non-interactive", "--answers", AZURE_ANSWERS, "--force"], { cwd });
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(cwd, "index.js"), "utf8")).toContain("export default program();");
    // An existing package.json is merged, never replaced: its name and dependencies stay, its Pulumi SDK version too.
    expect(JSON.parse(readFileSync(path.join(cwd, "package.json"), "utf8"))).toEqual({ name: "team-infra", version: "1.2.3", type: "module", dependencies: { left: "^1.0.0", "@pulumi/pulumi": "^3.250.0", asc: "^0.1.0" } });
  });

  it("GIVEN an existing asc project WHEN a profile is added THEN only that profile and its report appear, with a distinct asc:name", async () => {
    const cwd = testTempDir("asc-init-");
    expect((await runAsc(["init", "--non-interactive", "--answers", AZURE_ANSWERS], { cwd })).code).toBe(0);
    const before = hashes(cwd);
    const added = await runAsc(["init", "--non-interactive", "--answers", AZURE_ANSWERS, "--profile", "acme-production"], { cwd });
    expect(added.code).toBe(0);
    const after = hashes(cwd);
    expect(Object.keys(after).filter((f) => !(f in before))).toEqual(["stacks/Pulumi.acme-production.yaml", "var/reports/init-acme-production.json", "var/reports/init-acme-production.md"]);
    for (const [f, h] of Object.entries(before)) expect({ f, h: after[f] }).toEqual({ f, h });
    expect(parse(readFileSync(path.join(cwd, "stacks/Pulumi.acme-production.yaml"), "utf8")).config["asc:name"]).toBe("acme-production");
    expect(JSON.parse(readFileSync(path.join(cwd, "var/reports/init-acme-production.json"), "utf8")).mode).toBe("add-profile");
  });

  it("GIVEN a profile name whose derived asc:name another profile uses THEN it takes a distinct one and warns", async () => {
    const cwd = testTempDir("asc-init-");
    mkdirSync(path.join(cwd, "stacks"));
    writeFileSync(path.join(cwd, "Pulumi.yaml"), "name: x\nruntime: nodejs\nstackConfigDir: stacks\n");
    writeFileSync(path.join(cwd, "stacks/Pulumi.old.yaml"), "config:\n  asc:cloud: azure\n  asc:name: acme-staging\n");
    const result = await runAsc(["init", "--non-interactive", "--answers", AZURE_ANSWERS, "--profile", "acme-staging"], { cwd });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('warning: asc:name "acme-staging" is already used by profile old; this profile uses "acme-staging-2"\n');
    expect(parse(readFileSync(path.join(cwd, "stacks/Pulumi.acme-staging.yaml"), "utf8")).config["asc:name"]).toBe("acme-staging-2");
    expect(readFileSync(path.join(cwd, "Pulumi.yaml"), "utf8")).toBe("name: x\nruntime: nodejs\nstackConfigDir: stacks\n");
  });

  it("GIVEN no terminal and no answers file THEN exit 2 says how to run it headless", async () => {
    const cwd = testTempDir("asc-init-");
    const result = await runAsc(["init"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("fix:     run asc init on a terminal, or: asc init --non-interactive --answers answers.yaml --profile <name>");
    expect(filesUnder(cwd)).toEqual([]);
  });
});
