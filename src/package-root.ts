/**
 * Where the asc package itself is installed (the folder with its package.json, bin/, dist/ and policy-pack/): found
 * from this module's own location, so it is the same in a clone (the repository root) and in a user's
 * node_modules/asc. Only files asc ships are read from here; the user's project is found from the working directory.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

/** dist/package-root.js (or src/package-root.ts under Jest) → the package folder. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export const packagePath = (...parts: string[]) => path.join(PACKAGE_ROOT, ...parts);
