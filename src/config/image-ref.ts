/** Container image references: `[registry/]repository[:tag][@sha256:<64 hex>]`. Pure. */
export interface ImageRef {
  readonly registry?: string;
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

export type ImageRefResult = { ok: true; ref: ImageRef } | { ok: false; reason: string };

export function parseImageRef(input: string): ImageRefResult {
  if (input.trim() !== input || input.length === 0) return { ok: false, reason: "is empty or has surrounding spaces" };
  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return { ok: false, reason: `has a malformed digest "${digest}" (expected sha256:<64 hex characters>)` };
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return { ok: false, reason: `has an invalid tag "${tag}"` };
  }
  const parts = rest.split("/");
  let registry: string | undefined;
  if (parts.length > 1 && (parts[0].includes(".") || parts[0].includes(":") || parts[0] === "localhost")) {
    registry = parts.shift();
  }
  if (parts.length === 0 || !parts.every((p) => PATH_COMPONENT.test(p))) {
    return { ok: false, reason: `has an invalid repository name "${parts.join("/")}" (lowercase letters, digits and . _ - only)` };
  }
  if (!tag && !digest) return { ok: false, reason: "has neither a tag nor a digest" };
  return { ok: true, ref: { registry, repository: parts.join("/"), tag, digest } };
}

export function isPinnedByDigest(input: string): boolean {
  const r = parseImageRef(input);
  return r.ok && r.ref.digest !== undefined;
}
