import type { BlueprintConfig, TierName } from "../../src/config/schema.js";
import { evaluatePolicies, POLICY_RULES, type PolicyConfigView, type PolicyResource } from "../../src/policies/index.js";
import { rdsMultiAz } from "../../src/policies/aws/rds/multi-az.js";
import { rdsNotPublic } from "../../src/policies/aws/rds/not-public.js";
import { rdsStorageEncrypted } from "../../src/policies/aws/rds/storage-encrypted.js";
import { policyContext } from "../helpers/policy-rules.js";

const TAGS = { project: "asc", profile: "p", tier: "production", "managed-by": "asc" };
const db: PolicyResource = {
  urn: "urn:pulumi:prod::asc::asc:aws:Database$aws:rds/instance:Instance::asc-db-instance",
  type: "aws:rds/instance:Instance",
  name: "asc-db-instance",
  inputs: { engine: "mysql", storageEncrypted: false, publiclyAccessible: true, multiAz: false, deletionProtection: true, backupRetentionPeriod: 7, iamDatabaseAuthenticationEnabled: true, monitoringInterval: 60, monitoringRoleArn: "arn:aws:iam::123456789012:role/asc-db-monitoring", tags: TAGS },
};
const rules = [rdsStorageEncrypted, rdsNotPublic, rdsMultiAz];

/** The CLI passes the resolved BlueprintConfig as ctx.config: it must satisfy the view rules read. */
const blueprintConfigFits: BlueprintConfig extends PolicyConfigView ? true : false = true;

describe("evaluatePolicies", () => {
  it("GIVEN the resolved BlueprintConfig type WHEN used as the policy context's config THEN it type-checks", () => {
    expect(blueprintConfigFits).toBe(true);
  });

  it.each<[TierName, string, string, string]>([
    ["dev", "mandatory", "advisory", "advisory"],
    ["staging", "mandatory", "mandatory", "advisory"],
    ["production", "mandatory", "mandatory", "mandatory"],
  ])("GIVEN tier %s WHEN a public, unencrypted, single-AZ database is evaluated THEN encryption is %s, public access %s, Multi-AZ %s", (tier, encrypted, notPublic, multiAz) => {
    const { results } = evaluatePolicies([db], policyContext(tier), rules);
    expect(results.map((r) => [r.policy, r.enforcement])).toEqual([
      ["asc-aws-rds-storage-encrypted", encrypted],
      ["asc-aws-rds-not-public", notPublic],
      ["asc-aws-rds-multi-az", multiAz],
    ]);
  });

  it("GIVEN a violation WHEN evaluated THEN the result carries the resource, message, remediation and severity", () => {
    const { results } = evaluatePolicies([db], policyContext("production"), [rdsStorageEncrypted]);
    expect(results).toEqual([
      {
        policy: "asc-aws-rds-storage-encrypted",
        urn: db.urn,
        name: "asc-db-instance",
        type: "aws:rds/instance:Instance",
        enforcement: "mandatory",
        message: "storageEncrypted is false; it must be true",
        remediation: rdsStorageEncrypted.remediation,
        severity: "high",
      },
    ]);
  });

  it("GIVEN exemptions by logical name and by URN WHEN evaluated THEN matching violations are exempt with the reason and the use is reported", () => {
    const byName = { policy: "asc-aws-rds-multi-az", resource: "asc-db-instance", reason: "single-AZ until the reserved instance renews", expires: "2099-01-31" };
    const byUrn = { policy: "asc-aws-rds-not-public", resource: db.urn, reason: "vendor migration over a public endpoint", expires: "2099-01-31" };
    const unused = { policy: "asc-aws-rds-iam-auth", resource: "asc-db-instance", reason: "no IAM auth in this migration tool", expires: "2099-01-31" };
    const other = { policy: "asc-aws-rds-storage-encrypted", resource: "another-db", reason: "a different resource entirely", expires: "2099-01-31" };
    const evaluation = evaluatePolicies([db], policyContext("production", { exemptions: [byName, byUrn, unused, other] }), rules);
    expect(evaluation.results.map((r) => [r.policy, r.enforcement, r.exemptionReason])).toEqual([
      ["asc-aws-rds-storage-encrypted", "mandatory", undefined],
      ["asc-aws-rds-not-public", "exempt", byUrn.reason],
      ["asc-aws-rds-multi-az", "exempt", byName.reason],
    ]);
    expect(evaluation.exemptionsUsed).toEqual([
      { exemption: byUrn, urns: [db.urn] },
      { exemption: byName, urns: [db.urn] },
    ]);
    expect(evaluation.exemptionsUnused).toEqual([unused, other]);
  });

  it("GIVEN a component and an unknown type WHEN evaluated with every rule THEN only every-type rules run", () => {
    const component: PolicyResource = { urn: "urn:c", type: "asc:aws:Database", name: "asc-db", inputs: { password: "plain" } };
    const { results } = evaluatePolicies([component], policyContext("dev"));
    expect(results.map((r) => [r.policy, r.message])).toEqual([
      ["asc-secrets-no-plaintext", "password holds a plaintext secret; pass it as a Pulumi secret (pulumi.secret) or as a reference (a Secrets Manager ARN or a Key Vault secret URI)"],
    ]);
  });

  it("GIVEN inputs not known yet WHEN evaluated with every rule THEN nothing is reported", () => {
    const unknownDb: PolicyResource = { ...db, inputs: Object.fromEntries(Object.keys(db.inputs).map((k) => [k, "[unknown]"])) };
    expect(evaluatePolicies([unknownDb], policyContext("production")).results).toEqual([]);
  });

  // How long this takes is measured by `npm run bench` (policy evaluation over aws-production), not here.
  it("GIVEN 300 resources of every rule's types WHEN evaluated with all rules THEN every resource is looked at, and a second run reports the same", () => {
    const types = [...new Set(POLICY_RULES.flatMap((r) => (r.resourceTypes === "*" ? [] : r.resourceTypes)))];
    const resources: PolicyResource[] = Array.from({ length: 300 }, (_, i) => ({
      urn: `urn:pulumi:prod::asc::${types[i % types.length]}::r${i}`,
      type: types[i % types.length],
      name: `r${i}`,
      inputs: { ...db.inputs, containerDefinitions: JSON.stringify([{ name: "api", environment: [{ name: "DB_PASSWORD", value: "x" }] }]), tags: {} },
    }));
    const ctx = policyContext("production");
    const first = evaluatePolicies(resources, ctx).results;
    expect(first.length).toBeGreaterThan(300);
    expect(new Set(first.map((r) => r.urn)).size).toBe(300);
    expect(evaluatePolicies(resources, ctx).results).toEqual(first);
  });
});
