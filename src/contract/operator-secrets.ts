/**
 * Operator-supplied secrets (`pulumi config set --secret asc:<key>`): which ones the contract needs for a config,
 * and their values for the blueprint. Pure.
 */
import { AscUserError, type UserProblem } from "../errors.js";
import type { BlueprintConfig, OperatorSecretKey } from "../config/schema.js";
import { ENV_CATALOG } from "./catalog.js";
import { contractConsumers } from "./topology.js";
import type { SecretVariable } from "./types.js";

/** The operator secrets that become env variables; `registryPassword` is the registry's, read by no container. */
export const OPERATOR_SECRET_VARIABLES: Record<Exclude<OperatorSecretKey, "registryPassword">, SecretVariable> = {
  openaiApiKey: "OPENAI_API_KEY",
  stripeSecretKey: "STRIPE_SECRET_KEY",
  stripeWebhookSecret: "STRIPE_WEBHOOK_SECRET",
  resendApiKey: "RESEND_API_KEY",
  frontendLogSharedSecret: "FRONTEND_LOG_SHARED_SECRET",
  slackStatusBotToken: "SLACK_STATUS_BOT_TOKEN",
  loggingDatadogApiKey: "LOGGING_DATADOG_API_KEY",
};

/** Marks a secret the offline preview could not read; never deployed (deploy mode refuses missing secrets). */
export const OFFLINE_SECRET_PLACEHOLDER = (key: string) => `[offline placeholder for asc:${key}]`;

interface NeededSecret {
  readonly key: Exclude<OperatorSecretKey, "registryPassword">;
  readonly variable: SecretVariable;
  readonly required: boolean;
}

/** The operator secrets some service of this config receives. */
export function neededOperatorSecrets(config: BlueprintConfig): NeededSecret[] {
  const consumers = contractConsumers(config);
  return (Object.entries(OPERATOR_SECRET_VARIABLES) as [Exclude<OperatorSecretKey, "registryPassword">, SecretVariable][]).flatMap(([key, variable]) => {
    const entry = ENV_CATALOG.find((v) => v.source === "secret" && v.secret === variable);
    if (!entry || !entry.clouds.includes(config.cloud)) return [];
    const used = consumers.some((s) => entry.services.includes(s) && (!entry.when || entry.when(config, s)));
    return used ? [{ key, variable, required: entry.required(config) }] : [];
  });
}

/**
 * The values to store. `deploy` refuses a required secret that is missing or unreadable; `offline` stands in
 * a recognisable placeholder so a preview runs anywhere.
 */
export function operatorSecretValues(config: BlueprintConfig, mode: "deploy" | "offline", unreadable: string): Partial<Record<SecretVariable, string>> {
  const values: Partial<Record<SecretVariable, string>> = {};
  const problems: UserProblem[] = [];
  for (const { key, variable, required } of neededOperatorSecrets(config)) {
    const value = config[key];
    const usable = value !== undefined && value !== unreadable;
    // Decrypted stack config is checked here (ASC_* values already by the schema): a pasted newline breaks the key.
    if (usable && value.trim() !== value) {
      problems.push({ path: `asc:${key}`, value: "[secret]", message: "has leading or trailing whitespace", allowed: "the secret exactly, without spaces or newlines around it", fix: `set it again without the whitespace: printf %s "$VALUE" | pulumi config set --secret asc:${key} -s <profile>, or fix ASC_${variable}` });
      continue;
    }
    if (usable) values[variable] = value;
    else if (mode === "offline") values[variable] = OFFLINE_SECRET_PLACEHOLDER(key);
    else if (required) {
      problems.push({ path: `asc:${key}`, message: value === unreadable ? "is encrypted and could not be read" : `is required for ${variable}`, allowed: "a secret set with pulumi config set --secret", fix: `run: pulumi config set --secret asc:${key} <value> -s <profile>, or export ASC_${variable}` });
    }
  }
  if (problems.length) throw new AscUserError(problems.every((p) => p.message.includes("whitespace")) ? "Invalid secrets" : "Missing secrets", problems);
  return values;
}

export interface OperatorSecretState {
  readonly key: OperatorSecretKey;
  readonly variable: SecretVariable;
  readonly required: boolean;
  /** `set` (the value is at hand or encrypted in the stack config) or `missing`. Never the value. */
  readonly state: "set" | "missing";
  /** Where it is set (`env ASC_…`, `stacks/Pulumi.<p>.yaml:<line>` for stack config), or what a missing one means. */
  readonly source: string;
}

/** The operator secrets this config needs, and whether and where each is set; for `asc config show`. */
export function operatorSecretStates(config: BlueprintConfig, provenance: ReadonlyMap<string, string>, encrypted: string): OperatorSecretState[] {
  return neededOperatorSecrets(config).map(({ key, variable, required }) => {
    const value = config[key];
    if (value === undefined) return { key, variable, required, state: "missing", source: required ? "missing: required at deploy" : "missing: optional" };
    const where = provenance.get(key) ?? "unknown";
    return { key, variable, required, state: "set", source: value === encrypted ? `stack config ${where} (encrypted)` : where };
  });
}

/**
 * The password of `asc:azure.registryCredentials.username` (Azure), or undefined when no credentials need one.
 * `deploy` refuses it missing or unreadable; `offline` stands in the placeholder, as for the contract's secrets.
 */
export function registryPasswordValue(config: BlueprintConfig, mode: "deploy" | "offline", unreadable: string): string | undefined {
  if (config.cloud !== "azure" || config.azure.registryCredentials?.username === undefined) return undefined;
  const value = config.registryPassword;
  const usable = value !== undefined && value !== unreadable;
  if (usable && value.trim() !== value) {
    throw new AscUserError("Invalid secrets", [{ path: "asc:registryPassword", value: "[secret]", message: "has leading or trailing whitespace", allowed: "the secret exactly, without spaces or newlines around it", fix: 'set it again without the whitespace: printf %s "$VALUE" | pulumi config set --secret asc:registryPassword -s <profile>, or fix ASC_REGISTRY_PASSWORD' }]);
  }
  if (usable) return value;
  if (mode === "offline") return OFFLINE_SECRET_PLACEHOLDER("registryPassword");
  throw new AscUserError("Missing secrets", [{
    path: "asc:registryPassword",
    message: value === unreadable ? "is encrypted and could not be read" : `is required: asc:azure.registryCredentials names the user ${config.azure.registryCredentials.username} on ${config.azure.registryCredentials.server}`,
    allowed: "a secret set with pulumi config set --secret (for GHCR: a token with read:packages)",
    fix: "run: pulumi config set --secret asc:registryPassword <token> -s <profile>, or export ASC_REGISTRY_PASSWORD",
  }]);
}
