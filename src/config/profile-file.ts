/**
 * Profile files, `stacks/Pulumi.<profile>.yaml`: finding them, reading them through the guarded reader, parsing
 * the YAML without ever quoting a line, and checking the stack file's shape. Every refusal is an AscUserError.
 * With load.ts and user-file.ts, the I/O of config/.
 */
import { lstatSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { isMap, isScalar, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import { AscUserError, type UserProblem } from "../errors.js";
import { didYouMean } from "./did-you-mean.js";
import type { ConfigLayer } from "./resolve.js";
import { SECRET_CONFIG_KEYS } from "./schema.js";
import { readUserFile } from "./user-file.js";

export const STACKS_DIR = "stacks";
/** Stands in for a value encrypted in the profile when no passphrase or key is at hand (offline preview). */
export const ENCRYPTED_PLACEHOLDER = "[encrypted in profile]";

const STACK_FILE_KEYS = ["config", "secretsprovider", "encryptedkey", "encryptionsalt", "environment"];
export const PROJECT_NAMESPACE = "asc";

export const profileFile = (root: string, profile: string) => path.join(root, STACKS_DIR, `Pulumi.${profile}.yaml`);

/** Refuses a `stacks` that is not a folder (a file, a dangling link) instead of failing on it later. */
function checkStacksDir(root: string): boolean {
  const dir = path.join(root, STACKS_DIR);
  let stats;
  try {
    stats = statSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT" && !isSymlink(dir)) return false;
    throw new AscUserError(`${STACKS_DIR}/ cannot be read`, [{ path: `${STACKS_DIR}/`, value: STACKS_DIR, message: `cannot be opened (${(e as NodeJS.ErrnoException).code ?? "error"})`, allowed: "a folder of Pulumi.<profile>.yaml files", fix: `make ${STACKS_DIR}/ a readable folder next to Pulumi.yaml` }]);
  }
  if (!stats.isDirectory()) {
    throw new AscUserError(`${STACKS_DIR} is not a folder`, [{ path: `${STACKS_DIR}/`, value: STACKS_DIR, message: "is a file, not a folder", allowed: "a folder of Pulumi.<profile>.yaml files", fix: `rename the file ${STACKS_DIR} and create the folder ${STACKS_DIR}/ for the profiles` }]);
  }
  return true;
}

const isSymlink = (file: string) => {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
};

export function listProfiles(root: string): string[] {
  if (!checkStacksDir(root)) return [];
  return readdirSync(path.join(root, STACKS_DIR))
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((p): p is string => p !== undefined)
    .sort();
}

const isSecretKey = (key: string) => (SECRET_CONFIG_KEYS as readonly string[]).includes(key);

export interface ProfileFile {
  readonly profile: string;
  /** Path relative to the project root, as shown to users. */
  readonly file: string;
  readonly layer: ConfigLayer;
  /** Config keys of other namespaces (e.g. `aws:region`). */
  readonly otherNamespaces: Readonly<Record<string, unknown>>;
  /** The stack file's `secretsprovider:` (absent: passphrase or the backend's default). */
  readonly secretsProvider?: string;
  /** Whether the stack file holds `encryptionsalt:` (a passphrase provider initialised it). */
  readonly hasEncryptionSalt: boolean;
}

/** A profile is a short text file; anything larger is not one (and is not read into memory). */
export const MAX_PROFILE_BYTES = 1024 * 1024;
/** YAML aliases may expand at most this often (the `yaml` package's guard against "billion laughs" documents). */
export const MAX_YAML_ALIASES = 100;

/** What yaml's error codes mean, in words that quote nothing from the file (a bad line may hold a secret). */
const YAML_ERRORS: Readonly<Record<string, string>> = {
  ALIAS_PROPS: "an alias cannot carry a tag or anchor",
  BAD_ALIAS: "an alias (*name) is malformed or names no anchor",
  BAD_DIRECTIVE: "a %-directive is malformed",
  BAD_DQ_ESCAPE: "a double-quoted string has an invalid escape",
  BAD_INDENT: "the indentation is wrong",
  BAD_PROP_ORDER: "anchors and tags are in the wrong order",
  BAD_SCALAR_START: "a plain value starts with a reserved character (quote it)",
  BLOCK_AS_IMPLICIT_KEY: "a block is used as a key",
  BLOCK_IN_FLOW: "a block is nested inside a flow collection ({…} or […])",
  DUPLICATE_KEY: "a key appears twice in the same mapping",
  IMPOSSIBLE: "the document cannot be parsed",
  KEY_OVER_1024_CHARS: "a key is longer than 1024 characters",
  MISSING_CHAR: "a closing quote, bracket or colon is missing",
  MULTILINE_IMPLICIT_KEY: "a key spans several lines (a missing colon or quote?)",
  MULTIPLE_ANCHORS: "a node has several anchors",
  MULTIPLE_DOCS: "the file holds several YAML documents",
  MULTIPLE_TAGS: "a node has several tags",
  NON_STRING_KEY: "a key is not a string",
  TAB_AS_INDENT: "a tab is used for indentation (use spaces)",
  TAG_RESOLVE_FAILED: "a tag (!…) is unknown",
  UNEXPECTED_TOKEN: "there is an unexpected character or token",
  BAD_COLLECTION_TYPE: "a collection has the wrong type for its tag",
};

/** The key a YAML line starts with, when it looks like one; never the value after it. */
function keyOfLine(line: string | undefined): string | undefined {
  const m = /^\s*(?:-\s+)?([A-Za-z0-9_.-]+(?::[A-Za-z0-9_.-]+)?)\s*:(?:\s|$)/.exec(line ?? "");
  return m?.[1];
}

/** The innermost key whose entry (key to end of value) holds `offset`: where a YAML error belongs. */
function pairAround(node: unknown, offset: number): { key: string; offset: number } | undefined {
  if (!isMap(node)) return undefined;
  for (const pair of node.items) {
    if (!isScalar(pair.key) || !pair.key.range) continue;
    const start = pair.key.range[0];
    const end = (pair.value as YamlNode | null)?.range?.[1] ?? pair.key.range[1];
    if (start <= offset && offset <= end) return pairAround(pair.value, offset) ?? { key: String(pair.key.value), offset: start };
  }
  return undefined;
}

/** Reads the profile's text, refusing anything that is not a readable profile file inside the project. */
function readProfileText(root: string, profile: string, file: string): string {
  const fullPath = profileFile(root, profile);
  const result = readUserFile(fullPath, { label: file, flag: "--profile", within: root, maxBytes: MAX_PROFILE_BYTES, kind: "a YAML profile file inside the project" });
  if (result.ok) return result.text;
  if (result.missing) {
    const existing = listProfiles(root);
    const suggestion = didYouMean(profile, existing);
    throw new AscUserError(`Profile "${profile}" not found`, [{
      path: "--profile",
      value: profile,
      message: `there is no ${file}${suggestion ? `; did you mean "${suggestion}"?` : ""}`,
      allowed: existing.join(", ") || "(no profiles in stacks/)",
      fix: existing.length ? `use --profile ${suggestion ?? existing[0]}, or create ${file}` : `create ${file} (see docs/config.md)`,
    }]);
  }
  throw new AscUserError(`Cannot read profile ${file}`, [{ ...result.problem, path: file, value: profile }]);
}

/** Reads and checks the shape of one profile file. */
export function readProfileFile(root: string, profile: string): ProfileFile {
  const file = path.relative(root, profileFile(root, profile)) || profileFile(root, profile);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(profile)) {
    // A path to the file (stacks/Pulumi.aws-dev.yaml, ./Pulumi.aws-dev.yaml) names a profile: say which name to give.
    const named = /(?:^|[\\/])Pulumi\.([A-Za-z0-9][A-Za-z0-9._-]*?)\.ya?ml$/.exec(profile)?.[1];
    if (named) throw new AscUserError("--profile takes a profile name, not a path", [{ path: "--profile", value: profile, message: "a path to a profile file; asc finds the file from the name", allowed: "a name from stacks/Pulumi.<name>.yaml", fix: `use --profile ${named}` }]);
    throw new AscUserError("Invalid profile name", [{ path: "--profile", value: profile, message: "not a valid profile name", allowed: "letters, digits, '.', '_' and '-'", fix: `use one of: ${listProfiles(root).join(", ") || "(no profiles yet)"}` }]);
  }
  checkStacksDir(root);
  const text = readProfileText(root, profile, file);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const lines = text.split("\n");
    throw new AscUserError(`Invalid YAML in ${file}`, doc.errors.slice(0, 3).map((e): UserProblem => {
      const pos = lineCounter.linePos(e.pos[0]);
      // A line with its own key is the place; otherwise (an unclosed quote found at the end) the key it belongs to.
      const found = keyOfLine(lines[pos.line - 1]) === undefined ? pairAround(doc.contents, e.pos[0]) : undefined;
      const keyPos = found ? lineCounter.linePos(found.offset) : undefined;
      const key = found?.key ?? keyOfLine(lines[pos.line - 1]);
      const where = keyPos && keyPos.line !== pos.line ? ` (in the value of the key on line ${keyPos.line}, found at line ${pos.line})` : "";
      return {
        path: keyPos ? `${file}:${keyPos.line}` : `${file}:${pos.line}:${pos.col}`,
        message: `${YAML_ERRORS[e.code] ?? "the YAML syntax is invalid"}${where}`,
        ...(key ? { value: `${key}: …` } : {}),
        allowed: "a YAML mapping with a top-level `config:` key",
        fix: "fix the YAML syntax at that line (indentation, quotes, colons)",
      };
    }));
  }
  let root_: unknown;
  try {
    root_ = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) as unknown;
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    throw new AscUserError(`Invalid YAML in ${file}`, [{ path: file, message: `its aliases (*name) expand more than ${MAX_YAML_ALIASES} times, the shape of a YAML "billion laughs" attack`, allowed: `a profile whose aliases expand at most ${MAX_YAML_ALIASES} times (better: none)`, fix: "write the values out instead of through anchors and aliases" }]);
  }
  const problems: UserProblem[] = [];
  if (root_ === null || root_ === undefined) return emptyProfile(profile, file);
  if (typeof root_ !== "object" || Array.isArray(root_)) {
    throw new AscUserError(`Invalid profile ${file}`, [{ path: file, value: `(${describeShape(root_)})`, message: "must be a YAML mapping", allowed: "a mapping with a top-level `config:` key", fix: "start the file with `config:` and put asc:* keys below it" }]);
  }
  for (const key of Object.keys(root_)) {
    if (!STACK_FILE_KEYS.includes(key)) {
      const s = didYouMean(key, STACK_FILE_KEYS);
      problems.push({ path: `${file}: ${key}`, value: key, message: `unknown top-level key${s ? `; did you mean "${s}"?` : ""}`, allowed: STACK_FILE_KEYS.join(", "), fix: s ? `rename it to ${s}` : "move it under `config:` as an asc:* key, or remove it" });
    }
  }
  const config = (root_ as Record<string, unknown>).config ?? {};
  if (typeof config !== "object" || Array.isArray(config) || config === null) {
    problems.push({ path: `${file}: config`, value: `(${describeShape(config)})`, message: "must be a mapping of config keys", allowed: "keys such as asc:cloud, asc:tier", fix: "indent the asc:* keys under `config:`" });
  }
  if (problems.length) throw new AscUserError(`Invalid profile ${file}`, problems);

  const labels = lineLabels(doc.contents, file, lineCounter);
  const values: Record<string, unknown> = {};
  const otherNamespaces: Record<string, unknown> = {};
  for (const [rawKey, value] of Object.entries(config as Record<string, unknown>)) {
    const [ns, key] = rawKey.includes(":") ? [rawKey.slice(0, rawKey.indexOf(":")), rawKey.slice(rawKey.indexOf(":") + 1)] : [PROJECT_NAMESPACE, rawKey];
    if (ns !== PROJECT_NAMESPACE) {
      otherNamespaces[rawKey] = value;
      continue;
    }
    values[key] = decodeSecureValue(key, value, file, labels.get(key), problems);
  }
  if (problems.length) throw new AscUserError(`Invalid profile ${file}`, problems);
  const top = root_ as Record<string, unknown>;
  return {
    profile,
    file,
    layer: { kind: "profile", source: file, values, labels },
    otherNamespaces,
    ...(typeof top.secretsprovider === "string" ? { secretsProvider: top.secretsprovider } : {}),
    hasEncryptionSalt: top.encryptionsalt !== undefined,
  };
}

