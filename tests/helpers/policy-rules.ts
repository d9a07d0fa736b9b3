/**
 * A table-driven harness for policy rules: a compliant fixture, then cases that each assert the exact messages.
 * Every rule test also checks, for free, that the fixture's inputs turned "[unknown]" or "[secret]" one at a time
 * never produce a violation.
 */
import type { TierName } from "../../src/config/schema.js";
import type { PolicyContext, PolicyExemptionConfig, PolicyRule, ResourceProps } from "../../src/policies/index.js";

export function policyContext(tier: TierName = "production", options: { exposeApi?: boolean; exemptions?: PolicyExemptionConfig[] } = {}): PolicyContext {
  return { tier, config: { app: { exposeApi: options.exposeApi ?? true }, policyExemptions: options.exemptions ?? [] } };
}

const PATH_PART = /([^.[\]]+)|\[(\d+)\]/g;

/** A deep copy of `base` with `path` (`a.b[0].c`) set to `value`; `undefined` deletes the property. */
export function withInput<T extends ResourceProps>(base: T, path: string, value: unknown): T {
  const copy = structuredClone(base) as Record<string, unknown>;
  const keys = [...path.matchAll(PATH_PART)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
  let node: Record<string | number, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    if (node[key] === null || typeof node[key] !== "object") node[key] = {};
    node = node[key] as Record<string | number, unknown>;
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy as T;
}

/** Applies several `withInput` changes in order. */
export const withInputs = <T extends ResourceProps>(base: T, changes: Record<string, unknown>): T =>
  Object.entries(changes).reduce((props, [path, value]) => withInput(props, path, value), base);

export interface RuleCase {
  readonly title: string;
  readonly props: ResourceProps;
  /** Defaults to the spec's type. */
  readonly type?: string;
  readonly ctx?: PolicyContext;
}

export interface ViolationCase extends RuleCase {
  readonly expected: readonly string[];
}

export interface RuleSpec {
  readonly type: string;
  readonly compliant: ResourceProps;
  /** Other inputs that must pass: unknown values, provider defaults, shapes the rule does not apply to. */
  readonly passes?: readonly RuleCase[];
  readonly violations: readonly ViolationCase[];
  readonly ctx?: PolicyContext;
}

export function describeRule(rule: PolicyRule, spec: RuleSpec): void {
  const defaultCtx = spec.ctx ?? policyContext();
  const run = (c: RuleCase) => rule.check(c.type ?? spec.type, c.props, c.ctx ?? defaultCtx);

  describe(rule.name, () => {
    it("GIVEN the fixture's type WHEN the rule's resource types are read THEN they include it", () => {
      expect(rule.resourceTypes === "*" || rule.resourceTypes.includes(spec.type)).toBe(true);
    });

    it("GIVEN the compliant fixture WHEN checked THEN there is no violation", () => {
      expect(run({ title: "compliant", props: spec.compliant })).toEqual([]);
    });

    const opaqueCases = Object.keys(spec.compliant).flatMap((key) =>
      ["[unknown]", "[secret]"].map((marker) => ({ title: `${key} is ${marker}`, props: withInput(spec.compliant, key, marker) })),
    );
    if (opaqueCases.length > 0) {
      it.each(opaqueCases)("GIVEN $title WHEN checked THEN there is no violation", (c) => {
        expect(run(c)).toEqual([]);
      });
    }

    if (spec.passes && spec.passes.length > 0) {
      it.each(spec.passes)("GIVEN $title WHEN checked THEN there is no violation", (c) => {
        expect(run(c)).toEqual([]);
      });
    }

    it.each(spec.violations)("GIVEN $title WHEN checked THEN it reports exactly the expected messages", (c) => {
      expect(run(c)).toEqual(c.expected);
    });
  });
}
