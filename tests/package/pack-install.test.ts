/**
 * asc as an installable package: `npm pack` holds only what users run, and the tarball installed into an empty folder
 * brings the `asc` CLI that scaffolds a project there (`asc init`) and previews its profiles offline.
 *
 * How it stays offline and fast (no download, no touching the repository's dist/):
 * - The package is staged in a temporary folder: package.json, README, bin/, policy-pack/, schemas/ and the workflows
 *   copied, and dist/ built into it by `scripts/build.mjs --types --out` (what `npm pack` runs through prepack, with
 *   the declaration files). Then `npm pack --ignore-scripts` packs the stage.
 * - `npm install --offline` of the tarball alone would need every dependency in the npm cache, and `npm ci` does not
 *   leave them all there (checked: undici-types was missing). So the user folder gets symlinks to the project's
 *   installed copies of asc's own dependencies in its node_modules, and `npm install --no-save --offline
 *   --ignore-scripts <tarball>` then finds them satisfied and adds only asc itself, as a real copy from the tarball.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { REPO_ROOT } from "../helpers/cli.js";
import { testTempDir } from "../helpers/temp-dir.js";

const SLOW = 120_000;

interface PackEntry {
  readonly filename: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: readonly { path: string; size: number }[];
}

const npm = (args: string[], cwd: string) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NODE_OPTIONS: "", npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" } });

function run(cwd: string, args: string[], env: Record<string, string> = {}): { code: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(path.join(cwd, "node_modules/.bin/asc"), args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env } });
    return { code: 0, stdout, stderr: "" };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, stdout: err.stdout, stderr: err.stderr };
  }
}

const filesUnder = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => statSync(path.join(dir, f)).isFile());

const TYPES_CACHE = path.join(REPO_ROOT, "node_modules/.cache/asc-types");

/**
 * `npm test` runs the typecheck beside Jest (scripts/test.mjs) and holds this file, with tsc's pid, while it runs:
 * its declaration files are complete only once it is gone (or its process is).
 */
const TYPECHECK_PENDING = path.join(REPO_ROOT, "node_modules/.cache/asc-types.pending");

