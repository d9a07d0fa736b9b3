/**
 * Every policy's fix names the asc: key that changes what the rule finds, when one exists: the rules' declared
 * configKeys (every dev override among them), each a real profile key, each named in the remediation; and every
 * asc: key a remediation mentions is a real one.
 */
import { POLICY_RULES } from "../../src/policies/registry.js";
import { BlueprintConfigSchema, SERVICES } from "../../src/config/schema.js";
import { listLeaves } from "../../src/config/schema-walk.js";

const KEYS = new Set(listLeaves(BlueprintConfigSchema).map((l) => l.path));
const expand = (key: string) => (key.includes("<service>") ? SERVICES.map((s) => key.replace("<service>", s)) : [key]);
// A key a remediation mentions, up to a key path's end (`asc:services.<service>.replicas` kept whole).
const MENTIONED = /asc:([A-Za-z][A-Za-z0-9]*(?:\.(?:<service>|[A-Za-z][A-Za-z0-9]*))*)/g;
const isKeyOrParent = (key: string) => expand(key).every((k) => KEYS.has(k) || [...KEYS].some((leaf) => leaf.startsWith(`${k}.`)));

describe("policy fixes name the asc: keys that change them", () => {
  it.each(POLICY_RULES.map((r) => [r.name, r] as const))("%s", (_name, rule) => {
    const declared = rule.configKeys ?? [];
    if (rule.devOverride) expect(declared).toContain(`devOverrides.${rule.devOverride}`);
    for (const key of declared) {
      expect({ key, real: expand(key).every((k) => KEYS.has(k)) }).toEqual({ key, real: true });
      expect(rule.remediation).toContain(`asc:${key}`);
    }
    for (const [, key] of rule.remediation.matchAll(MENTIONED)) {
      expect({ key, real: isKeyOrParent(key) }).toEqual({ key, real: true });
    }
  });

  it("GIVEN the rules that read the profile's config THEN they declare those keys", () => {
    // ctx.config reads in rule checks: asc:app.exposeApi and asc:azure.browserUploads.
    const reading = POLICY_RULES.filter((r) => /ctx\.config\.(app|azure)/.test(r.check.toString()));
    expect(reading.length).toBeGreaterThan(0);
    for (const rule of reading) expect({ rule: rule.name, keys: rule.configKeys ?? [] }).toEqual({ rule: rule.name, keys: expect.arrayContaining([expect.stringMatching(/^(app|azure)\./)]) });
  });
});
