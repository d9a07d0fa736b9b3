/**
 * Redaction of secret values in anything asc prints or writes (migration log tails, reports).
 * Two kinds of secrets are replaced with `[redacted]`: values the caller knows are secret, and the password
 * part of any URL with credentials (`postgresql://user:pass@host`, `rediss://:pass@host`), known or not.
 */

export const REDACTED = "[redacted]";

/** `scheme://user:password@` — the password stops at whitespace, `@` or `/`, so `host:port/path@x` is left alone. */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:@/]*):([^\s@/]+)@/gi;

/**
 * Returns a function that redacts `text`. Known secrets are replaced longest first, so a secret that contains
 * another is replaced whole. Empty values are ignored.
 */
export function createRedactor(secrets: readonly string[] = []): (text: string) => string {
  const known = [...new Set(secrets.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const secret of known) out = out.split(secret).join(REDACTED);
    return out.replace(URL_PASSWORD, (_match, scheme: string, user: string) => `${scheme}${user}:${REDACTED}@`);
  };
}

/** Replaces every known secret value and every URL password in `text` with `[redacted]`. */
export function redact(text: string, secrets: readonly string[] = []): string {
  return createRedactor(secrets)(text);
}
