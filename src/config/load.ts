/**
 * Loads a profile: the profile file (profile-file.ts), `ASC_*` environment variables and CLI flags become layers,
 * then are resolved. Everything it refuses is an AscUserError with the file, key, value, what is allowed and the
 * fix. With profile-file.ts and user-file.ts, the only I/O in config/.
 */
import { AscUserError, isAscUserError, looksLikeSecret, type UserProblem } from "../errors.js";
import { didYouMean } from "./did-you-mean.js";
import { PROJECT_NAMESPACE, readProfileFile, type ProfileFile } from "./profile-file.js";
import { resolveConfig, type ConfigLayer, type ResolvedConfig } from "./resolve.js";
import { BlueprintConfigSchema, IDENTITY_KEYS } from "./schema.js";
import { listLeaves, type LeafInfo } from "./schema-walk.js";

export { ENCRYPTED_PLACEHOLDER, listProfiles, MAX_PROFILE_BYTES, MAX_YAML_ALIASES, profileFile, readProfileFile, STACKS_DIR, type ProfileFile } from "./profile-file.js";

/** ASC_* variables that configure asc itself rather than the blueprint. */
export const RESERVED_ENV = ["ASC_DEBUG", "ASC_REPORT_DIR", "ASC_PULUMI_COMMAND"] as const;

let leafCache: LeafInfo[] | undefined;
export function configLeaves(): LeafInfo[] {
  leafCache ??= listLeaves(BlueprintConfigSchema);
  return leafCache;
}

const camelToEnv = (segment: string) => segment.replace(/GiB/g, "Gib").replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
export const envNameFor = (leafPath: string) => `ASC_${leafPath.split(".").map(camelToEnv).join("__")}`;

/** Turns a string from an environment variable or a flag into the value the schema expects. */
function coerce(raw: string, kind: LeafInfo["kind"]): unknown {
  switch (kind) {
    case "number":
      return raw.trim() !== "" && Number.isFinite(Number(raw)) ? Number(raw) : raw;
    case "boolean":
      return raw === "true" ? true : raw === "false" ? false : raw;
    case "structured":
      try {
        return JSON.parse(raw);
      } catch {
        return raw;
      }
    default:
      return raw;
  }
}

function setPath(target: Record<string, unknown>, leafPath: string, value: unknown): void {
  const parts = leafPath.split(".");
  let cur = target;
  for (const part of parts.slice(0, -1)) {
    if (typeof cur[part] !== "object" || cur[part] === null) cur[part] = {};
    cur = cur[part] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]] = value;
}

const isIdentityKey = (leafPath: string) => (IDENTITY_KEYS as readonly string[]).includes(leafPath);

/** The problem for an override of asc:cloud, asc:tier, asc:region or asc:name (see IDENTITY_KEYS). */
function identityOverride(where: string, key: string, value: unknown): UserProblem {
  return {
    path: where,
    value,
    message: `asc:${key} is part of the profile's identity and comes from the profile file only`,
    allowed: `asc:${key} as the profile file sets it (no ASC_* variable or --set)`,
    fix: `drop ${where}; to deploy another ${key}, use (or create) the profile that has it: asc profiles lists them`,
  };
}

/** Secret-looking or not, the value of a key asc does not know is not echoed: it may be a misspelt secret. */
const unknownValue = "[not shown: unknown keys may hold secrets]";

