/** The options shared by commands that load a profile. */
import type { Argv } from "yargs";
import type { LoadedProfile } from "../../config/load.js";
import type { CliContext } from "../context.js";
import { findProjectRoot } from "./project-root.js";

export interface ProfileArgs {
  readonly profile: string;
  readonly set: string[];
  readonly image?: string[];
}

/**
 * --profile and --set, for a command that takes its images from the deployed stack (env, verify, policy): it does
 * not declare --image, so yargs refuses one instead of ignoring it.
 */
export function withProfileOptionsNoImage<T>(y: Argv<T>) {
  return y
    .option("profile", { alias: "p", type: "string", demandOption: true, describe: "Profile to use: stacks/Pulumi.<profile>.yaml" })
    .option("set", { type: "string", array: true, default: [] as string[], describe: "Override a profile key: --set services.api.replicas=3 (repeatable)" });
}

/** --profile, --set and --image. */
export function withProfileOptions<T>(y: Argv<T>) {
  return withProfileOptionsNoImage(y).option("image", { type: "string", array: true, default: [] as string[], describe: "Override an image: --image api=REF or --image web=REF (repeatable)" });
}

/** Loads and validates the profile with flags > ASC_* env > file > defaults. Config I/O is imported lazily. */
export async function loadProfileFromArgs(args: ProfileArgs, ctx: CliContext): Promise<LoadedProfile & { root: string }> {
  const { loadProfile } = await import("../../config/load.js");
  const root = findProjectRoot(ctx.cwd);
  const loaded = loadProfile({ root, profile: args.profile, env: ctx.env, sets: args.set, images: args.image ?? [], now: ctx.now() });
  return { ...loaded, root };
}
