/**
 * Redaction of secret values in anything asc prints or writes (migration log tails, events, reports, plan JSON).
 * Two kinds of secrets are replaced with `[redacted]`: values the caller knows are secret, and the password
 * part of any URL with credentials (`postgresql://user:pass@host`, `rediss://:pass@host`), known or not.
 *
 * Structured output is redacted in its object model first (`redactDeep`) and serialised after: redacting the
 * serialised text would miss a secret with a `"`, a `\` or a newline, which JSON writes escaped.
 */

export const REDACTED = "[redacted]";

/** `scheme://user:password@` — the password stops at whitespace, `@` or `/`, so `host:port/path@x` is left alone. */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:@/]*):([^\s@/]+)@/gi;

/**
 * Returns a function that redacts `text`. Known secrets are replaced longest first, so a secret that contains
 * another is replaced whole. Empty values are ignored.
 */
export function createRedactor(secrets: readonly string[] = []): (text: string) => string {
  const known = [...new Set(secrets.filter((s) => s.length > 0).flatMap(withEscapedForm))].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const secret of known) out = out.split(secret).join(REDACTED);
    return out.replace(URL_PASSWORD, (_match, scheme: string, user: string) => `${scheme}${user}:${REDACTED}@`);
  };
}

/**
 * A secret and, when JSON writes it differently, its JSON-escaped form: text that quotes JSON (an engine diagnostic
 * showing a property, a log line that prints an object) carries the secret escaped.
 */
function withEscapedForm(secret: string): string[] {
  const escaped = JSON.stringify(secret).slice(1, -1);
  return escaped === secret ? [secret] : [secret, escaped];
}

/** Replaces every string inside a value (not the keys) with its redacted form; the result is safe to serialise. */
export function redactDeep<T>(value: T, redactText: (s: string) => string): T {
  if (typeof value === "string") return redactText(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redactText)) as T;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, redactText)])) as T;
  return value;
}

/** Replaces every known secret value and every URL password in `text` with `[redacted]`. */
export function redact(text: string, secrets: readonly string[] = []): string {
  return createRedactor(secrets)(text);
}
