import { ExitCode } from "../../errors.js";
import { createCommand, createGroup } from "../command.js";
import { loadProfileFromArgs, withProfileOptions } from "../lib/profile-args.js";

export const configShowCommand = createCommand({
  command: "show",
  describe: "Print a profile's resolved config with the source of every key (secrets redacted)",
  builder: (y) => withProfileOptions(y).option("json", { type: "boolean", default: false, describe: "Print JSON: { key: { value, source } }" }),
  examples: [["asc config show --profile aws-production", "Show where each value of aws-production comes from"]],
  handler: async (args, ctx) => {
    const loaded = await loadProfileFromArgs(args, ctx);
    const { describeResolvedConfig } = await import("../../config/describe.js");
    const rows = describeResolvedConfig(loaded);
    if (args.json) {
      ctx.stdout.write(`${JSON.stringify(Object.fromEntries(rows.map((r) => [r.key, { value: r.value, source: r.source }])), null, 2)}\n`);
      return ExitCode.ok;
    }
    const { renderTable } = await import("../lib/table.js");
    ctx.stdout.write(`profile ${loaded.profile} (${loaded.file})\n\n`);
    ctx.stdout.write(`${renderTable(["key", "value", "source"], rows.map((r) => [`asc:${r.key}`, JSON.stringify(r.value), r.source]))}\n`);
    return ExitCode.ok;
  },
});

export const configSchemaCommand = createCommand({
  command: "schema",
  describe: "Print the JSON Schema of profile files (for editors)",
  builder: (y) => y,
  handler: async (_args, ctx) => {
    const { profileJsonSchema } = await import("../../config/json-schema.js");
    ctx.stdout.write(`${JSON.stringify(profileJsonSchema(), null, 2)}\n`);
    return ExitCode.ok;
  },
});

export const configCommand = createGroup({
  command: "config",
  describe: "Inspect profile config: show, schema",
  subcommands: [configShowCommand, configSchemaCommand],
});
