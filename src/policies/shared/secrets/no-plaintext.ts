/**
 * No secret value sits in plaintext in any resource input (and so in the state file and the offline plan).
 * @severity critical
 */
import { asRecord, parseJsonInput } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";
import { isSafeSecretValue, looksLikeSecretName } from "../../secret-names.js";

/** Inputs holding a secret whatever their name, by resource type. */
const SECRET_PATHS: Readonly<Record<string, readonly string[]>> = {
  "azure-native:keyvault:Secret": ["properties.value"],
};
/** Inputs that hold JSON documents as strings (aws v7) and are searched inside. */
const JSON_STRING_INPUTS = ["containerDefinitions"];
const SKIPPED_INPUTS = ["tags", "tagsAll"];

const MESSAGE_SUFFIX = "holds a plaintext secret; pass it as a Pulumi secret (pulumi.secret) or as a reference (a Secrets Manager ARN or a Key Vault secret URI)";

function findPlaintext(value: unknown, path: string, inSecretSlot: boolean, found: string[]): void {
  if (typeof value === "string") {
    if (inSecretSlot && !isSafeSecretValue(value)) found.push(path);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => findNamedEntry(item, `${path}[${i}]`, path.endsWith("secrets"), found));
    return;
  }
  const record = asRecord(value);
  if (!record) return;
  for (const [key, child] of Object.entries(record)) {
    if (SKIPPED_INPUTS.includes(key)) continue;
    const childPath = path === "" ? key : `${path}.${key}`;
    const parsed = JSON_STRING_INPUTS.includes(key) && typeof child === "string" ? parseJsonInput(child) : undefined;
    findPlaintext(parsed?.ok ? parsed.value : child, childPath, looksLikeSecretName(key), found);
  }
}

/** `{ name, value }` entries (ECS environment, Container Apps env and secrets) are judged by their name. */
function findNamedEntry(item: unknown, path: string, inSecretsList: boolean, found: string[]): void {
  const entry = asRecord(item);
  if (entry && typeof entry.name === "string" && typeof entry.value === "string") {
    if ((inSecretsList || looksLikeSecretName(entry.name)) && !isSafeSecretValue(entry.value)) found.push(`${path} (${entry.name})`);
    const { value: _value, ...rest } = entry;
    findPlaintext(rest, path, false, found);
    return;
  }
  findPlaintext(item, path, false, found);
}

export const secretsNoPlaintext = defineRule({
  name: "asc-secrets-no-plaintext",
  cloud: "any",
  description:
    "No resource input whose name looks secret (password, secret, token, apiKey, authToken, connectionString, *_KEY, DATABASE_URL, …) holds a plaintext string: it must be a Pulumi secret, an ARN, a Key Vault reference, or empty.",
  severity: "critical",
  frameworks: { mcsb: ["IM-8"] },
  mandatoryTiers: EVERY_TIER,
  remediation: "Wrap the value in pulumi.secret(...) (generated values too), or pass a reference: a Secrets Manager ARN in ECS secrets, a Key Vault secret URI in Container Apps secrets.",
  resourceTypes: "*",
  offlineOnly: "CrossGuard unwraps secrets before a policy sees the inputs, so inside the pack a secret and a plaintext value look the same; the offline evaluator sees \"[secret]\".",
  check: (type, props) => {
    const found: string[] = [];
    for (const path of SECRET_PATHS[type] ?? []) {
      const value = path.split(".").reduce<unknown>((v, key) => asRecord(v)?.[key], props);
      if (typeof value === "string" && !isSafeSecretValue(value)) found.push(path);
    }
    findPlaintext(props, "", false, found);
    return [...new Set(found)].map((path) => `${path} ${MESSAGE_SUFFIX}`);
  },
});
