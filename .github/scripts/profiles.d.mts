/** Types for profiles.mjs (plain Node ESM, so CI can run it before npm ci). */
export interface ProfileInfo {
  readonly profile: string;
  readonly cloud: string | null;
  readonly region: string | null;
}
export declare const GLOBAL_PATHS: readonly RegExp[];
export declare function profileScalar(yamlText: string, key: string): string | null;
export declare function listProfiles(root: string): ProfileInfo[];
export declare function affectedProfiles(changedFiles: readonly string[], profiles: readonly ProfileInfo[]): string[];
export declare function matrixOf(profiles: readonly ProfileInfo[]): { include: { profile: string; cloud: string | null; region: string }[] };
export declare function resolveProfile(name: string, profiles: readonly ProfileInfo[]): ProfileInfo;
