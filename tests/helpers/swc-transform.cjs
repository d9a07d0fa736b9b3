/**
 * Jest's transform: @swc/jest, compiling TypeScript and ES modules (asc's own and the ESM-only packages it depends
 * on, such as yargs and execa) to CommonJS.
 *
 * Jest runs the tests as CommonJS rather than as vm modules (--experimental-vm-modules): on Node 20 a vm module keeps
 * its test file's whole context alive to the end of the worker, so each worker grew to about 1.5 GB, and the GC and
 * every process the tests start (a fork of that worker) paid for it.
 *
 * CommonJS wraps each file in a function whose parameters include `__dirname` and `__filename`. In an ES module those
 * names are not predefined, so modules declare their own (yargs' platform shim does: `const __dirname = ...`), which
 * is a redeclaration inside the wrapper. This transform renames them in ES sources before compiling; a module that
 * used them without declaring them would fail under Node too.
 *
 * Before it passes a file through or compiles it, it applies the SDK patches of sdk-patches.cjs to the files they name,
 * whatever their module type.
 */
const { readFileSync } = require("node:fs");
const path = require("node:path");
const { createTransformer: createSwcTransformer } = require("@swc/jest");
const { applySdkPatches, cacheKey: patchesKey } = require("./sdk-patches.cjs");

const VERSION = "2";
const OWN_NAMES = /\b__(dirname|filename)\b/g;

/** Directory → the "type" of the package.json nearest to it. */
const packageTypes = new Map();

function packageType(dir) {
  if (!packageTypes.has(dir)) {
    let type;
    try {
      type = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")).type ?? "commonjs";
    } catch {
      const parent = path.dirname(dir);
      type = parent === dir ? "commonjs" : packageType(parent);
    }
    packageTypes.set(dir, type);
  }
  return packageTypes.get(dir);
}

/**
 * Whether a file is CommonJS already, as Node decides it: a .js file under a package.json without "type": "module"
 * (jest.config.js sends no .cjs file here). Dual packages (@azure/*, zod) resolve to their CommonJS builds under Jest,
 * which need no compiling.
 */
const isCommonJs = (filename) => filename.endsWith(".js") && packageType(path.dirname(filename)) !== "module";

module.exports = {
  createTransformer(options) {
    const swc = createSwcTransformer(options);
    const process = (source, filename, jestOptions) => {
      const patched = applySdkPatches(source, filename);
      return isCommonJs(filename) ? { code: patched } : swc.process(patched.replace(OWN_NAMES, "__esm_$1"), filename, jestOptions);
    };
    return {
      canInstrument: swc.canInstrument,
      process,
      processAsync: async (source, filename, jestOptions) => process(source, filename, jestOptions),
      // The rename and the SDK patches are functions of the source, so the source's key serves, with VERSION (this
      // file's rules) and the patches' own key.
      getCacheKey: (source, filename, jestOptions) => `${VERSION}:${patchesKey}:${swc.getCacheKey(source, filename, jestOptions)}`,
    };
  },
};
