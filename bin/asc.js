#!/usr/bin/env node
// asc CLI launcher: runs the compiled CLI (built by `npm install` through the prepare script, or `npm run build`).
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const main = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
const helpText = fileURLToPath(new URL("../dist/cli/help.txt", import.meta.url));
const argv = process.argv.slice(2);
// `asc doctor` reports an old Node.js once, with the fix; the AWS SDK would otherwise repeat it on every command.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

if (!existsSync(main)) {
  process.stderr.write("asc is not built yet: run `npm install` (or `npm run build`) in the asc folder first.\n");
  process.exitCode = 2;
} else if (argv.length === 1 && (argv[0] === "--help" || argv[0] === "-h") && existsSync(helpText)) {
  // `asc --help` must be instant: the build renders it once with the real parser (see scripts/build.mjs).
  process.stdout.write(readFileSync(helpText, "utf8"));
} else {
  const { run } = await import("../dist/cli/main.js");
  const { processContext } = await import("../dist/cli/context.js");
  process.exitCode = await run(argv, processContext());
}
