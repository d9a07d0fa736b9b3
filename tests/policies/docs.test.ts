import { POLICY_RULES, renderPolicyDocs, TAGGABLE_TYPES } from "../../src/policies/index.js";

const doc = renderPolicyDocs();
const rows = doc.split("\n").filter((line) => line.startsWith("| `asc-"));

describe("renderPolicyDocs", () => {
  it("GIVEN every rule WHEN the docs are rendered THEN the table has one row per rule, in rule order", () => {
    expect(rows.map((row) => /^\| `(asc-[a-z0-9-]+)`/.exec(row)?.[1])).toEqual(POLICY_RULES.map((r) => r.name));
  });

  it("GIVEN the rows WHEN their cells are counted THEN each has the 8 columns", () => {
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length - 2).toBe(8);
    expect(doc).toContain("| Rule | Cloud | Resource types | Severity | Frameworks | Mandatory in | Dev override | Remediation |");
  });

  it("GIVEN specific rules WHEN rendered THEN tiers, override, frameworks and types read as documented", () => {
    const row = rows.find((r) => r.startsWith("| `asc-aws-rds-not-public`"));
    expect(row).toBe(
      "| `asc-aws-rds-not-public`<br>An RDS instance is not publicly accessible (unset means false). | aws | `aws:rds/instance:Instance` | critical | Checkov CKV_AWS_17; AWS FSBP RDS.2 | staging, production | `publicDatabase` (advisory in dev) | Set publiclyAccessible: false and keep the instance in private subnets; in dev only, asc:devOverrides.publicDatabase relaxes this. |",
    );
    expect(rows.find((r) => r.startsWith("| `asc-tags-required`"))).toContain(`| ${TAGGABLE_TYPES.length} types ([listed below](#asc-tags-required-types)) |`);
    expect(rows.find((r) => r.startsWith("| `asc-secrets-no-plaintext`"))).toContain("*(offline preview only)* | any | every resource |");
    for (const type of TAGGABLE_TYPES) expect(doc).toContain(`- \`${type}\``);
  });

  it("GIVEN the same rules WHEN rendered twice THEN the output is identical (stable for a drift test)", () => {
    expect(renderPolicyDocs()).toBe(doc);
  });
});

describe("renderPolicyDocs escaping", () => {
  it("GIVEN rule text with placeholders, stars and pipes WHEN rendered THEN the cells stay literal", () => {
    const rule = { ...POLICY_RULES[0], name: "asc-test-escape", description: "a *b* | c", remediation: "set x: <bucket> & go", devOverride: undefined, resourceTypes: ["t:a|b"] };
    const row = renderPolicyDocs([rule]).split("\n").find((l) => l.startsWith("| `asc-test-escape`"));
    expect(row).toBe("| `asc-test-escape`<br>a \\*b\\* \\| c | aws | `t:a\\|b` | high | Checkov CKV2_AWS_20; AWS FSBP ELB.1 | staging, production | — | set x: &lt;bucket&gt; &amp; go |");
  });
});