async function typecheckFinished(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (existsSync(TYPECHECK_PENDING) && Date.now() < deadline) {
    try {
      process.kill(Number(readFileSync(TYPECHECK_PENDING, "utf8")), 0);
    } catch {
      return; // a marker left by a typecheck that no longer runs
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The typecheck step's declaration files for src/, when one exists for every source and is newer than it. */
function freshDeclarations(): string[] | undefined {
  const sources = readdirSync(path.join(REPO_ROOT, "src"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"));
  const declarations = sources.map((f) => f.replace(/\.ts$/, ".d.ts"));
  const fresh = sources.every((f, i) => {
    const d = path.join(TYPES_CACHE, "src", declarations[i]);
    return existsSync(d) && statSync(d).mtimeMs >= statSync(path.join(REPO_ROOT, "src", f)).mtimeMs;
  });
  return fresh ? declarations : undefined;
}

let packed: PackEntry;
let tarball: string;
let user: string;

beforeAll(async () => {
  const stage = testTempDir("asc-stage-");
  for (const item of ["package.json", "README.md", "bin", "policy-pack", "schemas", ".github/workflows"]) cpSync(path.join(REPO_ROOT, item), path.join(stage, item), { recursive: true });
  // The build renders `asc --help` by importing the staged CLI, which must resolve asc's dependencies.
  symlinkSync(realpathSync(path.join(REPO_ROOT, "node_modules")), path.join(stage, "node_modules"));
  // `npm run typecheck` (a step of `npm test`) emits the declaration files as it checks; when they are newer than
  // every source they are the ones `--types` would emit, so the stage reuses them and skips a second tsc (about 13 s).
  await typecheckFinished(SLOW / 2);
  const declarations = freshDeclarations();
  execFileSync(process.execPath, [path.join(REPO_ROOT, "scripts/build.mjs"), ...(declarations ? [] : ["--types"]), "--out", path.join(stage, "dist")], { cwd: REPO_ROOT, stdio: "pipe" });
  if (declarations) for (const file of declarations) cpSync(path.join(TYPES_CACHE, "src", file), path.join(stage, "dist", file));
  // `npm pack --json` reports the packed files and sizes itself (the same entry `--dry-run` prints), so one pack serves both.
  const out = testTempDir("asc-tarball-");
  [packed] = JSON.parse(npm(["pack", "--json", "--ignore-scripts", "--pack-destination", out], stage)) as PackEntry[];
  tarball = path.join(out, packed.filename);

  user = testTempDir("asc-user-");
  writeFileSync(path.join(user, "package.json"), `${JSON.stringify({ name: "team-infra", version: "1.0.0", private: true }, null, 2)}\n`);
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string>; peerDependencies: Record<string, string> };
  const ascDeps = [...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies)];
  for (const dep of ascDeps) {
    mkdirSync(path.dirname(path.join(user, "node_modules", dep)), { recursive: true });
    symlinkSync(realpathSync(path.join(REPO_ROOT, "node_modules", dep)), path.join(user, "node_modules", dep));
  }
  npm(["install", "--no-save", "--offline", "--ignore-scripts", tarball], user);
}, SLOW);

describe("npm pack", () => {
  it("GIVEN the package THEN it holds the CLI, the compiled library with its types, the policy pack and the schemas, and nothing else", () => {
    const files = packed.files.map((f) => f.path).sort();
    for (const needed of ["package.json", "README.md", "bin/asc.js", "dist/index.js", "dist/index.d.ts", "dist/define-stack.d.ts", "dist/components/aws/index.d.ts", "dist/components/azure/index.d.ts", "dist/cli/main.js", "dist/cli/help.txt", "dist/policies/pack-entry.js", "policy-pack/PulumiPolicy.yaml", "policy-pack/package.json", "schemas/vendor/pulumi-project.schema.json", "schemas/asc-profile.schema.json"]) {
      expect({ needed, present: files.includes(needed) }).toEqual({ needed, present: true });
    }
    const foreign = files.filter((f) => /^(src|tests|docs|bench|docker|stacks|scripts|var|node_modules)\//.test(f) || f.endsWith(".map") || (f.endsWith(".ts") && !f.endsWith(".d.ts")) || f === "Pulumi.yaml" || f.startsWith("tsconfig"));
    expect(foreign).toEqual([]);
    const topLevel = [...new Set(files.map((f) => f.split("/")[0]))].sort();
    expect(topLevel).toEqual([".github", "README.md", "bin", "dist", "package.json", "policy-pack", "schemas"]);
  });

  it("GIVEN the package THEN it stays small (no sources, maps or fixtures inflate it)", () => {
    expect(packed.size).toBeLessThan(700_000);
    expect(packed.unpackedSize).toBeLessThan(3_000_000);
  });
});

describe("the installed package in an empty folder", () => {
  it("GIVEN the tarball installed THEN node_modules/asc is the packed copy: no sources, tests or Pulumi.yaml of asc", () => {
    const installed = path.join(user, "node_modules/asc");
    expect(statSync(installed).isSymbolicLink?.() ?? false).toBe(false);
    expect(realpathSync(installed).startsWith(realpathSync(user))).toBe(true);
    const files = filesUnder(installed);
    expect(files.filter((f) => /^(src|tests)\//.test(f) || (f.endsWith(".ts") && !f.endsWith(".d.ts")))).toEqual([]);
    expect(existsSync(path.join(installed, "Pulumi.yaml"))).toBe(false);
    expect(filesUnder(user).filter((f) => !f.startsWith("node_modules/"))).toEqual(["package.json"]);
  });

  it("GIVEN asc init for an AWS and an Azure profile THEN asc preview --offline --json in that folder plans each with its answers", () => {
    const aws = run(user, ["init", "--non-interactive", "--answers", path.join(REPO_ROOT, "tests/fixtures/init/aws-production.answers.yaml")], { ASC_OPENAI_API_KEY: "sk-packTestOpenAi1234567890" });
    expect(aws.stderr).toBe("");
    expect(aws.code).toBe(0);
    const azure = run(user, ["init", "--non-interactive", "--answers", path.join(REPO_ROOT, "tests/fixtures/init/azure-staging.answers.yaml"), "--profile", "team-azure"]);
    expect(azure.stderr).toBe("");
    expect(azure.code).toBe(0);
    expect(filesUnder(user).filter((f) => !f.startsWith("node_modules/")).sort()).toEqual([".gitignore", "Pulumi.yaml", "index.js", "package.json", "stacks/Pulumi.aws-production.yaml", "stacks/Pulumi.team-azure.yaml", "var/reports/init-aws-production.json", "var/reports/init-aws-production.md", "var/reports/init-team-azure.json", "var/reports/init-team-azure.md"]);
    expect(JSON.parse(readFileSync(path.join(user, "package.json"), "utf8"))).toEqual({ name: "team-infra", version: "1.0.0", private: true, type: "module", dependencies: { "@pulumi/pulumi": ">=3.248.0 <4", asc: "^0.1.0" } });
    expect(parse(readFileSync(path.join(user, "Pulumi.yaml"), "utf8"))).toMatchObject({ name: "team-infra", main: "index.js", stackConfigDir: "stacks" });

    const awsPreview = run(user, ["preview", "--profile", "aws-production", "--offline", "--json"]);
    expect(awsPreview.stderr).toBe("");
    expect(awsPreview.code).toBe(0);
    const awsPlan = JSON.parse(awsPreview.stdout);
    expect(awsPlan).toMatchObject({ version: 1, profile: "aws-production", cloud: "aws", tier: "production", summary: { violations: { mandatory: 0 } } });
    const provider = awsPlan.resources.find((r: { type: string }) => r.type === "pulumi:providers:aws");
    expect(provider.inputs.region).toBe("eu-west-1");
    const apiService = awsPlan.resources.find((r: { type: string; name: string }) => r.type === "aws:ecs/service:Service" && r.name.includes("api"));
    expect(apiService.inputs.desiredCount).toBe(4);
    const apiEnv = Object.fromEntries(awsPlan.contract.api.map((e: { name: string; value?: string }) => [e.name, e.value]));
    expect(apiEnv.SIGNUP_ACCESS_POLICY).toBe("approval");
    expect(apiEnv.ENABLE_BILLING).toBe("true");

    const azurePreview = run(user, ["preview", "--profile", "team-azure", "--offline", "--json"]);
    expect(azurePreview.stderr).toBe("");
    expect(azurePreview.code).toBe(0);
    const azurePlan = JSON.parse(azurePreview.stdout);
    expect(azurePlan).toMatchObject({ version: 1, profile: "team-azure", cloud: "azure", tier: "staging" });
    const located = azurePlan.resources.filter((r: { inputs: { location?: string } }) => r.inputs.location !== undefined);
    expect(located.length).toBeGreaterThan(0);
    // Every regional resource is in the answered location; private DNS zones are "global" in Azure by design.
    expect([...new Set(located.map((r: { inputs: { location: string } }) => r.inputs.location))].filter((l) => l !== "global")).toEqual(["northeurope"]);
    const azureEnv = Object.fromEntries(azurePlan.contract.api.map((e: { name: string; value?: string }) => [e.name, e.value]));
    expect(azureEnv.RESEND_EMAIL_ENABLED).toBe("true");
    expect(azureEnv.RESEND_DEFAULT_FROM).toBe("noreply@example.com");
  }, SLOW);

  it("GIVEN the installed package THEN its typed exports import from the user folder", () => {
    const script = 'const asc = await import("asc"); const p = await import("asc/program"); const aws = await import("asc/aws"); console.log(JSON.stringify([typeof asc.defineStack, typeof asc.program(), typeof asc.AwsBlueprint, typeof asc.AzureBlueprint, typeof asc.aws.Database, typeof asc.azure.KeyVault, typeof asc.BlueprintConfigSchema.safeParse, typeof asc.deriveEnvContract, p.program === asc.program, typeof aws.FargateService]))';
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: user, encoding: "utf8" });
    expect(JSON.parse(out)).toEqual(["function", "function", "function", "function", "function", "function", "function", "function", true, "function"]);
  });
});
