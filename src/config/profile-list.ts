/**
 * `asc profiles`: every profile file with its cloud, tier, region and asc:name, each bad one marked with its error
 * (one bad file does not hide the others), and the profiles that would create identically named resources.
 */
import { formatValue, isAscUserError } from "../errors.js";
import { listProfiles, loadProfile, readProfileFile } from "./load.js";

export interface ProfileSummary {
  readonly profile: string;
  readonly cloud: string;
  readonly tier: string;
  readonly region: string;
  /** asc:name, the prefix of every resource name. */
  readonly name: string;
  /** Why the profile is refused: the headline and its first problem. Absent for a good profile. */
  readonly error?: string;
}

export interface NameCollision {
  readonly cloud: string;
  readonly region: string;
  readonly name: string;
  readonly profiles: readonly string[];
}

const errorOf = (e: unknown): string => {
  if (!isAscUserError(e)) throw e;
  const first = e.problems[0];
  if (!first) return e.title;
  return `${e.title}: ${first.path}: ${first.message}${"value" in first ? ` (got ${formatValue(first.value)})` : ""}${e.problems.length > 1 ? ` (+${e.problems.length - 1} more)` : ""}`;
};

/** Resolves each profile as the file alone says (no ASC_* variables or flags), so the list shows the files. */
export function summarizeProfiles(root: string, now: Date): ProfileSummary[] {
  return listProfiles(root).map((profile): ProfileSummary => {
    try {
      const { config } = loadProfile({ root, profile, now });
      return { profile, cloud: config.cloud, tier: config.tier, region: config.region, name: config.name };
    } catch (e) {
      const error = errorOf(e);
      let values: Readonly<Record<string, unknown>> = {};
      try {
        values = readProfileFile(root, profile).layer.values;
      } catch {
        // the file itself is unreadable; the error above says why
      }
      const shown = (key: string) => (typeof values[key] === "string" ? (values[key] as string) : "?");
      return { profile, cloud: shown("cloud"), tier: shown("tier"), region: shown("region"), name: shown("name"), error };
    }
  });
}

/** Good profiles sharing cloud, region and asc:name: their resources would have the same names. */
export function nameCollisions(profiles: readonly ProfileSummary[]): NameCollision[] {
  const groups = new Map<string, ProfileSummary[]>();
  for (const p of profiles) {
    if (p.error) continue;
    const key = `${p.cloud}\u0000${p.region}\u0000${p.name}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()].filter((g) => g.length > 1).map((g) => ({ cloud: g[0].cloud, region: g[0].region, name: g[0].name, profiles: g.map((p) => p.profile) }));
}
