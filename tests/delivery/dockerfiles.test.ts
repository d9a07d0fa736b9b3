/**
 * docker/*.Dockerfile: pinned bases, non-root, no secrets, OCI labels, health checks (tests/delivery/dockerfile-lint.ts),
 * plus what each image promises (ports, uid, entrypoint), and the shared Pulumi installer run against a local mirror.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { DockerfileParser } from "dockerfile-ast";
import { REPO_ROOT } from "../helpers/cli.js";
import { lintDockerfile, parseImageReference, type ImageKind } from "./dockerfile-lint.js";
import { testTempDir } from "../helpers/temp-dir.js";
import { IMAGE_WRITABLE_PATHS } from "../../src/contract/writable-paths.js";

const run = promisify(execFile);
const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), "utf8");
const KINDS: Record<string, ImageKind> = { "asc.Dockerfile": "cli", "api.Dockerfile": "app", "web.Dockerfile": "app" };

/** The instructions of the final stage, as `KEYWORD args` strings. */
function finalStage(text: string): string[] {
  const d = DockerfileParser.parse(text);
  const lastFrom = d.getFROMs().at(-1)!.getRange().start.line;
  return d.getInstructions().filter((i) => i.getRange().start.line > lastFrom).map((i) => `${i.getKeyword()} ${i.getRawArgumentsContent()}`);
}

describe("docker/ Dockerfiles", () => {
  it("GIVEN the docker folder THEN it holds exactly the runner image and the two reference app images", () => {
    expect(readdirSync(path.join(REPO_ROOT, "docker")).filter((f) => f.endsWith("Dockerfile")).sort()).toEqual(Object.keys(KINDS).sort());
  });

  it.each(Object.entries(KINDS))("GIVEN docker/%s THEN the linter finds no problem", (file, kind) => {
    expect(lintDockerfile(read(`docker/${file}`), kind)).toEqual([]);
  });

  it("GIVEN the api image THEN it runs uvicorn on 8000 as uid 10001 and probes /health on 127.0.0.1 with Host: localhost", () => {
    const stage = finalStage(read("docker/api.Dockerfile"));
    expect(stage.filter((i) => /^(USER|EXPOSE|CMD|WORKDIR) /.test(i))).toEqual([
      "WORKDIR /app",
      "EXPOSE 8000",
      "USER 10001:10001",
      'CMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000", "--app-dir", "/app/src"]',
    ]);
    expect(stage.find((i) => i.startsWith("HEALTHCHECK "))).toBe(
      `HEALTHCHECK CMD ["python", "-c", "import sys, urllib.request; r = urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:8000/health', headers={'Host': 'localhost'}), timeout=4); sys.exit(0 if r.status == 200 else 1)"]`,
    );
    expect(read("docker/api.Dockerfile")).toContain("HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \\\n  CMD [");
  });

  it("GIVEN the web image THEN it runs server.js on 0.0.0.0:3000 as uid 10001 and probes /api/health with node fetch", () => {
    const stage = finalStage(read("docker/web.Dockerfile"));
    expect(stage.filter((i) => /^(USER|EXPOSE|CMD|WORKDIR) /.test(i))).toEqual(["WORKDIR /app", "EXPOSE 3000", "USER 10001:10001", 'CMD ["node", "server.js"]']);
    expect(stage.find((i) => i.startsWith("ENV ") && i.includes("HOSTNAME"))).toContain("PORT=3000 \\\n    HOSTNAME=0.0.0.0");
    expect(stage.find((i) => i.startsWith("HEALTHCHECK "))).toBe(
      `HEALTHCHECK CMD ["node", "-e", "fetch('http://127.0.0.1:3000/api/health', { signal: AbortSignal.timeout(4000) }).then(() => process.exit(0), () => process.exit(1))"]`,
    );
  });

  it.each([
    ["api.Dockerfile", "api"],
    ["web.Dockerfile", "web"],
  ] as const)("GIVEN docker/%s THEN it declares VOLUME for exactly the contract's writable paths of the %s image, each owned by 10001 before the VOLUME line", (file, image) => {
    const stage = finalStage(read(`docker/${file}`));
    const volumes = stage.filter((i) => i.startsWith("VOLUME "));
    expect(volumes).toHaveLength(1);
    const declared = JSON.parse(volumes[0].slice("VOLUME ".length)) as string[];
    expect(declared).toEqual([...IMAGE_WRITABLE_PATHS[image]]);
    const before = stage.slice(0, stage.indexOf(volumes[0])).filter((i) => i.startsWith("RUN ")).join("\n");
    for (const dir of declared) expect(before).toMatch(new RegExp(`chown (-R )?10001:10001 [^\\n]*${dir.replace(/[.]/g, "\\.")}`));
  });

  it("GIVEN the runner image THEN asc is the entrypoint behind tini, as uid 10001, with the Pulumi CLI on PATH", () => {
    const stage = finalStage(read("docker/asc.Dockerfile"));
    expect(stage.filter((i) => /^(USER|ENTRYPOINT|CMD|WORKDIR) /.test(i))).toEqual([
      "USER 10001:10001",
      "WORKDIR /opt/asc",
      'ENTRYPOINT ["/usr/bin/tini", "--", "asc"]',
      'CMD ["--help"]',
    ]);
    expect(stage).toContain("RUN ln -s /opt/asc/bin/asc.js /usr/local/bin/asc \\\n && mkdir -p /opt/asc/var/reports \\\n && chown -R 10001:10001 /opt/asc/var /opt/asc/stacks");
    expect(stage.find((i) => i.startsWith("ENV "))).toContain("PATH=/opt/pulumi:$PATH");
  });

  it("GIVEN the runner image THEN its Pulumi CLI version equals the @pulumi/pulumi SDK that package-lock.json resolved", () => {
    const lock = JSON.parse(read("package-lock.json")) as { packages: Record<string, { version: string }> };
    const sdk = lock.packages["node_modules/@pulumi/pulumi"].version;
    const pins = [...read("docker/asc.Dockerfile").matchAll(/^ARG PULUMI_VERSION=(.+)$/gm)].map((m) => m[1]);
    expect(pins).toEqual([sdk, sdk]);
  });

  it("GIVEN the runner build stage THEN it installs the lockfile with npm ci, builds, and prunes dev dependencies", () => {
    const text = read("docker/asc.Dockerfile");
    expect(text).toContain("RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund\n");
    expect(text).toContain("RUN npm run build \\\n && npm prune --omit=dev --ignore-scripts --no-audit --no-fund");
  });
});

