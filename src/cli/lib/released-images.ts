/**
 * The images a profile's services run, for `asc config show`. The release is stack state: once the stack has a
 * `release` output, its images are what runs, and the profile's asc:images only seeded the first release; an
 * asc:images value that differs is reported as not applied (the same words asc deploy and asc preview use).
 */
import type { LoadedProfile } from "../../config/load.js";
import { describeUnapplied, readReleaseRecord, RELEASE_OUTPUT, requestedImageServices, SERVICE_NAMES, unappliedImages, type ServiceName } from "../../config/release-images.js";
import { isAscUserError } from "../../errors.js";
import type { CliContext } from "../context.js";

export interface ImageRow {
  readonly service: ServiceName;
  /** The image the service runs (the release's), or the one its first deploy will run. */
  readonly value: string;
  readonly source: string;
  /** The profile's asc:images value when it differs from the release and nothing asks to deploy it. */
  readonly notApplied?: { readonly value: string; readonly source: string; readonly message: string };
}

export interface ImagesView {
  /** How the stack's release was read: `read` (with or without a release), `skipped` (--offline), or why not. */
  readonly stack: { readonly state: "released" | "not-released" | "skipped" | "unreadable"; readonly reason?: string };
  readonly rows: readonly ImageRow[];
}

export async function imagesView(ctx: CliContext, loaded: LoadedProfile & { root: string }, offline: boolean): Promise<ImagesView> {
  const fromProfile = (s: ServiceName, note: string): ImageRow => ({ service: s, value: loaded.config.images[s], source: `${loaded.provenance.get(`images.${s}`) ?? loaded.provenance.get("images") ?? "unset"} (${note})` });
  const unreadable = (reason: string): ImagesView => ({ stack: { state: "unreadable", reason }, rows: SERVICE_NAMES.map((s) => fromProfile(s, "the stack's release was not read; it may run other images")) });
  if (offline) return { stack: { state: "skipped" }, rows: SERVICE_NAMES.map((s) => fromProfile(s, "the stack was not read: --offline")) };
  let outputs;
  try {
    const { pulumiFor } = await import("./deployed-stack.js");
    const { isPulumiCommandFailure } = await import("../../deploy/pulumi/errors.js");
    const gateway = await pulumiFor(ctx, loaded.root);
    try {
      outputs = await (await gateway.openStack({ stackName: loaded.profile, workDir: loaded.root, create: false })).outputs();
    } catch (e) {
      if (!isPulumiCommandFailure(e)) throw e;
      if (e.kind === "stack-not-found") return { stack: { state: "not-released", reason: "the stack does not exist on the current backend" }, rows: SERVICE_NAMES.map((s) => fromProfile(s, "seeds the first release: the stack does not exist on the current backend")) };
      return unreadable(`Pulumi could not read the stack: ${e.message.split("\n")[0]}`);
    }
  } catch (e) {
    if (!isAscUserError(e)) throw e;
    return unreadable(e.title);
  }
  const release = readReleaseRecord(outputs[RELEASE_OUTPUT]?.value);
  if (!release) return { stack: { state: "not-released" }, rows: SERVICE_NAMES.map((s) => fromProfile(s, "seeds the first release")) };
  const profileImages = { api: loaded.config.images.api, web: loaded.config.images.web };
  const unapplied = unappliedImages(profileImages, requestedImageServices(loaded.provenance), release.services);
  return {
    stack: { state: "released" },
    rows: SERVICE_NAMES.map((s) => {
      const u = unapplied.find((x) => x.service === s);
      const requested = release.services[s] !== profileImages[s] && !u;
      return {
        service: s,
        value: requested ? profileImages[s] : release.services[s],
        source: requested ? `${loaded.provenance.get(`images.${s}`) ?? "flag"} (the next asc deploy releases it; the stack runs ${release.services[s]})` : `stack ${loaded.profile}: release output`,
        ...(u ? { notApplied: { value: u.profile, source: loaded.provenance.get(`images.${s}`) ?? loaded.provenance.get("images") ?? "unset", message: describeUnapplied(u, "asc deploy --image") } } : {}),
      };
    }),
  };
}
