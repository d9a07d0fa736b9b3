/**
 * Operator-supplied secrets (`pulumi config set --secret asc:<key>`): which ones the contract needs for a config,
 * and their values for the blueprint. Pure.
 */
import { AscUserError, type UserProblem } from "../errors.js";
import type { BlueprintConfig, OperatorSecretKey } from "../config/schema.js";
import { ENV_CATALOG } from "./catalog.js";
import { contractConsumers } from "./topology.js";
import type { SecretVariable } from "./types.js";

export const OPERATOR_SECRET_VARIABLES: Record<OperatorSecretKey, SecretVariable> = {
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
  readonly key: OperatorSecretKey;
  readonly variable: SecretVariable;
  readonly required: boolean;
}

/** The operator secrets some service of this config receives. */
export function neededOperatorSecrets(config: BlueprintConfig): NeededSecret[] {
  const consumers = contractConsumers(config);
  return (Object.entries(OPERATOR_SECRET_VARIABLES) as [OperatorSecretKey, SecretVariable][]).flatMap(([key, variable]) => {
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
    if (usable) values[variable] = value;
    else if (mode === "offline") values[variable] = OFFLINE_SECRET_PLACEHOLDER(key);
    else if (required) {
      problems.push({ path: `asc:${key}`, message: value === unreadable ? "is encrypted and could not be read" : `is required for ${variable}`, allowed: "a secret set with pulumi config set --secret", fix: `run: pulumi config set --secret asc:${key} <value> -s <profile>, or export ASC_${variable}` });
    }
  }
  if (problems.length) throw new AscUserError("Missing secrets", problems);
  return values;
}
