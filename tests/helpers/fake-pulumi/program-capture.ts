/**
 * The fake pulumi cannot run the inline program each `up` carries (there is no language host behind it). This
 * wraps the real Automation API gateway so that each `preview` and `up` first runs that same program under asc's
 * offline mocks (an `up` reuses its preview's run when it carries the same program) and records the resources it
 * registered and the policy results on them, then calls the fake command as usual.
 * Tests read "what would this update have deployed" from it. The mocks stand in for the engine: they see the
 * program's inputs, not what the cloud would do with them.
 */
import { loadProfile } from "../../../src/config/load.js";
import type { PipelineServices } from "../../../src/deploy/pipeline/run-context.js";
import { pulumiGateway } from "../../../src/deploy/pipeline/services.js";
import type { PulumiGateway, StackGateway } from "../../../src/deploy/pulumi/gateway.js";
import { evaluatePlanPolicies } from "../../../src/cli/lib/policies.js";
import { runOfflinePreview } from "../../../src/preview/offline.js";
import type { PlanV1 } from "../../../src/preview/plan.js";
import type { FakePulumiWorld } from "./world.js";

export interface CapturedUpdate {
  /** The `up --message`. */
  readonly message: string;
  /** The program's resources and the policy results, as `asc preview --offline` would show them. */
  readonly plan: PlanV1;
}

/**
 * The fake `up` then leaves the stack with the outputs that program produced (secret ones as "[secret]"), so
 * what later phases read (the migration target, the `release` record, or its absence) follows the program.
 */
export function capturingPulumi(world: FakePulumiWorld, profile: string, env: Record<string, string>): { pulumi: PipelineServices["pulumi"]; updates: CapturedUpdate[]; previews: CapturedUpdate[] } {
  const updates: CapturedUpdate[] = [];
  /** The same for each `preview` (the outputs are left alone). */
  const previews: CapturedUpdate[] = [];
  world.setUpOutputs({});
  let lastPreview: { program: () => Promise<Record<string, unknown>>; plan: PlanV1 } | undefined;
  const loaded = () => loadProfile({ root: world.root, profile, env });
  const wrapStack = (stack: StackGateway): StackGateway => ({
    name: stack.name,
    outputs: () => stack.outputs(),
    config: () => stack.config(),
    history: (page) => stack.history(page),
    async preview(options) {
      const plan = await runOfflinePreview(loaded(), evaluatePlanPolicies, { program: () => options.program() });
      previews.push({ message: options.message, plan });
      lastPreview = { program: options.program, plan };
      return stack.preview(options);
    },
    cancel: () => stack.cancel(),
    async up(options) {
      // asc previews each update with the very program closure it then applies (stack-update.ts); under the mocks a
      // program's graph follows from its config alone, so that preview's capture is this update's, without a rerun.
      const plan = lastPreview?.program === options.program ? lastPreview.plan : await runOfflinePreview(loaded(), evaluatePlanPolicies, { program: () => options.program() });
      updates.push({ message: options.message, plan });
      world.setUpOutputs(plan.outputs);
      return stack.up(options);
    },
  });
  let gateway: Promise<PulumiGateway> | undefined;
  const pulumi = async (): Promise<PulumiGateway> => {
    const real = await (gateway ??= pulumiGateway({ ...world.env, ...env }, world.root));
    return { version: real.version, command: real.command, whoAmI: (d) => real.whoAmI(d), openStack: async (o) => wrapStack(await real.openStack(o)) };
  };
  return { pulumi, updates, previews };
}
