/**
 * Heuristics for "this looks like a secret", shared by the ECS environment rule and the plaintext-secret rule so
 * both judge names and values the same way.
 */
import { isOpaque } from "./props.js";

/** Words that make a name secret-like: password, secret, token, apiKey/API_KEY, connectionString, pepper, salt, private/shared/account keys. */
const SECRET_WORD = /password|passwd|secret|token|apikey|connectionstring|pepper|salt|privatekey|sharedkey|accountkey/;
/** Endings that make a secret-like name a *reference to* a secret (AUTH_KEY_SECRET_NAME, secretRef, kmsKeyId) or a setting. */
const REFERENCE_ENDING = /(ref|refs|arn|arns|id|ids|name|names|uri|url|urls|version|versionid|stage|strategy|type|enabled|auth|length|days|period|ttl|policy|provider|backend|rotation|rules)$/;
/** Connection URLs that carry credentials (postgresql://user:pass@…, rediss://:pass@…). */
const CREDENTIAL_URL = /(^|_)(database|redis)_url$/i;
/** `*_KEY` in env-variable style (SECRET_KEY, STRIPE_SECRET_KEY, OPENAI_API_KEY). */
const ENV_KEY = /_key$/i;

/** Whether a property or variable name looks like it holds a secret. */
export function looksLikeSecretName(name: string): boolean {
  if (CREDENTIAL_URL.test(name) || ENV_KEY.test(name)) return true;
  const compact = name.toLowerCase().replace(/[^a-z0-9]/g, "");
  return SECRET_WORD.test(compact) && !REFERENCE_ENDING.test(compact);
}

const ARN = /^arn:aws[a-z-]*:/;
const KEY_VAULT_URI = /^https:\/\/[a-z0-9-]+\.vault\.(azure\.net|azure\.cn|usgovcloudapi\.net)(:443)?\//i;
const KEY_VAULT_REFERENCE = /^@Microsoft\.KeyVault\(/i;
const SETTING_WORD = /^(enabled|disabled|true|false|on|off|none|required|optional)$/i;

/** Whether a string in a secret-like slot is safe: redacted, not known yet, empty, a reference, or a setting word. */
export function isSafeSecretValue(value: string): boolean {
  const trimmed = value.trim();
  return (
    trimmed === "" ||
    isOpaque(trimmed) ||
    ARN.test(trimmed) ||
    KEY_VAULT_URI.test(trimmed) ||
    KEY_VAULT_REFERENCE.test(trimmed) ||
    SETTING_WORD.test(trimmed)
  );
}
