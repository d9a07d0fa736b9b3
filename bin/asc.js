#!/usr/bin/env node
// asc CLI launcher: runs the compiled CLI (built by `npm ci` through the prepare script, or `npm run build`).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const main = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
if (!existsSync(main)) {
  process.stderr.write("asc is not built yet: run `npm ci` (or `npm run build`) in the asc folder first.\n");
  process.exitCode = 2;
} else {
  const { run } = await import("../dist/cli/main.js");
  const { processContext } = await import("../dist/cli/context.js");
  process.exitCode = await run(process.argv.slice(2), processContext());
}
