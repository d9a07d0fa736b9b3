/** Opens a profile's deployed stack for reading (asc env, preview, doctor): a missing stack is a user error. */
import { AscUserError } from "../../errors.js";
import type { PulumiGateway, StackGateway, StackOutputValues } from "../../deploy/pulumi/gateway.js";
import type { CliContext } from "../context.js";

export async function pulumiFor(ctx: CliContext, root: string): Promise<PulumiGateway> {
  if (ctx.services?.pulumi) return ctx.services.pulumi();
  const { pulumiGateway } = await import("../../deploy/pipeline/services.js");
  return pulumiGateway(ctx.env, root);
}

export interface DeployedStack {
  readonly gateway: PulumiGateway;
  readonly stack: StackGateway;
  readonly outputs: StackOutputValues;
}

export async function openDeployedStack(ctx: CliContext, root: string, profile: string): Promise<DeployedStack> {
  const gateway = await pulumiFor(ctx, root);
  const { isPulumiCommandFailure } = await import("../../deploy/pulumi/errors.js");
  try {
    const stack = await gateway.openStack({ stackName: profile, workDir: root, create: false });
    return { gateway, stack, outputs: await stack.outputs() };
  } catch (e) {
    if (!isPulumiCommandFailure(e)) throw e;
    const missing = e.kind === "stack-not-found";
    throw new AscUserError(missing ? `The stack ${profile} is not deployed` : `Pulumi could not read the stack ${profile}`, [{
      path: "--profile",
      value: profile,
      message: missing ? "there is no stack of that name on the current backend" : e.message,
      fix: missing ? `deploy it first (asc deploy --profile ${profile}), or log in to the backend that holds it (pulumi login / PULUMI_BACKEND_URL)` : "run asc doctor to check the Pulumi CLI, backend login and passphrase",
    }]);
  }
}
