/**
 * The policy pack in the offline preview: the shipped production profile is clean, dev's overrides show up as
 * advisory, and an insecure staging stack (components used on their own, beside a resource of the user's) exits 3.
 */
import * as aws from "../../src/components/aws/sdk.js";
import * as pulumi from "@pulumi/pulumi";
import type { LoadedProfile } from "../../src/config/load.js";
import { evaluatePlanPolicies } from "../../src/policies/plan-policies.js";
import { previewExitCode, runOfflinePreview } from "../../src/preview/offline.js";
import type { PlanV1 } from "../../src/preview/plan.js";
import { testConfig } from "../helpers/config.js";
import { runAsc } from "../helpers/cli.js";

describe("policies in the offline preview", () => {
  it("GIVEN aws-production THEN no policy is violated and the preview exits 0", async () => {
    const result = await runAsc(["preview", "--profile", "aws-production", "--offline", "--json"]);
    const plan = JSON.parse(result.stdout) as PlanV1;
    expect(plan.summary.violations).toEqual({ mandatory: 0, advisory: 0 });
    expect(result.code).toBe(0);
  });

  it("GIVEN aws-dev with its overrides THEN the relaxed rules are advisory and the preview exits 0", async () => {
    const result = await runAsc(["preview", "--profile", "aws-dev", "--offline"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Policies: 0 mandatory, \d+ advisory violation\(s\)$/m);
    expect(result.stdout).toContain('[advisory] asc-aws-alb-http-redirect-only on asc-dev-lb-http: defaultActions[0].type is "fixed-response"');
    expect(result.stdout).toContain("[advisory] asc-aws-s3-no-force-destroy on asc-dev-storage-bucket: forceDestroy is true; it must be false");
  });

  it("GIVEN an insecure staging stack (public database, HTTP only, an unencrypted bucket) THEN the preview exits 3 naming each rule", async () => {
    // The config layer refuses dev overrides outside dev, so this stack is what a user gets by composing asc's
    // components with their own settings: the policies are the second line of defence.
    const dev = testConfig({ tier: "dev", domain: undefined, billing: { workerTopology: "inline" }, devOverrides: { publicDatabase: true, httpOnly: true } });
    const profile: LoadedProfile = { config: { ...dev, tier: "staging" }, provenance: new Map(), profile: "insecure-staging", file: "(test)" };
    const plan = await runOfflinePreview(profile, evaluatePlanPolicies, {
      program: async ({ config }) => {
        const { AwsBlueprint } = await import("../../src/components/aws/blueprint.js");
        const blueprint = new AwsBlueprint("insecure", { config: { ...config, tier: "dev" }, profile: "insecure-staging", operatorSecrets: { OPENAI_API_KEY: pulumi.secret("x") } });
        const bucket = new aws.s3.Bucket("user-exports", { tags: { project: "insecure", profile: "insecure-staging", tier: "staging", "managed-by": "asc" } });
        new aws.s3.BucketServerSideEncryptionConfiguration("user-exports-encryption", { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] });
        return { urls: blueprint.outputs.urls } as Record<string, unknown>;
      },
    });
    const mandatory = plan.policies.filter((p) => p.enforcement === "mandatory");
    expect(new Set(mandatory.map((p) => p.policy))).toEqual(
      new Set(["asc-aws-rds-not-public", "asc-aws-alb-http-redirect-only", "asc-aws-s3-sse-kms", "asc-aws-s3-bucket-protections", "asc-aws-vpc-no-public-ingress"]),
    );
    expect(mandatory.find((p) => p.policy === "asc-aws-rds-not-public")).toMatchObject({ urn: expect.stringContaining("insecure-db-instance"), message: "publiclyAccessible is true; it must be false" });
    expect(mandatory.find((p) => p.policy === "asc-aws-s3-sse-kms")).toMatchObject({ urn: expect.stringContaining("user-exports-encryption") });
    expect(mandatory.find((p) => p.policy === "asc-aws-s3-bucket-protections")).toMatchObject({
      urn: expect.stringContaining("::user-exports"),
      message: "the bucket has no aws.s3.BucketPublicAccessBlock, no aws.s3.BucketVersioning, no aws.s3.BucketPolicy attached",
    });
    expect(plan.summary.violations.mandatory).toBe(mandatory.length);
    expect(previewExitCode(plan)).toBe(3);
  });
});
