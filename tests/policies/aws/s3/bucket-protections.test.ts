import { s3BucketProtections } from "../../../../src/policies/aws/s3/bucket-protections.js";
import { evaluatePolicies } from "../../../../src/policies/evaluate.js";
import type { StackResourceView } from "../../../../src/policies/rule.js";
import { policyContext } from "../../../helpers/policy-rules.js";

const BUCKET = "urn:pulumi:prod::asc::aws:s3/bucket:Bucket::uploads";
const bucket: StackResourceView = { urn: BUCKET, type: "aws:s3/bucket:Bucket", name: "uploads", inputs: {}, dependencies: [] };
const companion = (type: string, name: string): StackResourceView => ({ urn: `urn:pulumi:prod::asc::${type}::${name}`, type, name, inputs: { bucket: "uploads-id" }, dependencies: [BUCKET] });
const COMPLIANT: StackResourceView[] = [
  bucket,
  companion("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "uploads-pab"),
  companion("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "uploads-sse"),
  companion("aws:s3/bucketVersioning:BucketVersioning", "uploads-versioning"),
  companion("aws:s3/bucketPolicy:BucketPolicy", "uploads-policy"),
];
const ctx = policyContext("production");
const check = (resources: StackResourceView[]) => s3BucketProtections.checkStack!(resources, ctx);

describe("asc-aws-s3-bucket-protections (stack-level)", () => {
  it("GIVEN a bucket with all four companions THEN no violation", () => {
    expect(check(COMPLIANT)).toEqual([]);
  });

  it.each([
    ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "the bucket has no aws.s3.BucketPublicAccessBlock attached"],
    ["aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "the bucket has no aws.s3.BucketServerSideEncryptionConfiguration attached"],
    ["aws:s3/bucketVersioning:BucketVersioning", "the bucket has no aws.s3.BucketVersioning attached"],
    ["aws:s3/bucketPolicy:BucketPolicy", "the bucket has no aws.s3.BucketPolicy attached"],
  ])("GIVEN the %s is missing THEN the bucket is reported", (type, message) => {
    expect(check(COMPLIANT.filter((r) => r.type !== type))).toEqual([{ urn: BUCKET, message }]);
  });

  it("GIVEN a bare bucket THEN every missing companion is named in one message", () => {
    expect(check([bucket])).toEqual([{ urn: BUCKET, message: "the bucket has no aws.s3.BucketPublicAccessBlock, no aws.s3.BucketServerSideEncryptionConfiguration, no aws.s3.BucketVersioning, no aws.s3.BucketPolicy attached" }]);
  });

  it("GIVEN companions that belong to another bucket THEN they do not count", () => {
    const other = COMPLIANT.slice(1).map((r) => ({ ...r, dependencies: ["urn:pulumi:prod::asc::aws:s3/bucket:Bucket::other"] }));
    expect(check([bucket, ...other])).toHaveLength(1);
  });

  it("GIVEN the evaluator THEN the stack rule's violation is mandatory on the bucket, and an exemption covers it", () => {
    const resources = [{ ...bucket, dependencies: [] }];
    const plain = evaluatePolicies(resources, ctx, [s3BucketProtections]);
    expect(plain.results).toEqual([expect.objectContaining({ policy: "asc-aws-s3-bucket-protections", urn: BUCKET, name: "uploads", enforcement: "mandatory" })]);
    const exempt = evaluatePolicies(resources, policyContext("production", { exemptions: [{ policy: "asc-aws-s3-bucket-protections", resource: "uploads", reason: "a public static-site bucket", expires: "2030-01-01" }] }), [s3BucketProtections]);
    expect(exempt.results.map((r) => r.enforcement)).toEqual(["exempt"]);
  });
});

describe("asc-aws-s3-bucket-protections in the CrossGuard pack", () => {
  it("GIVEN the pack builder THEN the rule is registered as a stack policy, mandatory in production", async () => {
    const { buildPolicies } = await import("../../../../src/policies/pack.js");
    const policy = buildPolicies({ tier: "production" }).find((p) => p.name === "asc-aws-s3-bucket-protections") as unknown as Record<string, unknown>;
    expect(policy.enforcementLevel).toBe("mandatory");
    expect(typeof policy.validateStack).toBe("function");
    expect(policy.validateResource).toBeUndefined();
  });

  it("GIVEN engine resources THEN the stack policy reports the bare bucket by URN", async () => {
    const { buildPolicies } = await import("../../../../src/policies/pack.js");
    const policy = buildPolicies({ tier: "production" }).find((p) => p.name === "asc-aws-s3-bucket-protections") as unknown as { validateStack: (args: unknown, report: (m: string, urn?: string) => void) => void };
    const engineResource = (r: StackResourceView) => ({ urn: r.urn, type: r.type, name: r.name, props: r.inputs, dependencies: [], propertyDependencies: r.dependencies.length ? { bucket: [{ urn: BUCKET }] } : {} });
    const reported: [string, string | undefined][] = [];
    policy.validateStack({ resources: [bucket, COMPLIANT[1]].map(engineResource), getConfig: () => ({ tier: "production" }) }, (m, urn) => reported.push([m, urn]));
    expect(reported).toEqual([["the bucket has no aws.s3.BucketServerSideEncryptionConfiguration, no aws.s3.BucketVersioning, no aws.s3.BucketPolicy attached", BUCKET]]);
  });
});
