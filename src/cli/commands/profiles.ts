import { ExitCode } from "../../errors.js";
import { createCommand } from "../command.js";
import { findProjectRoot } from "../lib/project-root.js";

export const profilesCommand = createCommand({
  command: "profiles",
  describe: "List the profiles (stacks/Pulumi.<profile>.yaml) with their cloud, tier and region",
  builder: (y) => y.option("json", { type: "boolean", default: false, describe: "Print JSON" }),
  handler: async (args, ctx) => {
    const { listProfiles, readProfileFile } = await import("../../config/load.js");
    const root = findProjectRoot(ctx.cwd);
    const rows = listProfiles(root).map((profile) => {
      const values = readProfileFile(root, profile).layer.values;
      return { profile, cloud: String(values.cloud ?? "?"), tier: String(values.tier ?? "?"), region: String(values.region ?? "?") };
    });
    if (args.json) {
      ctx.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return ExitCode.ok;
    }
    const { renderTable } = await import("../lib/table.js");
    ctx.stdout.write(`${renderTable(["profile", "cloud", "tier", "region"], rows.map((r) => [r.profile, r.cloud, r.tier, r.region]))}\n`);
    return ExitCode.ok;
  },
});
