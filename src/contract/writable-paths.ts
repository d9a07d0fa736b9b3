/**
 * The paths each image writes to, once for both clouds. Pure.
 *
 * The platforms run every container with a read-only root filesystem, so these, and only these, are writable mounts.
 * The contract with the images: each image declares `VOLUME` for each of its paths, with the directory created and
 * owned by uid 10001 before the `VOLUME` line. On Fargate an empty bind mount at a path the image declares as a
 * `VOLUME` receives that directory's contents and ownership; without it the mount is owned by root with mode 0755
 * and uid 10001 cannot write (Amazon ECS Developer Guide, "Use bind mounts with Amazon ECS", considerations, and
 * "Bind mount examples for Amazon ECS": exposing a path from a Dockerfile). docker/api.Dockerfile and
 * docker/web.Dockerfile do so.
 *
 * Why these paths (app contract, upstream 50548aa): Python's and Node's temporary files default to `/tmp`; the web's
 * Next.js server writes its cache to `/app/.next/cache` (the upstream web Dockerfile creates it for uid 10001).
 */
import type { ContractService } from "./types.js";

/** The app images' non-root user, which owns every writable path. */
export const APP_UID = 10001;

/** Which image a contract service runs: the worker and the migration run the api image. */
export type AppImage = "api" | "web";
export const IMAGE_OF: Readonly<Record<ContractService, AppImage>> = { api: "api", worker: "api", migrate: "api", web: "web" };

/** The writable paths per image, each declared `VOLUME` in the image and owned by uid 10001. */
export const IMAGE_WRITABLE_PATHS: Readonly<Record<AppImage, readonly string[]>> = {
  api: ["/tmp"],
  web: ["/tmp", "/app/.next/cache"],
};

/** The paths a service's container may write to. */
export function writablePathsOf(service: ContractService): readonly string[] {
  return IMAGE_WRITABLE_PATHS[IMAGE_OF[service]];
}

/**
 * Docker label asc puts on a container allowed a writable root filesystem: the tier-limited exemption for an image
 * that cannot run read-only (asc:aws.writableRootFilesystem, dev and staging only). asc's policy
 * asc-aws-ecs-readonly-root-filesystem accepts the label outside production only.
 */
export const WRITABLE_ROOT_FILESYSTEM_LABEL = "asc.exemption.writable-root-filesystem";
