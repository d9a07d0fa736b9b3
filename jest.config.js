import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/**
 * Jest runs TypeScript through @swc/jest (no type-check; `tsc --noEmit` is its own step), compiled to CommonJS: see
 * tests/helpers/swc-transform.cjs for why the tests do not run as vm modules.
 */
const root = path.dirname(fileURLToPath(import.meta.url));
const { patchedFiles } = createRequire(import.meta.url)("./tests/helpers/sdk-patches.cjs");

/**
 * The installed packages that are ES modules ("type": "module"), nested ones included, as paths under node_modules/
 * (`yargs`, `cliui/node_modules/strip-ansi`): Jest compiles them to CommonJS like asc's own sources. Dual packages
 * resolve to their CommonJS builds, which the transform passes through unchanged.
 */
function esModulePackages(nodeModules = path.join(root, "node_modules"), prefix = "") {
  const found = [];
  let entries;
  try {
    entries = readdirSync(nodeModules);
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (entry.startsWith(".")) continue;
    const names = entry.startsWith("@") ? readdirSync(path.join(nodeModules, entry)).map((n) => `${entry}/${n}`) : [entry];
    for (const name of names) {
      const dir = path.join(nodeModules, name);
      try {
        if (JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")).type === "module") found.push(prefix + name);
      } catch {
        continue; // not a package
      }
      found.push(...esModulePackages(path.join(dir, "node_modules"), `${prefix}${name}/node_modules/`));
    }
  }
  return found;
}

const escape = (name) => name.replace(/[.+]/g, "\\$&");
/**
 * Ignores a file in node_modules unless its innermost package is one of the ES module packages, or it is a file the
 * transform patches (tests/helpers/sdk-patches.cjs).
 */
const patched = patchedFiles.map((f) => `(?!.*${escape(f)}$)`).join("");
const notAnEsModulePackage = `^(?!.*/node_modules/(?:${esModulePackages().map(escape).join("|")})/(?!.*/node_modules/))${patched}.*/node_modules/`;
const swc = (syntax) => [
  "<rootDir>/tests/helpers/swc-transform.cjs",
  { jsc: { target: "es2022", parser: { syntax } }, module: { type: "commonjs" } },
];

export default {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  moduleFileExtensions: ["ts", "js", "mjs", "cjs", "json", "node"],
  transform: { "^.+\\.m?ts$": swc("typescript"), "^.+\\.m?js$": swc("ecmascript") },
  transformIgnorePatterns: [notAnEsModulePackage],
  resolver: "<rootDir>/tests/helpers/jest-resolver.cjs",
  moduleNameMapper: {
    "^(\\.{1,2}/.*)\\.js$": "$1",
    // @pulumi/pulumi loads these for closure serialization, which asc never uses; load them only if touched.
    "^typescript$": "<rootDir>/tests/helpers/lazy-typescript.cjs",
    "^@npmcli/arborist$": "<rootDir>/tests/helpers/lazy-arborist.cjs",
    // @pulumi/pulumi's promise bookkeeping without its per-promise stack capture (see the file).
    "^\\./debuggable$": "<rootDir>/tests/helpers/pulumi-debuggable.cjs",
  },
  // The transform cache stays in the checkout (ignored with node_modules), not in $TMPDIR.
  cacheDirectory: "<rootDir>/node_modules/.cache/jest",
  setupFiles: ["<rootDir>/tests/helpers/setup-env.cjs", "<rootDir>/tests/helpers/pulumi-stacks.cjs"],
  setupFilesAfterEnv: ["<rootDir>/tests/helpers/release-async-storage.cjs", "<rootDir>/tests/helpers/per-file-cleanup.cjs"],
  testTimeout: 30000,
  // Jest defaults to cores - 1 workers: one on these 2-core machines. The main process is idle while tests run.
  maxWorkers: 2,
  reporters: ["default", "<rootDir>/tests/helpers/summary-reporter.cjs"],
};
