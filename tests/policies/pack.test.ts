import * as policySdk from "@pulumi/policy";
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import type { TierName } from "../../src/config/schema.js";
import { enforcementFor, evaluatePolicies, POLICY_RULES } from "../../src/policies/index.js";
import { buildPolicies, buildPolicyPackConfig, PACK_CONFIG_SCHEMA, readPackPolicyConfig, toRuleProps } from "../../src/policies/pack.js";
import { policyContext } from "../helpers/policy-rules.js";

const UNKNOWN_BOOL = "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7";
const DB_TYPE = "aws:rds/instance:Instance";
const packNames = POLICY_RULES.filter((r) => !r.offlineOnly).map((r) => r.name);

function policy(name: string, tier?: TierName): ResourceValidationPolicy {
  const found = buildPolicies({ tier }).find((p) => p.name === name);
  if (!found) throw new Error(`no policy ${name}`);
  return found;
}

/** Runs a policy's validateResource the way the analyzer does: props behind the unknown-checking proxy. */
function validate(p: ResourceValidationPolicy, resource: { type: string; name: string; props: Record<string, unknown> }, config: Record<string, unknown> = {}): string[] {
  const reported: string[] = [];
  const args = {
    type: resource.type,
    name: resource.name,
    urn: `urn:pulumi:prod::asc::${resource.type}::${resource.name}`,
    props: policySdk.unknownCheckingProxy(resource.props),
    getConfig: () => config,
  } as unknown as ResourceValidationArgs;
  const validations = Array.isArray(p.validateResource) ? p.validateResource : [p.validateResource];
  for (const v of validations) void v?.(args, (message: string) => reported.push(message));
  return reported;
}

describe("buildPolicies", () => {
  it("GIVEN the rules WHEN the pack policies are built THEN every rule but the offline-only one is registered, in order", () => {
    expect(buildPolicies().map((p) => p.name)).toEqual(packNames);
    expect(packNames).not.toContain("asc-secrets-no-plaintext");
    expect(packNames).toHaveLength(POLICY_RULES.length - 1);
  });

  it.each<TierName>(["dev", "staging", "production"])("GIVEN tier %s WHEN built THEN each enforcement level follows the tier table", (tier) => {
    const levels = Object.fromEntries(buildPolicies({ tier }).map((p) => [p.name, p.enforcementLevel]));
    expect(levels).toEqual(Object.fromEntries(POLICY_RULES.filter((r) => !r.offlineOnly).map((r) => [r.name, enforcementFor(r, tier)])));
  });

  it.each<[string, TierName, string]>([
    ["asc-aws-rds-not-public", "dev", "advisory"],
    ["asc-aws-rds-not-public", "staging", "mandatory"],
    ["asc-aws-rds-multi-az", "staging", "advisory"],
    ["asc-aws-rds-multi-az", "production", "mandatory"],
    ["asc-aws-rds-storage-encrypted", "dev", "mandatory"],
    ["asc-azure-keyvault-purge-protection", "dev", "advisory"],
  ])("GIVEN %s in %s WHEN built THEN it is %s", (name, tier, level) => {
    expect(policy(name, tier).enforcementLevel).toBe(level);
  });

  it("GIVEN no tier WHEN built THEN production levels apply and each policy carries its metadata and config schema", () => {
    const p = policy("asc-aws-rds-storage-encrypted");
    expect(p).toMatchObject({ enforcementLevel: "mandatory", severity: "high", configSchema: PACK_CONFIG_SCHEMA, tags: ["cloud:aws", "checkov:CKV_AWS_16", "aws-fsbp:RDS.3"] });
    expect(Object.keys(PACK_CONFIG_SCHEMA.properties)).toEqual(["tier", "exemptions", "exposeApi", "browserUploads"]);
  });

  it("GIVEN a violating resource WHEN validated THEN the pack reports the same messages as the offline evaluator", () => {
    const props = { engine: "postgres", storageEncrypted: false, multiAz: false, tags: {} };
    const offline = evaluatePolicies([{ urn: "u", type: DB_TYPE, name: "db", inputs: props }], policyContext("production")).results;
    const inPack = buildPolicies().flatMap((p) => validate(p, { type: DB_TYPE, name: "db", props }));
    expect(inPack).toEqual(offline.filter((r) => r.policy !== "asc-secrets-no-plaintext").map((r) => r.message));
    expect(inPack).toContain("storageEncrypted is false; it must be true");
  });

  it("GIVEN a value the engine does not know yet WHEN validated THEN nothing is reported and nothing throws", () => {
    expect(validate(policy("asc-aws-rds-storage-encrypted"), { type: DB_TYPE, name: "db", props: { storageEncrypted: UNKNOWN_BOOL } })).toEqual([]);
  });

  it("GIVEN another type WHEN validated THEN the policy does not apply", () => {
    expect(validate(policy("asc-aws-rds-storage-encrypted"), { type: "aws:s3/bucket:Bucket", name: "b", props: {} })).toEqual([]);
  });

  it("GIVEN an exemption in the policy config WHEN validated THEN the exempted resource is not reported, others are", () => {
    const p = policy("asc-aws-rds-storage-encrypted");
    const config = { tier: "production", exemptions: [{ policy: p.name, resource: "legacy-db", reason: "restored from an old snapshot", expires: "2099-01-01" }] };
    expect(validate(p, { type: DB_TYPE, name: "legacy-db", props: { storageEncrypted: false } }, config)).toEqual([]);
    expect(validate(p, { type: DB_TYPE, name: "db", props: { storageEncrypted: false } }, config)).toEqual(["storageEncrypted is false; it must be true"]);
  });

  it("GIVEN exposeApi in the policy config WHEN an external api app is validated THEN it decides the verdict", () => {
    const p = policy("asc-azure-containerapps-external-ingress");
    const app = { type: "azure-native:app:ContainerApp", name: "api", props: { configuration: { ingress: { external: true } }, tags: { "asc-service": "api" } } };
    expect(validate(p, app, { tier: "dev", exposeApi: true })).toEqual([]);
    expect(validate(p, app, {})).toEqual(["configuration.ingress.external is true for the api, but asc:app.exposeApi is false; the api's ingress must be internal"]);
    // Outside dev the api's own ingress stays internal even with exposeApi: its public paths go through the route host.
    expect(validate(p, app, { exposeApi: true })).toEqual([
      "configuration.ingress.external is true for the api in production, which would make every path public (/metrics, /api/v1/*); outside dev the api's ingress is internal and only the contract's public paths reach it through the environment's HTTP route configuration",
    ]);
  });
});