/** The `ASC_*` layer: `ASC_SERVICES__API__REPLICAS`, `ASC_OPENAI_API_KEY`, … (never ASC_TIER and the other identity keys). */
export function envLayer(env: Readonly<Record<string, string | undefined>>): ConfigLayer {
  const byName = new Map(configLeaves().map((l) => [envNameFor(l.path), l]));
  const values: Record<string, unknown> = {};
  const labels = new Map<string, string>();
  const problems: UserProblem[] = [];
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith("ASC_") || raw === undefined || (RESERVED_ENV as readonly string[]).includes(name)) continue;
    const leaf = byName.get(name);
    if (!leaf) {
      const s = didYouMean(name, [...byName.keys()]);
      problems.push({ path: name, value: unknownValue, message: `unknown asc variable${s ? `; did you mean ${s}?` : ""}`, allowed: "ASC_<KEY>[__<SUBKEY>…] for a key of the profile (see docs/config.md)", fix: s ? `rename it to ${s}` : `unset ${name}` });
      continue;
    }
    if (isIdentityKey(leaf.path)) {
      problems.push(identityOverride(name, leaf.path, raw));
      continue;
    }
    setPath(values, leaf.path, coerce(raw, leaf.kind));
    labels.set(leaf.path, `env ${name}`);
  }
  if (problems.length) throw new AscUserError(problems.length === 1 ? `Invalid value from ${problems[0].path}` : `Invalid ASC_* environment variables (${problems.map((p) => p.path).join(", ")})`, problems);
  return { kind: "env", source: "environment", values, labels };
}

/** The flags layer: `--set services.api.replicas=3`, `--image api=ghcr.io/acme/api@sha256:…`. */
export function flagLayer(sets: readonly string[] = [], images: readonly string[] = []): ConfigLayer {
  const leaves = new Map(configLeaves().map((l) => [l.path, l]));
  const values: Record<string, unknown> = {};
  const labels = new Map<string, string>();
  const problems: UserProblem[] = [];
  for (const item of sets) {
    const eq = item.indexOf("=");
    const key = eq > 0 ? item.slice(0, eq).replace(/^asc:/, "") : "";
    const leaf = leaves.get(key);
    if (!leaf) {
      const s = didYouMean(key, [...leaves.keys()]);
      problems.push({ path: eq > 0 ? `--set asc:${key}` : "--set", value: eq > 0 ? `${key}=${unknownValue}` : item.length > 40 || looksLikeSecret(item) ? unknownValue : item, message: eq > 0 ? `unknown key "${key}"${s ? `; did you mean "${s}"?` : ""}` : "expected key=value", allowed: "a profile key path such as services.api.replicas=3", fix: s ? `use --set ${s}=…` : "see docs/config.md for the keys" });
      continue;
    }
    if (leaf.secret) {
      problems.push({ path: `--set asc:${key}`, value: `${key}=[redacted]`, message: "secrets cannot be passed as flags (they would show in shell history and process lists)", allowed: "pulumi config set --secret, or the ASC_* environment variable", fix: `export ${envNameFor(key)} instead, or run pulumi config set --secret asc:${key}` });
      continue;
    }
    if (isIdentityKey(leaf.path)) {
      problems.push(identityOverride(`--set asc:${key}`, leaf.path, item.slice(eq + 1)));
      continue;
    }
    setPath(values, leaf.path, coerce(item.slice(eq + 1), leaf.kind));
    labels.set(leaf.path, `flag --set ${key}`);
  }
  for (const item of images) {
    const m = /^([^=]*)=(.+)$/.exec(item);
    if (!m) {
      problems.push({ path: "--image", value: item, message: "expected service=reference", allowed: "api=REF or web=REF (the worker runs the api image)", fix: "e.g. --image api=ghcr.io/acme/api@sha256:…" });
      continue;
    }
    if (!["api", "web", "worker"].includes(m[1])) {
      const guess = didYouMean(m[1], ["api", "web"]);
      problems.push({ path: "--image", value: m[1], message: `unknown service "${m[1]}"${guess ? `; did you mean "${guess}"?` : ""}`, allowed: "api, web (the worker runs the api image)", fix: `use --image ${guess ?? "api"}=${m[2]}` });
      continue;
    }
    if (m[1] === "worker") {
      problems.push({ path: "--image", value: item, message: "the worker runs the api image", allowed: "api=REF, web=REF", fix: `use --image api=${m[2]}` });
      continue;
    }
    setPath(values, `images.${m[1]}`, m[2]);
    labels.set(`images.${m[1]}`, `flag --image ${m[1]}`);
  }
  if (problems.length) throw new AscUserError(problems.length === 1 ? `Invalid ${problems[0].path}` : `Invalid flags (${[...new Set(problems.map((p) => p.path))].join(", ")})`, problems);
  return { kind: "flag", source: "flags", values, labels };
}

