/**
 * Source patches the test transform (swc-transform.cjs) applies to installed SDK files, for speed only: each leaves
 * what the program registers, and every value it can read, as they are.
 *
 * @pulumi/pulumi's Resource constructor (resource.js, v3.248.0) turns each of `opts.aliases` into a URN Output at
 * once (collapseAliasToUrn: output(), apply(), createUrn(), interpolate()), and keeps them as `__aliases`. Only
 * allAliases reads them, for a child's inherited aliases, and runtime/resource.js calls it only when the monitor
 * lacks "aliasSpecs" (prepareResource); the mocks' monitor supports every feature but "outputValues"
 * (runtime/mocks.js supportsFeature), so under the mocks that work is never used (nor under the engine, whose
 * resource monitor answers "aliasSpecs" with true: pkg/resource/deploy/source_eval.go, SupportsFeature).
 * azure-native gives each resource one alias per earlier API version (19 for a ContainerApp), and building them was
 * most of an Azure blueprint's build: an in-process azure-production offline preview took 1.16 CPU-s warm, 0.45 CPU-s
 * with the patch (medians of seven runs after a first). The patch computes `__aliases` on first read, from the same
 * inputs, with the same function.
 *
 * A patch whose text is no longer in its file (an SDK upgrade) throws, so the suite fails instead of running slow.
 * `cacheKey` follows the patches, so editing one re-transforms the files it touches.
 */
"use strict";

const { createHash } = require("node:crypto");

const PATCHES = [
  {
    file: "/node_modules/@pulumi/pulumi/resource.js",
    find: `        this.__aliases = [];
        if (opts.aliases) {
            for (const alias of opts.aliases) {
                this.__aliases.push(collapseAliasToUrn(alias, name, t, parent));
            }
        }`,
    replace: `        // asc tests (tests/helpers/sdk-patches.cjs): the same aliases, collapsed on first read.
        const ascAliases = opts.aliases || [];
        const ascSetAliases = (self, value) => Object.defineProperty(self, "__aliases", { configurable: true, enumerable: true, writable: true, value });
        Object.defineProperty(this, "__aliases", {
            configurable: true,
            enumerable: true,
            get() {
                const collapsed = ascAliases.map((alias) => collapseAliasToUrn(alias, name, t, parent));
                ascSetAliases(this, collapsed);
                return collapsed;
            },
            set(value) {
                ascSetAliases(this, value);
            },
        });`,
  },
];

/** The files with patches, as the suffixes of their paths. */
const patchedFiles = PATCHES.map((p) => p.file);

/** Changes whenever a patch does (part of the transform's cache key). */
const cacheKey = createHash("sha256").update(JSON.stringify(PATCHES)).digest("hex").slice(0, 16);

/** `source` of `filename` with its patches applied (unchanged for a file without any). */
function applySdkPatches(source, filename) {
  const normalized = filename.split("\\").join("/");
  let out = source;
  for (const patch of PATCHES) {
    if (!normalized.endsWith(patch.file)) continue;
    if (!out.includes(patch.find)) {
      throw new Error(`tests/helpers/sdk-patches.cjs: the text to patch is not in ${filename} (was the SDK upgraded?). Check the patch against the new file, then update or remove it.`);
    }
    out = out.replace(patch.find, () => patch.replace);
  }
  return out;
}

module.exports = { applySdkPatches, patchedFiles, cacheKey };
