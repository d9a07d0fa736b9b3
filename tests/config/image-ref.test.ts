import { isPinnedByDigest, parseImageRef } from "../../src/config/image-ref.js";

const D = "sha256:" + "0123456789abcdef".repeat(4);

describe("parseImageRef", () => {
  it.each([
    ["ghcr.io/acme/api:1.2.3", { registry: "ghcr.io", repository: "acme/api", tag: "1.2.3", digest: undefined }],
    [`ghcr.io/acme/api@${D}`, { registry: "ghcr.io", repository: "acme/api", tag: undefined, digest: D }],
    [`localhost:5000/api:sha-1a2b3c4@${D}`, { registry: "localhost:5000", repository: "api", tag: "sha-1a2b3c4", digest: D }],
    ["nginx:1.27", { registry: undefined, repository: "nginx", tag: "1.27", digest: undefined }],
    [`[::1]:5000/api@${D}`, { registry: "[::1]:5000", repository: "api", tag: undefined, digest: D }],
    ["10.0.0.5:5000/team/api:v2", { registry: "10.0.0.5:5000", repository: "team/api", tag: "v2", digest: undefined }],
    ["acme/api:v1", { registry: undefined, repository: "acme/api", tag: "v1", digest: undefined }],
    ["123456789012.dkr.ecr.eu-west-1.amazonaws.com/app/api:v1", { registry: "123456789012.dkr.ecr.eu-west-1.amazonaws.com", repository: "app/api", tag: "v1", digest: undefined }],
  ])("GIVEN %s THEN it parses", (input, ref) => {
    expect(parseImageRef(input)).toEqual({ ok: true, ref });
  });

  it.each([
    ["ghcr.io/acme/api", "has neither a tag nor a digest"],
    ["ghcr.io/acme/api@sha256:abc", 'has a malformed digest "sha256:abc" (expected sha256:<64 hex characters>)'],
    ["ghcr.io/Acme/api:1", 'has an invalid repository name "Acme/api" (lowercase letters, digits and . _ - only)'],
    ["ghcr.io/acme/api:-bad", 'has an invalid tag "-bad"'],
    [" ghcr.io/acme/api:1", "is empty or has surrounding spaces"],
    ["my_registry.example.com/acme/api:1", 'has an invalid registry host "my_registry.example.com" (a DNS name such as ghcr.io, an IP address, or localhost)'],
    ["ghcr..io/acme/api:1", 'has an invalid registry host "ghcr..io" (a DNS name such as ghcr.io, an IP address, or localhost)'],
    ["-ghcr.io/acme/api:1", 'has an invalid registry host "-ghcr.io" (a DNS name such as ghcr.io, an IP address, or localhost)'],
    ["ghcr.io:abc/acme/api:1", 'has an invalid registry port "abc" (1 to 65535)'],
    ["localhost:99999/api:1", 'has an invalid registry port "99999" (1 to 65535)'],
    ["ghcr.io:/acme/api:1", 'has an invalid registry port "" (1 to 65535)'],
    [`ghcr.io/${"a".repeat(250)}:1`, "has a name of 258 characters (at most 255)"],
  ])("GIVEN %s THEN it is refused: %s", (input, reason) => {
    expect(parseImageRef(input)).toEqual({ ok: false, reason });
  });

  it("THEN only digests count as pinned", () => {
    expect(isPinnedByDigest(`ghcr.io/acme/api:1@${D}`)).toBe(true);
    expect(isPinnedByDigest("ghcr.io/acme/api:1")).toBe(false);
  });
});