export interface LoadProfileOptions {
  readonly root: string;
  readonly profile: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly sets?: readonly string[];
  readonly images?: readonly string[];
  readonly now?: Date;
}

export interface LoadedProfile extends ResolvedConfig {
  readonly profile: string;
  readonly file: string;
}

/** Reads a profile with its overrides and resolves it: flags > ASC_* env > profile file > tier defaults. */
export function loadProfile(options: LoadProfileOptions): LoadedProfile {
  const file = readProfileFile(options.root, options.profile);
  const layers = [file.layer, ...overrideLayers(options)];
  const resolved = resolveConfig(layers, { now: options.now ?? new Date(), profileLabel: file.file });
  checkProviderRegion(resolved, file);
  return { ...resolved, profile: options.profile, file: file.file };
}

/** The ASC_* and flag layers; when both are refused, one error lists all their problems. */
function overrideLayers(options: LoadProfileOptions): ConfigLayer[] {
  const errors: AscUserError[] = [];
  const attempt = (make: () => ConfigLayer) => {
    try {
      return make();
    } catch (e) {
      if (!isAscUserError(e)) throw e;
      errors.push(e);
      return undefined;
    }
  };
  const env = attempt(() => envLayer(options.env ?? {}));
  const flags = attempt(() => flagLayer(options.sets, options.images));
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) {
    const problems = errors.flatMap((e) => e.problems);
    throw new AscUserError(`Invalid values from ${[...new Set(problems.map((p) => p.path))].join(", ")}`, problems);
  }
  return [env!, flags!];
}

/** asc sets the provider region from asc:region; a different aws:region or azure-native:location is a mistake. */
function checkProviderRegion(resolved: ResolvedConfig, file: ProfileFile): void {
  const key = resolved.config.cloud === "aws" ? "aws:region" : "azure-native:location";
  const other = file.otherNamespaces[key];
  if (other !== undefined && other !== resolved.config.region) {
    throw new AscUserError(`Invalid profile ${file.file}`, [{ path: key, value: other, source: file.file, message: `differs from asc:region (${resolved.config.region}); asc deploys to asc:region`, allowed: resolved.config.region, fix: `remove ${key} from ${file.file}, or make it equal to asc:region` }]);
  }
}

/**
 * The profile layer from Pulumi's runtime config (`pulumi up` decrypts secrets and hands every key as a string;
 * structured values arrive as JSON). Used by the program, where the engine, not asc, reads the stack file.
 */
export function runtimeConfigLayer(all: Readonly<Record<string, string>>, stack: string): ConfigLayer {
  const values: Record<string, unknown> = {};
  for (const [rawKey, raw] of Object.entries(all)) {
    if (!rawKey.startsWith(`${PROJECT_NAMESPACE}:`)) continue;
    const key = rawKey.slice(PROJECT_NAMESPACE.length + 1);
    const shape = BlueprintConfigSchema.shape[key as keyof typeof BlueprintConfigSchema.shape];
    const leaf = configLeaves().find((l) => l.path === key);
    values[key] = coerce(raw, leaf?.kind ?? (shape ? "structured" : "string"));
  }
  return { kind: "profile", source: `stack ${stack} (Pulumi config)`, values };
}

/** Resolves the profile for the program run by the Pulumi engine. */
export function loadProfileFromRuntime(all: Readonly<Record<string, string>>, stack: string, env: Readonly<Record<string, string | undefined>>, now: Date): LoadedProfile {
  const resolved = resolveConfig([runtimeConfigLayer(all, stack), envLayer(env)], { now, profileLabel: `stack ${stack}` });
  return { ...resolved, profile: stack, file: `stacks/Pulumi.${stack}.yaml` };
}