describe("image references", () => {
  it.each([
    ["node", { name: "node", tag: null, digest: null }],
    ["node:20", { name: "node", tag: "20", digest: null }],
    ["localhost:5000/team/node:20@sha256:ab", { name: "localhost:5000/team/node", tag: "20", digest: "sha256:ab" }],
    ["ghcr.io/acme/api@sha256:cd", { name: "ghcr.io/acme/api", tag: null, digest: "sha256:cd" }],
  ])("GIVEN %s THEN it splits into name, tag and digest", (ref, expected) => {
    expect(parseImageReference(ref)).toEqual(expected);
  });
});

describe("the Dockerfile linter", () => {
  const DIGEST = "sha256:" + "a".repeat(64);
  const GOOD_APP = [
    `ARG BASE=python:3.11.13-slim-bookworm@${DIGEST}`,
    "FROM ${BASE} AS build",
    "RUN true",
    "FROM build AS runtime",
    "ARG REVISION=unknown",
    'LABEL org.opencontainers.image.revision="${REVISION}" org.opencontainers.image.source=s org.opencontainers.image.version=v org.opencontainers.image.created=c',
    'HEALTHCHECK CMD ["true"]',
    "USER 10001:10001",
  ];
  const without = (lines: string[], drop: RegExp) => lines.filter((l) => !drop.test(l)).join("\n");
  const replace = (lines: string[], from: string, to: string) => lines.map((l) => (l === from ? to : l)).join("\n");

  it("GIVEN a compliant app Dockerfile THEN it has no problem", () => {
    expect(lintDockerfile(GOOD_APP.join("\n"), "app")).toEqual([]);
  });

  it.each([
    ["an untagged base", "FROM python", ["line 2: FROM python has no tag and no digest: pin it as <image>:<version>@sha256:<digest>"]],
    ["the latest tag", `FROM python:latest@${DIGEST}`, ['line 2: FROM python:latest@' + DIGEST + ' uses the mutable "latest" tag: pin an explicit version tag and a digest']],
    ["a tag without digest", "FROM python:3.11", ["line 2: FROM python:3.11 has no digest: add @sha256:<digest> after the tag"]],
    ["a digest without tag", `FROM python@${DIGEST}`, [`line 2: FROM python@${DIGEST} has a digest but no version tag: write <image>:<version>@sha256:<digest> so people can read it`]],
    ["a short digest", "FROM python:3.11@sha256:abc", ["line 2: FROM python:3.11@sha256:abc has a malformed digest: expected sha256: and 64 hex digits"]],
    ["an undefined variable", "FROM ${NOPE} AS build", ["line 2: FROM ${NOPE} uses ${NOPE}, which no ARG before the first FROM defines with a default"]],
  ])("GIVEN %s THEN pinned-base reports it", (_, from, expected) => {
    expect(lintDockerfile(replace(GOOD_APP, "FROM ${BASE} AS build", from.includes(" AS ") ? from : `${from} AS build`), "app")).toEqual(expected);
  });

  it("GIVEN FROM scratch and FROM an earlier stage THEN neither needs a pin", () => {
    expect(lintDockerfile(replace(GOOD_APP, "RUN true", "FROM scratch AS empty"), "app")).toEqual([]);
  });

  it.each([
    ["no USER", without(GOOD_APP, /^USER/), ["final stage has no USER: the image would run as root; end with USER 10001:10001"]],
    ["USER root last", [...GOOD_APP, "USER root"].join("\n"), ["line 9: the final stage's last USER is root: end with a non-root user such as USER 10001:10001"]],
    ["USER 0:0 last", [...GOOD_APP, "USER 0:0"].join("\n"), ["line 9: the final stage's last USER is 0:0: end with a non-root user such as USER 10001:10001"]],
    ["a non-root USER only in an unrelated stage", [...GOOD_APP.filter((l) => !l.startsWith("USER")).slice(0, 3), "USER 10001", ...GOOD_APP.filter((l) => !l.startsWith("USER")).slice(3)].join("\n").replace("FROM build AS runtime", `FROM python:3.11.13@${DIGEST} AS runtime`), ["final stage has no USER: the image would run as root; end with USER 10001:10001"]],
  ])("GIVEN %s THEN non-root reports it", (_, text, expected) => {
    expect(lintDockerfile(text, "app")).toEqual(expected);
  });

  it.each([
    ["ENV DB_PASSWORD=hunter2", ["line 9: ENV DB_PASSWORD looks like a secret: ENV values are stored in the image; inject it at run time"]],
    ["ENV GITHUB_TOKEN ghp_x", ["line 9: ENV GITHUB_TOKEN looks like a secret: ENV values are stored in the image; inject it at run time"]],
    ["ARG STRIPE_SECRET_KEY=sk_live_x", ["line 9: ARG STRIPE_SECRET_KEY has a default that looks like a secret: never write credentials into a Dockerfile"]],
    ["ARG NPM_TOKEN", ["line 9: ARG NPM_TOKEN looks like a secret: build args are recorded in image history and provenance; use RUN --mount=type=secret"]],
    ["ARG AWS_ACCESS_KEY_ID=AKIA", ["line 9: ARG AWS_ACCESS_KEY_ID has a default that looks like a secret: never write credentials into a Dockerfile"]],
    ["ARG NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=pk_live_x", []],
    ["ENV KEYBOARD=us", []],
  ])("GIVEN %s THEN no-secrets reports exactly what it must", (line, expected) => {
    expect(lintDockerfile([...GOOD_APP, line].join("\n"), "app")).toEqual(expected);
  });

  it("GIVEN no OCI labels THEN oci-labels names each missing label", () => {
    expect(lintDockerfile(without(GOOD_APP, /^LABEL/), "app")).toEqual([
      "final stage has no LABEL org.opencontainers.image.revision",
      "final stage has no LABEL org.opencontainers.image.source",
      "final stage has no LABEL org.opencontainers.image.version",
      "final stage has no LABEL org.opencontainers.image.created",
    ]);
  });

  it("GIVEN a hard-coded revision label THEN oci-labels asks for a build ARG", () => {
    const text = GOOD_APP.join("\n").replace('revision="${REVISION}"', "revision=abc123");
    expect(lintDockerfile(text, "app")).toEqual(['LABEL org.opencontainers.image.revision is "abc123": take it from a build ARG (ARG REVISION, then "${REVISION}") so each build records its commit']);
  });

  it("GIVEN labels only in an unrelated earlier stage THEN they do not count for the final image", () => {
    const text = GOOD_APP.join("\n").replace("FROM build AS runtime", `FROM python:3.11.13@${DIGEST} AS runtime`);
    const moved = text.replace(/^(ARG REVISION=unknown\nLABEL .*)$/m, "").replace("RUN true", "RUN true\nARG REVISION=unknown\n" + GOOD_APP[5]);
    expect(lintDockerfile(moved, "app")).toEqual([
      "final stage has no LABEL org.opencontainers.image.revision",
      "final stage has no LABEL org.opencontainers.image.source",
      "final stage has no LABEL org.opencontainers.image.version",
      "final stage has no LABEL org.opencontainers.image.created",
    ]);
  });

  it.each([
    ["an app image without HEALTHCHECK", without(GOOD_APP, /^HEALTHCHECK/), "app", ["final stage has no HEALTHCHECK: an app image checks its own health endpoint"]],
    ["an app image with HEALTHCHECK NONE", replace(GOOD_APP, 'HEALTHCHECK CMD ["true"]', "HEALTHCHECK NONE"), "app", ["final stage has no HEALTHCHECK: an app image checks its own health endpoint"]],
    ["a CLI image with a HEALTHCHECK", GOOD_APP.join("\n"), "cli", ["line 7: HEALTHCHECK in a CLI image: it runs a command and exits, there is nothing to probe"]],
    ["a CLI image without HEALTHCHECK", without(GOOD_APP, /^HEALTHCHECK/), "cli", []],
  ] as const)("GIVEN %s THEN healthcheck reports exactly what it must", (_, text, kind, expected) => {
    expect(lintDockerfile(text, kind)).toEqual(expected);
  });
});

