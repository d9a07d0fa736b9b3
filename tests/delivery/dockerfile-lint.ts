/**
 * A small Dockerfile linter for docker/*.Dockerfile, on top of dockerfile-ast. Pure: text in, messages out.
 *
 * Rules (docker/README.md explains the choices):
 * - pinned-base: every FROM names an earlier stage, `scratch`, or an image with an explicit version tag AND a digest
 *   (`node:22.20.0-bookworm-slim@sha256:…`). The tag is for people and for update bots, the digest for the builder.
 *   `latest` is refused even with a digest. `${VAR}` in FROM resolves through the ARGs before the first FROM.
 * - non-root: the last USER of the final stage (following `FROM <stage>` chains) is neither root nor uid 0.
 * - no-secrets: no ENV, and no ARG, whose name looks like a credential. A secret ARG is refused even without a default:
 *   build args are recorded in the image history and in provenance attestations (mode=max). Use
 *   `RUN --mount=type=secret` instead. `NEXT_PUBLIC_*` names are public by definition (compiled into browser code).
 * - oci-labels: the final stage labels org.opencontainers.image.{revision,source,version,created}, and the revision
 *   comes from a build ARG, so every build records the commit it was built from.
 * - healthcheck: app images have a HEALTHCHECK in the final stage; the CLI image has none (it runs and exits).
 */
import { DockerfileParser, type Arg, type Env, type From, type Instruction, type Label } from "dockerfile-ast";

export type ImageKind = "app" | "cli";

export const REQUIRED_LABELS = [
  "org.opencontainers.image.revision",
  "org.opencontainers.image.source",
  "org.opencontainers.image.version",
  "org.opencontainers.image.created",
] as const;

const SECRET_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|(^|_)KEY($|_)/i;
const PUBLIC_NAME = /^NEXT_PUBLIC_/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

interface Stage {
  readonly from: From;
  readonly name: string | null;
  /** The image or stage this stage starts from, with global ARGs substituted. */
  readonly base: string;
  readonly instructions: Instruction[];
}

const lineOf = (i: Instruction) => i.getRange().start.line + 1;

/** Splits `registry:5000/name:tag@sha256:…` into name, tag and digest. */
export function parseImageReference(ref: string): { name: string; tag: string | null; digest: string | null } {
  const [withoutDigest, digest = null] = ref.split("@", 2) as [string, string?];
  const lastColon = withoutDigest.lastIndexOf(":");
  const hasTag = lastColon > withoutDigest.lastIndexOf("/");
  return {
    name: hasTag ? withoutDigest.slice(0, lastColon) : withoutDigest,
    tag: hasTag ? withoutDigest.slice(lastColon + 1) : null,
    digest,
  };
}

function globalArgs(text: string): Map<string, string | null> {
  const args = new Map<string, string | null>();
  for (const arg of DockerfileParser.parse(text).getInitialARGs()) {
    const p = arg.getProperty();
    if (p) args.set(p.getName(), p.getValue());
  }
  return args;
}

function stagesOf(text: string): Stage[] {
  const dockerfile = DockerfileParser.parse(text);
  const args = globalArgs(text);
  const froms = dockerfile.getFROMs();
  const all = dockerfile.getInstructions();
  return froms.map((from, index) => {
    const start = from.getRange().start.line;
    const end = index + 1 < froms.length ? froms[index + 1].getRange().start.line : Number.POSITIVE_INFINITY;
    const raw = from.getArguments().filter((a) => !a.getValue().startsWith("--"))[0]?.getValue() ?? "";
    const base = raw.replace(VARIABLE, (whole, braced: string | undefined, bare: string | undefined) => args.get((braced ?? bare) as string) ?? whole);
    return {
      from,
      name: from.getBuildStage()?.toLowerCase() ?? null,
      base,
      instructions: all.filter((i) => i.getRange().start.line > start && i.getRange().start.line < end),
    };
  });
}

/** The final stage and the stages it is built on (`FROM <stage>`), oldest first. */
function finalChain(stages: Stage[]): Stage[] {
  const chain: Stage[] = [];
  let current: Stage | undefined = stages[stages.length - 1];
  while (current) {
    chain.unshift(current);
    const parentName = current.base.toLowerCase();
    const before: Stage[] = stages.slice(0, stages.indexOf(current));
    current = before.reverse().find((s) => s.name === parentName);
  }
  return chain;
}

