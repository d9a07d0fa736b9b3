/**
 * `asc --help` must start instantly: nothing reachable from the CLI entry through static imports may load
 * @pulumi/* or a cloud SDK. Heavy modules are only reached through `await import()` inside handlers.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT, runAsc, runAscBin, tempProject } from "../helpers/cli.js";
import { testTempDir } from "../helpers/temp-dir.js";

const STATIC_IMPORT = /^\s*import\s+(?!type\b)(?:[^"';]+\s+from\s+)?["']([^"']+)["']/gm;

function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const m of readFileSync(file, "utf8").matchAll(STATIC_IMPORT)) {
      const spec = m[1];
      if (spec.startsWith(".")) visit(path.resolve(path.dirname(file), spec.replace(/\.js$/, ".ts")));
      else packages.add(spec);
    }
  };
  visit(entry);
  return { files, packages };
}

describe("CLI start-up", () => {
  it("GIVEN the CLI entry THEN its static import graph loads no @pulumi package and no cloud SDK", () => {
    const { files, packages } = staticGraph(path.join(REPO_ROOT, "src/cli/main.ts"));
    expect(files.size).toBeGreaterThan(5);
    expect([...packages].filter((p) => p.startsWith("@pulumi/") || p.startsWith("@aws-sdk/") || p.startsWith("@azure/"))).toEqual([]);
  });

  it("GIVEN --help THEN every command is listed and the exit code is 0", async () => {
    const result = await runAsc(["--help"]);
    expect(result.code).toBe(0);
    for (const cmd of ["asc preview", "asc profiles", "asc config", "asc docs"]) expect(result.stdout).toContain(cmd);
  });

  it("GIVEN an unknown flag THEN it is a user error (exit 2) without a stack trace", async () => {
    const result = await runAsc(["preview", "--profile", "aws-dev", "--offlin"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("asc preview has no --offlin; did you mean --offline?");
    expect(result.stderr).toContain("Run asc preview --help for usage.");
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});

describe("the prebuilt top-level help", () => {
  it("GIVEN the build THEN dist/cli/help.txt is exactly what the parser prints for --help (run npm run build after changing commands)", async () => {
    const { readFileSync: read } = await import("node:fs");
    const live = await runAsc(["--help"]);
    expect(read(path.join(REPO_ROOT, "dist/cli/help.txt"), "utf8")).toBe(live.stdout);
  });
});

describe("the CLI in its own process (bin/asc.js)", () => {
  it("GIVEN asc deploy THEN @pulumi/pulumi's closure-serialization dependencies (typescript, @npmcli/arborist) are never loaded, and the command still runs to its own verdict", async () => {
    // A --require hook sees every module Node really loads: run()'s deferral sits in front of it, so a
    // deferred module reaches the hook only if something touches it.
    const dir = testTempDir("asc-launcher-");
    const loads = path.join(dir, "loads.txt");
    const spy = path.join(dir, "spy.cjs");
    writeFileSync(spy, `const Module = require("node:module"); const fs = require("node:fs"); const load = Module._load;
Module._load = function (request, parent, isMain) { fs.appendFileSync(${JSON.stringify(loads)}, request + " <- " + String(parent?.filename).replace(/.*node_modules\\//, "") + "\\n"); return load.apply(this, arguments); };\n`);
    writeFileSync(loads, "");
    const project = tempProject({ "aws-dev": { copyFrom: path.join(REPO_ROOT, "stacks/Pulumi.aws-dev.yaml") } });
    // /bin/false is not a Pulumi CLI: validate refuses it (exit 2) after the SDK's modules are loaded.
    const result = await runAscBin(["deploy", "--profile", "aws-dev", "--json"], { cwd: project, env: { NODE_OPTIONS: `--require ${spy}`, ASC_PULUMI_COMMAND: "/bin/false", ASC_OPENAI_API_KEY: "sk-launcher-test-0001" } });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain("not a usable Pulumi CLI");
    const loaded = readFileSync(loads, "utf8").split("\n").filter(Boolean);
    const requested = new Set(loaded.map((l) => l.split(" <- ")[0]));
    // The Automation API was loaded (its index requires ./cmd), so the deferral was in place when it mattered.
    expect(loaded).toContain("./cmd <- @pulumi/pulumi/automation/index.js");
    expect({ typescript: requested.has("typescript"), arborist: requested.has("@npmcli/arborist") }).toEqual({ typescript: false, arborist: false });
  });
});
