/**
 * The operator secrets `asc init` collects, where each comes from (an ASC_* variable, never a file) and the format
 * its provider issues, checked as it is typed or read. Formats from the providers' docs:
 * - OpenAI API keys start with `sk-` (https://platform.openai.com/docs/api-reference/authentication);
 * - Stripe secret keys are `sk_live_…` or `sk_test_…`, restricted keys `rk_live_…`/`rk_test_…`, webhook signing
 *   secrets `whsec_…` (https://docs.stripe.com/keys, https://docs.stripe.com/webhooks#verify-events);
 * - Resend API keys start with `re_` (https://resend.com/docs/dashboard/api-keys/introduction).
 * A production profile refuses test-mode Stripe keys: a live site would take no real payments.
 */
import { envNameFor } from "../config/load.js";
import type { OperatorSecretKey, TierName } from "../config/schema.js";
import type { UserProblem } from "../errors.js";

export interface SecretFormat {
  readonly key: OperatorSecretKey;
  readonly label: string;
  readonly pattern?: RegExp;
  readonly allowed?: string;
}

export const SECRET_FORMATS: readonly SecretFormat[] = [
  { key: "openaiApiKey", label: "OpenAI API key", pattern: /^sk-[A-Za-z0-9_-]{8,}$/, allowed: "an OpenAI key: sk-…" },
  { key: "stripeSecretKey", label: "Stripe secret key", pattern: /^(sk|rk)_(live|test)_[A-Za-z0-9]{8,}$/, allowed: "a Stripe secret key: sk_live_… (sk_test_… outside production)" },
  { key: "stripeWebhookSecret", label: "Stripe webhook signing secret", pattern: /^whsec_[A-Za-z0-9]{8,}$/, allowed: "a webhook signing secret: whsec_…" },
  { key: "resendApiKey", label: "Resend API key", pattern: /^re_[A-Za-z0-9_]{8,}$/, allowed: "a Resend key: re_…" },
  { key: "frontendLogSharedSecret", label: "frontend log shared secret" },
  { key: "slackStatusBotToken", label: "Slack status bot token", pattern: /^xoxb-/, allowed: "a Slack bot token: xoxb-…" },
  { key: "loggingDatadogApiKey", label: "Datadog API key" },
];

export const secretEnvName = (key: OperatorSecretKey) => envNameFor(key);

/** Shown instead of a secret value in every message. */
export function redact(value: string): string {
  const prefix = /^(sk_live_|sk_test_|rk_live_|rk_test_|whsec_|sk-|re_|xoxb-)/.exec(value)?.[1] ?? "";
  return `${prefix}[redacted, ${value.length} characters]`;
}

/** The problems of one secret value for a tier: its format, and test-mode Stripe keys in production. */
export function checkSecretValue(key: OperatorSecretKey, value: string, tier: TierName, origin: string): UserProblem[] {
  const format = SECRET_FORMATS.find((f) => f.key === key);
  if (!format) return [];
  const path = `asc:${key}`;
  if (format.pattern && !format.pattern.test(value)) {
    return [{ path, value: redact(value), source: origin, message: `not in the format of the ${format.label}`, allowed: format.allowed ?? format.label, fix: `set ${origin} to the ${format.label} from the provider's dashboard` }];
  }
  if (key === "stripeSecretKey" && tier === "production" && /^(sk|rk)_test_/.test(value)) {
    return [{ path, value: redact(value), source: origin, message: "a test-mode Stripe key in a production profile", allowed: "a live-mode key: sk_live_… (or rk_live_…)", fix: `set ${origin} to the live secret key (Stripe dashboard, live mode, Developers → API keys)` }];
  }
  return [];
}

/** The ASC_* secret variables that are set, checked; throws nothing, returns values and problems. */
export function secretsFromEnv(env: Readonly<Record<string, string | undefined>>, tier: TierName): { values: Partial<Record<OperatorSecretKey, string>>; problems: UserProblem[] } {
  const values: Partial<Record<OperatorSecretKey, string>> = {};
  const problems: UserProblem[] = [];
  for (const { key } of SECRET_FORMATS) {
    const name = secretEnvName(key);
    const value = env[name];
    if (value === undefined || value === "") continue;
    const found = checkSecretValue(key, value, tier, name);
    problems.push(...found);
    if (found.length === 0) values[key] = value;
  }
  return { values, problems };
}

/** A string that looks like a provider secret, wherever it appears (a plaintext secret in an answers file). */
export const looksLikeSecret = (value: unknown): boolean => typeof value === "string" && /^(sk_live_|sk_test_|rk_live_|rk_test_|whsec_|sk-[A-Za-z0-9_-]{16,}|re_[A-Za-z0-9]{16,}|xoxb-)/.test(value);
