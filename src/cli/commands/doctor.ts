import { ExitCode } from "../../errors.js";
import { createCommand } from "../command.js";

export const doctorCommand = createCommand({
  command: "doctor",
  describe: "Check what a deploy needs: the Pulumi CLI, backend login, profiles, secrets provider, cloud credentials and, on Azure, the subscription's resource providers and Key Vault name",
  builder: (y) =>
    y
      .option("profile", { alias: "p", type: "string", describe: "Check only this profile (default: every profile in stacks/)" })
      .option("json", { type: "boolean", default: false, describe: "Print the checks as JSON" }),
  examples: [["asc doctor --profile aws-production", "Prints each problem with its fix; exit 2 when there is one"]],
  handler: async (args, ctx) => {
    const { existsSync } = await import("node:fs");
    const path = await import("node:path");
    const { listProfiles, loadProfile, readProfileFile } = await import("../../config/load.js");
    const { backendSource, configuredBackend } = await import("../../config/backend.js");
    const { runDoctorChecks, renderDoctor } = await import("../lib/doctor-checks.js");
    const { pulumiFor } = await import("../lib/deployed-stack.js");
    const { defaultPipelineServices } = await import("../../deploy/pipeline/services.js");
    const { sdkAzureSubscriptionApi } = await import("../lib/azure-subscription-checks.js");
    let root: string | undefined;
    for (let dir = path.resolve(ctx.cwd); ; dir = path.dirname(dir)) {
      if (existsSync(path.join(dir, "Pulumi.yaml"))) root = dir;
      if (root || path.dirname(dir) === dir) break;
    }
    const services = { ...defaultPipelineServices({ env: ctx.env, projectRoot: root ?? ctx.cwd }), ...ctx.services };
    const checks = await runDoctorChecks({
      root,
      env: ctx.env,
      profiles: root ? (args.profile ? [args.profile] : listProfiles(root)) : [],
      services,
      pulumi: () => pulumiFor(ctx, root ?? ctx.cwd),
      loadProfile: (profile) => loadProfile({ root: root!, profile, env: ctx.env, now: ctx.now() }),
      readProfile: (profile) => readProfileFile(root!, profile),
      configuredBackend: root && configuredBackend(root, ctx.env) !== null ? { url: configuredBackend(root, ctx.env)!, source: backendSource(ctx.env) } : null,
      azure: {
        api: sdkAzureSubscriptionApi,
        // The library's own derivation (components/azure/names.ts), loaded only when an Azure profile needs it.
        deriveKeyVaultName: async (seed) => (await import("../../index.js")).azure.deriveKeyVaultName(seed),
      },
    });
    ctx.stdout.write(args.json ? `${JSON.stringify(checks, null, 2)}\n` : renderDoctor(checks));
    return checks.some((c) => c.status === "problem") ? ExitCode.userError : ExitCode.ok;
  },
});