describe("docker/install-pulumi.sh (shared by the runner image and CI)", () => {
  const VERSION = "3.248.0";
  const TARBALL = `pulumi-v${VERSION}-linux-x64.tar.gz`;
  let server: Server;
  let base: string;
  let files: Map<string, Buffer>;
  let work: string;

  beforeAll(async () => {
    work = testTempDir("asc-pulumi-");
    mkdirSync(path.join(work, "src/pulumi"), { recursive: true });
    writeFileSync(path.join(work, "src/pulumi/pulumi"), `#!/bin/sh\necho v${VERSION}\n`, { mode: 0o755 });
    await run("tar", ["-czf", path.join(work, TARBALL), "-C", path.join(work, "src"), "pulumi"]);
    const tarball = readFileSync(path.join(work, TARBALL));
    const sha = createHash("sha256").update(tarball).digest("hex");
    files = new Map([
      [`/${TARBALL}`, tarball],
      [`/pulumi-${VERSION}-checksums.txt`, Buffer.from(`${"0".repeat(64)}  pulumi-v${VERSION}-darwin-x64.tar.gz\n${sha}  ${TARBALL}\n`)],
    ]);
    server = createServer((req, res) => {
      const body = files.get(req.url ?? "");
      res.writeHead(body ? 200 : 404).end(body ?? "not found");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const install = (dest: string, env: Record<string, string> = {}) =>
    run("sh", [path.join(REPO_ROOT, "docker/install-pulumi.sh"), VERSION, dest, "x64"], { env: { PATH: process.env.PATH ?? "", PULUMI_DOWNLOAD_BASE: base, ...env } });

  it("GIVEN a tarball matching the checksums file THEN it is unpacked and runs", async () => {
    const dest = path.join(work, "ok");
    const { stdout } = await install(dest);
    expect(stdout).toBe(`${TARBALL}: OK\nv${VERSION}\n`);
    expect(existsSync(path.join(dest, "pulumi"))).toBe(true);
  });

  it("GIVEN a tarball that differs from the checksums file THEN it refuses and installs nothing", async () => {
    const good = files.get(`/${TARBALL}`)!;
    files.set(`/${TARBALL}`, Buffer.concat([good, Buffer.from("tampered")]));
    const dest = path.join(work, "tampered");
    try {
      await expect(install(dest)).rejects.toMatchObject({ code: 1, stdout: `${TARBALL}: FAILED\n` });
      expect(existsSync(dest)).toBe(false);
    } finally {
      files.set(`/${TARBALL}`, good);
    }
  });

  it("GIVEN PULUMI_SHA256 that disagrees with the checksums file THEN it refuses", async () => {
    await expect(install(path.join(work, "pinned"), { PULUMI_SHA256: "f".repeat(64) })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`install-pulumi: PULUMI_SHA256 (${"f".repeat(64)}) differs from the checksums file`),
    });
  });
});
