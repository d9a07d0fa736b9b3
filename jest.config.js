/** Jest runs TypeScript through @swc/jest (no type-check; `tsc --noEmit` is its own step). */
export default {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  extensionsToTreatAsEsm: [".ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022", parser: { syntax: "typescript" } }, module: { type: "es6" } }],
  },
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
