/**
 * Layers point one way: the CLI is one client of the library (src/index.ts); nothing under src/ outside src/cli/
 * imports from src/cli/. A plain scan of import specifiers (static `from "…"` and dynamic `import("…")`), resolved
 * against each file's folder.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../helpers/cli.js";

const SRC = path.join(REPO_ROOT, "src");
const CLI = path.join(SRC, "cli");

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) yield* sourceFiles(full);
    else if (/\.(ts|cjs|mjs|js)$/.test(entry)) yield full;
  }
}

/** Relative import specifiers in a module's text: `from "./x.js"`, `import("./x.js")`, `require("./x.cjs")`. */
export function relativeImports(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["'](\.{1,2}\/[^"']+)["']/gm)) found.push(m[1]);
  return found;
}

export function cliImportsOutsideCli(files: Iterable<string>, read: (file: string) => string): string[] {
  const offenders: string[] = [];
  for (const file of files) {
    if (file.startsWith(CLI + path.sep)) continue;
    for (const spec of relativeImports(read(file))) {
      const target = path.resolve(path.dirname(file), spec);
      if (target === CLI || target.startsWith(CLI + path.sep)) offenders.push(`${path.relative(REPO_ROOT, file)} imports ${spec}`);
    }
  }
  return offenders;
}

const COMPONENTS = path.join(SRC, "components");
/** The program entry points: the only modules outside src/components/ that may import the components. */
const PROGRAM_ENTRY_POINTS = new Set(["index.ts", "define-stack.ts", "program.ts"].map((f) => path.join(SRC, f)));

/** Modules outside src/components/ (other than the program entry points) that import a component module. */
export function componentImportsFromDownstream(files: Iterable<string>, read: (file: string) => string): string[] {
  const offenders: string[] = [];
  for (const file of files) {
    if (file.startsWith(COMPONENTS + path.sep) || PROGRAM_ENTRY_POINTS.has(file)) continue;
    for (const spec of relativeImports(read(file))) {
      const target = path.resolve(path.dirname(file), spec);
      if (target.startsWith(COMPONENTS + path.sep)) offenders.push(`${path.relative(REPO_ROOT, file)} imports ${spec}`);
    }
  }
  return offenders;
}

/**
 * Imports of a Pulumi provider package's root (`@pulumi/aws`, `@pulumi/azure-native`): both roots declare and load
 * every service of their cloud, so asc imports submodules (src/components/aws/sdk.ts, `@pulumi/azure-native/app/index.js`).
 */
export function providerRootImports(files: Iterable<string>, read: (file: string) => string): string[] {
  const offenders: string[] = [];
  for (const file of files) {
    for (const m of read(file).matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["'](@pulumi\/(?:aws|azure-native))(?:\/index\.js)?["']/gm)) {
      offenders.push(`${path.relative(REPO_ROOT, file)} imports ${m[1]}`);
    }
  }
  return offenders;
}

describe("layering", () => {
  it("GIVEN every module under src/ and tests/ THEN none imports the root of @pulumi/aws or @pulumi/azure-native", () => {
    // This file is left out: it holds the offending imports as examples, in strings.
    const files = [...sourceFiles(SRC), ...sourceFiles(path.join(REPO_ROOT, "tests"))].filter((f) => !f.endsWith(path.join("architecture", "layers.test.ts")));
    expect(providerRootImports(files, (f) => readFileSync(f, "utf8"))).toEqual([]);
  });

  it("GIVEN a module that imports a provider root statically or lazily THEN the scan names it, and submodules pass", () => {
    const file = path.join(SRC, "components", "aws", "x.ts");
    const text = 'import * as aws from "@pulumi/aws";\nconst az = await import("@pulumi/azure-native");\nimport * as ec2 from "@pulumi/aws/ec2/index.js";\nimport * as app from "@pulumi/azure-native/app/index.js";';
    expect(providerRootImports([file], () => text)).toEqual(["src/components/aws/x.ts imports @pulumi/aws", "src/components/aws/x.ts imports @pulumi/azure-native"]);
  });

  it("GIVEN the stack-outputs type THEN deploy, contract, preview and the CLI reach it below the components, never through them", () => {
    expect(componentImportsFromDownstream(sourceFiles(SRC), (f) => readFileSync(f, "utf8"))).toEqual([]);
  });

  it("GIVEN a pipeline module that imports a component type THEN the downstream scan names it", () => {
    const file = path.join(SRC, "deploy", "pipeline", "x.ts");
    const text = 'import type { StackOutputs } from "../../components/shared/blueprint-outputs.js";';
    expect(componentImportsFromDownstream([file], () => text)).toEqual(["src/deploy/pipeline/x.ts imports ../../components/shared/blueprint-outputs.js"]);
  });

  it("GIVEN every module under src/ outside src/cli/ THEN none imports from src/cli/", () => {
    expect(cliImportsOutsideCli(sourceFiles(SRC), (f) => readFileSync(f, "utf8"))).toEqual([]);
  });

  it("GIVEN a module below the CLI that imports it statically or lazily THEN the scan names it", () => {
    const fakeFiles = [path.join(SRC, "deploy", "pipeline", "x.ts"), path.join(SRC, "cli", "lib", "y.ts")];
    const texts: Record<string, string> = {
      [fakeFiles[0]]: 'import { a } from "../../cli/lib/policies.js";\nconst { b } = await import("../../cli/main.js");\nimport "../../errors.js";',
      [fakeFiles[1]]: 'import { c } from "../main.js";',
    };
    expect(cliImportsOutsideCli(fakeFiles, (f) => texts[f])).toEqual([
      "src/deploy/pipeline/x.ts imports ../../cli/lib/policies.js",
      "src/deploy/pipeline/x.ts imports ../../cli/main.js",
    ]);
  });
});