describe("buildPolicyPackConfig", () => {
  it("GIVEN a dev context with exemptions WHEN the pack config is built THEN each policy gets its level, the tier and only its own exemptions", () => {
    const exemption = { policy: "asc-aws-rds-iam-auth", resource: "db", reason: "a tool that cannot do IAM auth", expires: "2099-01-01" };
    const config = buildPolicyPackConfig(policyContext("dev", { exposeApi: false, exemptions: [exemption] }));
    expect(Object.keys(config)).toEqual(packNames);
    expect(config["asc-aws-rds-iam-auth"]).toEqual({ enforcementLevel: "advisory", tier: "dev", exposeApi: false, browserUploads: false, exemptions: [exemption] });
    expect(config["asc-aws-rds-storage-encrypted"]).toEqual({ enforcementLevel: "mandatory", tier: "dev", exposeApi: false, browserUploads: false, exemptions: [] });
  });

  it("GIVEN malformed policy config WHEN read THEN strict defaults apply", () => {
    expect(readPackPolicyConfig({ tier: "qa", exemptions: [{ policy: "x" }, "y"], exposeApi: "yes", browserUploads: "yes" })).toEqual({ tier: "production", exemptions: [], exposeApi: false, browserUploads: false });
  });
});

describe("toRuleProps", () => {
  it("GIVEN engine props with unknowns inside the proxy WHEN copied THEN unknowns become [unknown]", () => {
    const props = policySdk.unknownCheckingProxy({ a: UNKNOWN_BOOL, list: [1, UNKNOWN_BOOL], nested: { b: "x" } });
    expect(toRuleProps(props)).toEqual({ a: "[unknown]", list: [1, "[unknown]"], nested: { b: "x" } });
  });
});
