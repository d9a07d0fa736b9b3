import { ExitCode } from "../../errors.js";
import { createCommand, createGroup } from "../command.js";
import { loadProfileFromArgs, withProfileOptions } from "../lib/profile-args.js";

export const configShowCommand = createCommand({
  command: "show",
  describe: "Print a profile's resolved config with the source of every key, and the operator secrets it needs with their state (never their values)",
  builder: (y) =>
    withProfileOptions(y)
      .option("json", { type: "boolean", default: false, describe: "Print JSON: { key: { value, source } }; each needed operator secret also has state (set or missing) and required; an image the stack does not run has notApplied" })
      .option("offline", { type: "boolean", default: false, describe: "Do not read the stack: images show the profile's asc:images, not the stack's release" }),
  examples: [
    ["asc config show --profile aws-production", "Show where each value of aws-production comes from, the images from the stack's release"],
    ["asc config show --profile aws-production --offline", "The same without Pulumi: images from the profile"],
  ],
  handler: async (args, ctx) => {
    const loaded = await loadProfileFromArgs(args, ctx);
    const { describeResolvedConfig } = await import("../../config/describe.js");
    const { operatorSecretStates } = await import("../../contract/operator-secrets.js");
    const { ENCRYPTED_PLACEHOLDER } = await import("../../config/load.js");
    const { imagesView } = await import("../lib/released-images.js");
    // The release is stack state: once deployed, the services run the stack's release, not asc:images.
    const images = await imagesView(ctx, loaded, args.offline);
    const imageRows = new Map(images.rows.map((r) => [`images.${r.service}`, r]));
    const rows = describeResolvedConfig(loaded).map((r) => {
      const image = imageRows.get(r.key);
      return image ? { key: r.key, value: image.value, source: image.source, ...(image.notApplied ? { notApplied: image.notApplied } : {}) } : r;
    });
    const secrets = operatorSecretStates(loaded.config, loaded.provenance, ENCRYPTED_PLACEHOLDER);
    if (args.json) {
      const json: Record<string, unknown> = Object.fromEntries(rows.map((r) => [r.key, { value: r.value, source: r.source, ...("notApplied" in r ? { notApplied: r.notApplied } : {}) }]));
      for (const s of secrets) json[s.key] = { value: s.state === "set" ? "[secret]" : null, source: s.source, state: s.state, required: s.required };
      ctx.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
      return ExitCode.ok;
    }
    const { renderTable } = await import("../lib/table.js");
    const secretKeys = new Set<string>(secrets.map((s) => s.key));
    ctx.stdout.write(`profile ${loaded.profile} (${loaded.file})\n\n`);
    ctx.stdout.write(`${renderTable(["key", "value", "source"], rows.filter((r) => !secretKeys.has(r.key)).map((r) => [`asc:${r.key}`, JSON.stringify(r.value), r.source]))}\n`);
    if (images.stack.state === "unreadable") ctx.stdout.write(`\nimages: the stack's release was not read (${images.stack.reason}); pass --offline to skip it\n`);
    for (const r of images.rows) if (r.notApplied) ctx.stdout.write(`\nnot applied: ${r.notApplied.message} (${r.notApplied.source})\n`);
    ctx.stdout.write(`\noperator secrets this profile needs (values never shown)\n\n`);
    ctx.stdout.write(`${renderTable(["key", "variable", "state", "source"], secrets.map((s) => [`asc:${s.key}`, s.variable, s.state === "set" ? "set" : s.required ? "MISSING" : "missing", s.source]))}\n`);
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
