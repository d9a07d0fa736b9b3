/**
 * Which image each part of a release runs: the long-running services run asc:images, the migration task or job
 * runs asc:migrationImage (default: the api image). `asc deploy` moves the migration first and the services after
 * the migration succeeded. Pure.
 */
import type { BlueprintConfig, GeneratedSecret } from "./schema.js";

export interface ServiceImages {
  readonly api: string;
  readonly web: string;
}

/** What a deployed stack records about its images: the `release` stack output. */
export interface ReleaseRecord {
  /** Images the api (and worker) and the web run. */
  readonly services: ServiceImages;
  /** Image of the migration task or job. */
  readonly migration: string;
  /** Rotation epoch of each generated secret this release was deployed with (`asc:secrets.rotation`). */
  readonly rotation?: Partial<Record<GeneratedSecret, number>>;
}

/** The stack output key holding the ReleaseRecord. */
export const RELEASE_OUTPUT = "release";

/** The stack output key holding the env contract the deployed services received (names, values, secret references). */
export const CONTRACT_OUTPUT = "envContract";

export const migrationImageOf = (config: Pick<BlueprintConfig, "images" | "migrationImage">): string => config.migrationImage ?? config.images.api;

/** The stack output key that is true once the initial signing keyset was written (it is never written again). */
export const KEYSET_SEEDED_OUTPUT = "keysetSeeded";

export function releaseRecord(config: Pick<BlueprintConfig, "images" | "migrationImage"> & Partial<Pick<BlueprintConfig, "secrets">>): ReleaseRecord {
  return { services: { api: config.images.api, web: config.images.web }, migration: migrationImageOf(config), rotation: { ...config.secrets?.rotation } };
}

const isString = (v: unknown): v is string => typeof v === "string" && v.length > 0;

/** Reads a ReleaseRecord from a stack output value; undefined when absent or malformed (a stack deployed before it existed). */
export function readReleaseRecord(value: unknown): ReleaseRecord | undefined {
  if (!value || typeof value !== "object") return undefined;
  const v = value as { services?: { api?: unknown; web?: unknown }; migration?: unknown; rotation?: unknown };
  if (!v.services || !isString(v.services.api) || !isString(v.services.web) || !isString(v.migration)) return undefined;
  const rotation = readRotation(v.rotation);
  return { services: { api: v.services.api, web: v.services.web }, migration: v.migration, rotation };
}

/** Epochs recorded by a release; a release recorded before epochs were tracked has none. */
function readRotation(value: unknown): NonNullable<ReleaseRecord["rotation"]> {
  if (!value || typeof value !== "object") return {};
  return Object.fromEntries(Object.entries(value).filter(([, n]) => Number.isInteger(n) && (n as number) >= 0)) as NonNullable<ReleaseRecord["rotation"]>;
}

export const sameServiceImages = (a: ServiceImages, b: ServiceImages): boolean => a.api === b.api && a.web === b.web;

export type ServiceName = keyof ServiceImages;
export const SERVICE_NAMES: readonly ServiceName[] = ["api", "web"];

/** Services whose image was asked for on this run (--image, --set or ASC_IMAGES__*), not merely read from the file. */
export function requestedImageServices(provenance: ReadonlyMap<string, string>): ServiceName[] {
  return SERVICE_NAMES.filter((s) => /^(flag|env) /.test(provenance.get(`images.${s}`) ?? provenance.get("images") ?? ""));
}

/**
 * The images a run deploys. The release is stack state: a service whose image was not requested keeps the image the
 * stack's release runs; the profile's image counts only when nothing is released yet (a first deploy).
 */
export function targetImages(profile: ServiceImages, requested: readonly ServiceName[], released: ServiceImages | undefined): ServiceImages {
  const pick = (s: ServiceName) => (requested.includes(s) || !released ? profile[s] : released[s]);
  return { api: pick("api"), web: pick("web") };
}

/** An image in the profile that differs from the stack's release and that this run does not deploy. */
export interface UnappliedImage {
  readonly service: ServiceName;
  readonly profile: string;
  readonly released: string;
}