function checkBases(stages: Stage[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const stage of stages) {
    const line = lineOf(stage.from);
    const raw = stage.from.getArguments().filter((a) => !a.getValue().startsWith("--"))[0]?.getValue() ?? "";
    const unresolved = [...stage.base.matchAll(VARIABLE)].map((m) => m[1] ?? m[2]);
    if (unresolved.length > 0) {
      problems.push(`line ${line}: FROM ${raw} uses \${${unresolved[0]}}, which no ARG before the first FROM defines with a default`);
    } else if (!seen.has(stage.base.toLowerCase()) && stage.base !== "scratch") {
      const { tag, digest } = parseImageReference(stage.base);
      if (tag === "latest") problems.push(`line ${line}: FROM ${stage.base} uses the mutable "latest" tag: pin an explicit version tag and a digest`);
      else if (!tag && !digest) problems.push(`line ${line}: FROM ${stage.base} has no tag and no digest: pin it as <image>:<version>@sha256:<digest>`);
      else if (!digest) problems.push(`line ${line}: FROM ${stage.base} has no digest: add @sha256:<digest> after the tag`);
      else if (!tag) problems.push(`line ${line}: FROM ${stage.base} has a digest but no version tag: write <image>:<version>@sha256:<digest> so people can read it`);
      else if (!DIGEST.test(digest)) problems.push(`line ${line}: FROM ${stage.base} has a malformed digest: expected sha256: and 64 hex digits`);
    }
    if (stage.name) seen.add(stage.name);
  }
  return problems;
}

function checkUser(chain: Stage[]): string[] {
  const users = chain.flatMap((s) => s.instructions.filter((i) => i.getKeyword() === "USER"));
  const last = users[users.length - 1];
  if (!last) return ["final stage has no USER: the image would run as root; end with USER 10001:10001"];
  const spec = last.getArguments()[0]?.getValue() ?? "";
  const user = spec.split(":")[0];
  if (user === "root" || user === "0") return [`line ${lineOf(last)}: the final stage's last USER is ${spec}: end with a non-root user such as USER 10001:10001`];
  return [];
}

function checkSecrets(text: string): string[] {
  const problems: string[] = [];
  for (const i of DockerfileParser.parse(text).getInstructions()) {
    if (i.getKeyword() === "ENV") {
      for (const p of (i as Env).getProperties()) {
        if (SECRET_NAME.test(p.getName()) && !PUBLIC_NAME.test(p.getName())) {
          problems.push(`line ${lineOf(i)}: ENV ${p.getName()} looks like a secret: ENV values are stored in the image; inject it at run time`);
        }
      }
    }
    if (i.getKeyword() === "ARG") {
      const p = (i as Arg).getProperty();
      if (p && SECRET_NAME.test(p.getName()) && !PUBLIC_NAME.test(p.getName())) {
        problems.push(
          p.getValue()
            ? `line ${lineOf(i)}: ARG ${p.getName()} has a default that looks like a secret: never write credentials into a Dockerfile`
            : `line ${lineOf(i)}: ARG ${p.getName()} looks like a secret: build args are recorded in image history and provenance; use RUN --mount=type=secret`,
        );
      }
    }
  }
  return problems;
}

function checkLabels(chain: Stage[]): string[] {
  const labels = new Map<string, string>();
  const args = new Set<string>();
  for (const stage of chain) {
    for (const i of stage.instructions) {
      if (i.getKeyword() === "LABEL") for (const p of (i as Label).getProperties()) labels.set(p.getName(), p.getValue() ?? "");
      if (i.getKeyword() === "ARG") {
        const name = (i as Arg).getProperty()?.getName();
        if (name) args.add(name);
      }
    }
  }
  const problems = REQUIRED_LABELS.filter((l) => !labels.has(l)).map((l) => `final stage has no LABEL ${l}`);
  const revision = labels.get("org.opencontainers.image.revision");
  if (revision !== undefined) {
    const fromArg = [...revision.matchAll(VARIABLE)].some((m) => args.has((m[1] ?? m[2]) as string));
    if (!fromArg) problems.push(`LABEL org.opencontainers.image.revision is "${revision}": take it from a build ARG (ARG REVISION, then "\${REVISION}") so each build records its commit`);
  }
  return problems;
}

function checkHealthcheck(chain: Stage[], kind: ImageKind): string[] {
  const checks = chain.flatMap((s) => s.instructions.filter((i) => i.getKeyword() === "HEALTHCHECK"));
  const last = checks[checks.length - 1];
  const active = last && (last.getArguments()[0]?.getValue().toUpperCase() ?? "") !== "NONE";
  if (kind === "app" && !active) return ["final stage has no HEALTHCHECK: an app image checks its own health endpoint"];
  if (kind === "cli" && active) return [`line ${lineOf(last)}: HEALTHCHECK in a CLI image: it runs a command and exits, there is nothing to probe`];
  return [];
}

/** Every problem in a Dockerfile, in rule order; an empty list when it passes. */
export function lintDockerfile(text: string, kind: ImageKind): string[] {
  const stages = stagesOf(text);
  if (stages.length === 0) return ["no FROM instruction"];
  const chain = finalChain(stages);
  return [...checkBases(stages), ...checkUser(chain), ...checkSecrets(text), ...checkLabels(chain), ...checkHealthcheck(chain, kind)];
}
