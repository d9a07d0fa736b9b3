/**
 * Which Pulumi backend a project uses, and whether a tier may use it. Pulumi treats a URL whose scheme is `file`
 * as a local (DIY) backend: pkg/backend/diy/backend.go `IsDIYBackendURL` parses it with Go's net/url, which
 * lowercases the scheme, so `FILE:///x` is as local as `file:///x`. asc also trims surrounding spaces first, so no
 * spelling slips a file backend into production.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import type { UserProblem } from "../errors.js";
import type { TierName } from "./schema.js";

export const isFileBackend = (url: string): boolean => /^file:/i.test(url.trim());

/** The backend from PULUMI_BACKEND_URL or Pulumi.yaml's backend.url, when either names one. */
export function configuredBackend(root: string, env: Readonly<Record<string, string | undefined>>): string | null {
  if (env.PULUMI_BACKEND_URL?.trim()) return env.PULUMI_BACKEND_URL;
  const file = path.join(root, "Pulumi.yaml");
  if (!existsSync(file)) return null;
  let url: unknown;
  try {
    url = (parse(readFileSync(file, "utf8")) as { backend?: { url?: unknown } } | null)?.backend?.url;
  } catch {
    return null;
  }
  return typeof url === "string" ? url : null;
}

/** Where a configured backend was read from, for messages. */
export const backendSource = (env: Readonly<Record<string, string | undefined>>) => (env.PULUMI_BACKEND_URL?.trim() ? "PULUMI_BACKEND_URL" : "Pulumi.yaml backend.url");

/** A file backend in production: its state lives on one machine. Undefined when the backend is acceptable. */
export function fileBackendProblem(tier: TierName, url: string | null | undefined, source: string, region: string): UserProblem | undefined {
  if (tier !== "production" || !url || !isFileBackend(url)) return undefined;
  return {
    path: source,
    value: url,
    message: "file:// state lives on one machine: no shared lock, no history others can see, lost with the disk",
    allowed: "a shared backend: s3://<bucket>?region=…, azblob://<container>?storage_account=…, or Pulumi Cloud (https://api.pulumi.com)",
    fix: `pulumi login s3://<bucket>?region=${region} (or azblob://…), or set PULUMI_BACKEND_URL; move existing state with pulumi stack export/import`,
  };
}
