import fc from "fast-check";
import { createRedactor, redact, redactDeep, REDACTED } from "../../src/deploy/redact.js";

/** A secret JSON writes escaped: a quote, a backslash, a newline, and non-ASCII characters. */
const AWKWARD = 'p"a\\ss\nwörd€';

describe("redact", () => {
  it.each([
    // text, known secrets, expected
    ["postgresql+asyncpg://app:s3cr3t@db.internal:5432/app", [], "postgresql+asyncpg://app:[redacted]@db.internal:5432/app"],
    ["rediss://:r3dis-pass@cache.internal:6380/0", [], "rediss://:[redacted]@cache.internal:6380/0"],
    ["a=postgres://u:p1@h/db b=https://user:p%40ss@example.com/x", [], "a=postgres://u:[redacted]@h/db b=https://user:[redacted]@example.com/x"],
    ["https://example.com:8443/path@v2 and http://host:8080/a", [], "https://example.com:8443/path@v2 and http://host:8080/a"],
    ["mailto-like user@example.com stays", [], "mailto-like user@example.com stays"],
    ["token sk-live-abc123 used twice: sk-live-abc123", ["sk-live-abc123"], "token [redacted] used twice: [redacted]"],
    ["key=abcdef and key2=abc", ["abc", "abcdef"], "key=[redacted] and key2=[redacted]"],
    ["regex chars a.b*c+(d) stay literal: a.b*c+(d) axbxc", ["a.b*c+(d)"], "regex chars [redacted] stay literal: [redacted] axbxc"],
    ["empty secrets are ignored", [""], "empty secrets are ignored"],
    ["DATABASE_URL=postgresql://app:pw@db/app", ["postgresql://app:pw@db/app"], "DATABASE_URL=[redacted]"],
  ])("GIVEN %j with secrets %j THEN it becomes %j", (text, secrets, expected) => {
    expect(redact(text, secrets)).toBe(expected);
  });

  it("GIVEN a redactor built once THEN it redacts every text it is given", () => {
    const redactor = createRedactor(["hunter2"]);
    expect(["pw hunter2", "none", "x://u:hunter3@h"].map(redactor)).toEqual(["pw [redacted]", "none", "x://u:[redacted]@h"]);
  });

  // Secrets of 11+ characters cannot occur inside "[redacted]" (10 characters), so they must vanish entirely.
  const secret = fc.string({ minLength: 11, maxLength: 40, unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.+/=") });

  it("PROPERTY: a known secret never survives, wherever it sits in the text", () => {
    fc.assert(
      fc.property(fc.string(), secret, fc.string(), secret, (before, s1, after, s2) => {
        const out = redact(`${before}${s1}${after}${s2}${s1}`, [s1, s2]);
        return !out.includes(s1) && !out.includes(s2) && out.includes(REDACTED);
      }),
    );
  });

  it("PROPERTY: the password of a credential URL (reserved characters percent-encoded) never survives", () => {
    const password = fc.string({ minLength: 1, maxLength: 40, unit: fc.constantFrom(..."abcXYZ019-_.~!$&'()*+,;=%:") });
    const word = fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789") });
    fc.assert(
      fc.property(fc.constantFrom("postgresql", "postgres", "rediss", "redis", "amqps", "https"), fc.option(word, { nil: "" }), password, word, (scheme, user, password, host) => {
        const out = redact(`connecting to ${scheme}://${user}:${password}@${host}:5432/db now`);
        return out === `connecting to ${scheme}://${user}:${REDACTED}@${host}:5432/db now`;
      }),
    );
  });

  it("PROPERTY: text without secrets or credential URLs is unchanged", () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(..."abc xyz:/.-=\n") }), (text) => redact(text, []) === text));
  });

  it("GIVEN a secret JSON escapes WHEN text quotes it JSON-escaped (an engine diagnostic showing a property) THEN that form is redacted too", () => {
    const escaped = JSON.stringify(AWKWARD).slice(1, -1);
    expect(escaped).toBe('p\\"a\\\\ss\\nwörd€');
    expect(redact(`raw ${AWKWARD} and quoted {"password":"${escaped}"}`, [AWKWARD])).toBe('raw [redacted] and quoted {"password":"[redacted]"}');
  });

  it("GIVEN an object model with the secret in strings at any depth WHEN redacted, then serialised THEN neither the raw nor the escaped form survives", () => {
    const model = { message: `failed: ${AWKWARD}`, tail: ["ok", `pw=${AWKWARD}`], nested: { deeper: [{ v: AWKWARD }] }, n: 3, none: null };
    const text = JSON.stringify(redactDeep(model, createRedactor([AWKWARD])));
    expect(JSON.parse(text)).toEqual({ message: "failed: [redacted]", tail: ["ok", "pw=[redacted]"], nested: { deeper: [{ v: "[redacted]" }] }, n: 3, none: null });
    expect(text).not.toContain(AWKWARD);
    expect(text).not.toContain(JSON.stringify(AWKWARD).slice(1, -1));
  });
});
