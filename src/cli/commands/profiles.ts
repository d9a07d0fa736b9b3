import { ExitCode } from "../../errors.js";
import { createCommand } from "../command.js";
import { findProjectRoot } from "../lib/project-root.js";

export const profilesCommand = createCommand({
  command: "profiles",
  describe: "List the profiles (stacks/Pulumi.<profile>.yaml) with their cloud, tier, region and asc:name; bad ones are marked with their error",
  builder: (y) => y.option("json", { type: "boolean", default: false, describe: "Print JSON: [{ profile, cloud, tier, region, name, error? }]" }),
  handler: async (args, ctx) => {
    const { nameCollisions, summarizeProfiles } = await import("../../config/profile-list.js");
    const root = findProjectRoot(ctx.cwd);
    const rows = summarizeProfiles(root, ctx.now());
    for (const c of nameCollisions(rows)) {
      ctx.stderr.write(`warning: ${c.profiles.join(", ")} would create identically named resources (${c.cloud}, ${c.region}, asc:name "${c.name}"); give each its own asc:name\n`);
    }
    if (args.json) {
      ctx.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return ExitCode.ok;
    }
    const { renderTable } = await import("../lib/table.js");
    ctx.stdout.write(`${renderTable(["profile", "cloud", "tier", "region", "name", "status"], rows.map((r) => [r.profile, r.cloud, r.tier, r.region, r.name, r.error ? `✗ ${r.error}` : "ok"]))}\n`);
    return ExitCode.ok;
  },
});