export function unappliedImages(profile: ServiceImages, requested: readonly ServiceName[], released: ServiceImages | undefined): UnappliedImage[] {
  if (!released) return [];
  return SERVICE_NAMES.filter((s) => !requested.includes(s) && profile[s] !== released[s]).map((s) => ({ service: s, profile: profile[s], released: released[s] }));
}

/** How an unapplied image reads in a preview or a deploy log; `flag` is how to release it from where it is read. */
export const describeUnapplied = (u: UnappliedImage, flag = "--image"): string =>
  `asc:images.${u.service} ${u.profile} in the profile is not applied: the stack's release runs ${u.released} (release it with ${flag} ${u.service}=${u.profile})`;

/** The secrets whose epoch in `current` is below the one the release was deployed with, with the release's epoch. */
export function rotationBehind(recorded: ReleaseRecord["rotation"], current: Partial<Record<GeneratedSecret, number>>): [GeneratedSecret, number][] {
  return (Object.entries(recorded ?? {}) as [GeneratedSecret, number][]).filter(([secret, epoch]) => (current[secret] ?? 0) < epoch);
}

/**
 * The config a release runs: the services on its images, the migration on its migration image. What a plain
 * `pulumi up` deploys once the stack has a release (src/program.ts), the same inputs asc's last update had.
 */
export function withReleasedImages<C extends Pick<BlueprintConfig, "images" | "migrationImage">>(config: C, release: ReleaseRecord): C {
  const { migrationImage: _drop, ...rest } = config;
  const images = { ...config.images, api: release.services.api, web: release.services.web };
  return (release.migration === images.api ? { ...rest, images } : { ...rest, images, migrationImage: release.migration }) as C;
}

/**
 * One stack update as asc records it in the update message (`pulumi up --message`), which every backend keeps in
 * the stack's history (`pulumi stack history --json`: version, kind, startTime, message, environment, config, result,
 * endTime, resourceChanges; pkg/cmd/pulumi/stack/stack_history.go, v3.248.0). Earlier stack outputs are only kept by
 * Pulumi Cloud, so `asc rollback` finds earlier releases here.
 */
export interface UpdateRecord {
  readonly runId: string;
  readonly phase: string;
  /** A first deploy's provision: services created, not started; it releases nothing. */
  readonly held: boolean;
  readonly release: ReleaseRecord;
}

/**
 * `asc <run id> <phase>: services api=<image> web=<image>[ (held: not started)]; migration <image>[; rotation
 * <secret>=<epoch> …]`. Image references hold no spaces or semicolons (config/image-ref.ts), so the message parses
 * back exactly (parseUpdateMessage).
 */
export function formatUpdateMessage(record: UpdateRecord): string {
  const { services, migration, rotation } = record.release;
  const epochs = Object.entries(rotation ?? {}).filter(([, n]) => n !== undefined).sort(([a], [b]) => a.localeCompare(b));
  const tail = epochs.length ? `; rotation ${epochs.map(([k, n]) => `${k}=${n}`).join(" ")}` : "";
  return `asc ${record.runId} ${record.phase}: services api=${services.api} web=${services.web}${record.held ? " (held: not started)" : ""}; migration ${migration}${tail}`;
}

const MESSAGE = /^asc (\S+) (\w+): services api=(\S+) web=(\S+?)( \(held: not started\))?; migration ([^\s;]+)(?:; rotation ((?:\w+=\d+ ?)*))?$/;

/** The record in an update message asc wrote; undefined for any other message (a plain `pulumi up`, an older asc). */
export function parseUpdateMessage(message: string): UpdateRecord | undefined {
  const m = MESSAGE.exec(message.trim());
  if (!m) return undefined;
  const [, runId, phase, api, web, held, migration, epochs] = m as unknown as [string, string, string, string, string, string | undefined, string, string | undefined];
  const rotation = Object.fromEntries((epochs ?? "").split(" ").filter(Boolean).map((p) => {
    const [k, n] = p.split("=") as [string, string];
    return [k, Number(n)];
  })) as NonNullable<ReleaseRecord["rotation"]>;
  return { runId, phase, held: held !== undefined, release: { services: { api, web }, migration, rotation } };
}
