import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import path from "node:path";
import { AscUserError, ExitCode } from "../../errors.js";
import { createCommand, createGroup } from "../command.js";
import { findProjectRoot } from "../lib/project-root.js";

export const docsGenerateCommand = createCommand({
  command: "generate",
  describe: "Write the generated docs (config, env contract, CLI, policies) and the profile JSON Schema",
  builder: (y) => y,
  handler: async (_args, ctx) => {
    const { allGeneratedFiles } = await import("../generated-docs.js");
    const root = findProjectRoot(ctx.cwd);
    for (const [file, content] of Object.entries(await allGeneratedFiles())) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), content);
      ctx.stdout.write(`wrote ${file}\n`);
    }
    return ExitCode.ok;
  },
});

export const docsCheckCommand = createCommand({
  command: "check",
  describe: "Fail when a generated doc differs from what the code says (drift)",
  builder: (y) => y,
  handler: async (_args, ctx) => {
    const { allGeneratedFiles } = await import("../generated-docs.js");
    const root = findProjectRoot(ctx.cwd);
    const stale = Object.entries(await allGeneratedFiles())
      .filter(([file, content]) => !existsSync(path.join(root, file)) || readFileSync(path.join(root, file), "utf8") !== content)
      .map(([file]) => file);
    if (stale.length === 0) {
      ctx.stdout.write("generated docs are up to date\n");
      return ExitCode.ok;
    }
    throw new AscUserError("Generated docs are out of date", stale.map((file) => ({ path: file, message: "differs from the code", fix: "run: npx asc docs generate" })));
  },
});

export const docsCommand = createGroup({ command: "docs", describe: "Generate or check the generated docs", subcommands: [docsGenerateCommand, docsCheckCommand] });
