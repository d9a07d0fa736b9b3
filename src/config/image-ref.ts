/**
 * Container image references: `[registry/]repository[:tag][@sha256:<64 hex>]`. Pure.
 * The grammar is distribution/reference's (reference.go, normalize.go): a registry is `host[:port]`, where host is
 * a DNS name (components of letters, digits and inner hyphens, joined by dots), an IPv4 address or a bracketed IPv6
 * address; the first path component is a registry only when it holds "." or ":" or is "localhost"; the whole name
 * is at most 255 characters.
 */
export interface ImageRef {
  readonly registry?: string;
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_NAME = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*$/;
const IPV6 = /^\[[0-9a-fA-F:.]+\]$/;
const NAME_MAX = 255;

/** Why `host[:port]` is not a registry, or undefined when it is one. */
export function registryHostProblem(registry: string): string | undefined {
  const m = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(registry);
  const host = m?.[1] ?? registry;
  const port = m?.[2];
  if (!(IPV6.test(host) || DOMAIN_NAME.test(host))) return `has an invalid registry host "${host}" (a DNS name such as ghcr.io, an IP address, or localhost)`;
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) return `has an invalid registry port "${port}" (1 to 65535)`;
  return undefined;
}

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
    registry = parts.shift()!;
    const hostProblem = registryHostProblem(registry);
    if (hostProblem) return { ok: false, reason: hostProblem };
  }
  if (rest.length > NAME_MAX) return { ok: false, reason: `has a name of ${rest.length} characters (at most ${NAME_MAX})` };
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
