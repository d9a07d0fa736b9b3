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