/** The kind of a value, for messages that must not quote it (it may be a whole file's content). */
const describeShape = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "a list" : typeof v === "string" ? `a string of ${v.length} characters` : `a ${typeof v}`);

function emptyProfile(profile: string, file: string): ProfileFile {
  return { profile, file, layer: { kind: "profile", source: file, values: {} }, otherNamespaces: {}, hasEncryptionSalt: false };
}

/** `{secure: …}` values are encrypted by Pulumi; asc cannot read them offline, and refuses plaintext secrets. */
function decodeSecureValue(key: string, value: unknown, file: string, label: string | undefined, problems: UserProblem[]): unknown {
  const secure = value && typeof value === "object" && !Array.isArray(value) && "secure" in value;
  if (isSecretKey(key)) {
    if (secure) return ENCRYPTED_PLACEHOLDER;
    if (value !== undefined && value !== null) {
      problems.push({ path: `asc:${key}`, value: "[redacted]", source: label ?? file, message: "a secret is stored in plaintext in the profile", allowed: "an encrypted value ({secure: …}) written by pulumi config set --secret", fix: `remove it from ${file} and run: pulumi config set --secret asc:${key} <value> -s <profile>` });
    }
    return undefined;
  }
  if (secure) {
    problems.push({ path: `asc:${key}`, value: "{secure: …}", source: label ?? file, message: "this key is not a secret and cannot be encrypted", allowed: "a plain value", fix: `run: pulumi config set asc:${key} <value> (without --secret)` });
  }
  return value;
}

/** Maps each asc leaf path to `file:line` so problems and `asc config show` point at the line. */
function lineLabels(contents: unknown, file: string, lineCounter: LineCounter): Map<string, string> {
  const labels = new Map<string, string>();
  if (!isMap(contents)) return labels;
  const configPair = contents.items.find((p) => isScalar(p.key) && p.key.value === "config");
  const walk = (node: unknown, prefix: string) => {
    if (!isMap(node)) return;
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      let key = String(pair.key.value);
      if (!prefix) {
        if (key.includes(":") && !key.startsWith(`${PROJECT_NAMESPACE}:`)) continue;
        key = key.replace(`${PROJECT_NAMESPACE}:`, "");
      }
      const leafPath = prefix ? `${prefix}.${key}` : key;
      const offset = (pair.key as YamlNode).range?.[0];
      if (offset !== undefined) labels.set(leafPath, `${file}:${lineCounter.linePos(offset).line}`);
      walk(pair.value, leafPath);
    }
  };
  walk(configPair?.value, "");
  return labels;
}

