/**
 * AwsBlueprint end to end under mocks: what the whole blueprint wires between its children (the keyset seed, the
 * order of the services, the web's internal route to the api). Each config is built once in beforeAll.
 */
import * as pulumi from "@pulumi/pulumi";
import { AwsBlueprint, type AwsBlueprintArgs } from "../../../src/components/aws/blueprint.js";
import type { BlueprintConfig } from "../../../src/config/schema.js";
import { testConfig } from "../../helpers/config.js";
import { snapshotGraph, type GraphSnapshot } from "../../helpers/graph-snapshot.js";
import { promiseOf, usePulumiMocks } from "../../helpers/pulumi.js";

const mocked = usePulumiMocks({ region: "eu-west-1" });

interface Built {
  readonly graph: GraphSnapshot;
  readonly outputs: Record<string, unknown>;
}

async function build(config: BlueprintConfig, extra: Partial<AwsBlueprintArgs> = {}): Promise<Built> {
  mocked.graph.reset();
  const blueprint = new AwsBlueprint(config.name, { config, profile: "aws-test", operatorSecrets: { OPENAI_API_KEY: pulumi.secret("sk-test-openai-0000") }, ...extra });
  const outputs = (await promiseOf(pulumi.output(blueprint.outputs))) as unknown as Record<string, unknown>;
  return { graph: await snapshotGraph(mocked.graph), outputs };
}

const SEED_TYPE = "aws:secretsmanager/secretVersion:SecretVersion";

let seeded: Built;
let unseeded: Built;
beforeAll(async () => {
  seeded = await build(testConfig({ name: "bpx" }));
  unseeded = await build(testConfig({ name: "bpx" }), { seedKeyset: false });
});

describe("AwsBlueprint keyset seed", () => {
  it("GIVEN the default seedKeyset (true) WHEN built THEN the keyset secret gets one secret seed version, ignored on later ups and retained on delete", () => {
    const seed = seeded.graph.byName("bpx-keys-keyset-seed");
    expect(seed.type).toBe(SEED_TYPE);
    expect(seed.inputs).toEqual({ secretId: "bpx-keys-keyset-id", secretString: "[secret]" });
    expect(seed.ignoreChanges).toEqual(["secretString"]);
    expect(seed.retainOnDelete).toBe(true);
    expect(seeded.outputs.keysetSeeded).toBe(true);
  });

  it("GIVEN seedKeyset false (the stack already seeded) WHEN built THEN no version is registered for the keyset, the secret stays, and keysetSeeded stays true", () => {
    expect(unseeded.graph.resources.filter((r) => r.name === "bpx-keys-keyset-seed")).toEqual([]);
    expect(unseeded.graph.byType(SEED_TYPE).map((v) => v.inputs.secretId)).not.toContain("bpx-keys-keyset-id");
    expect(unseeded.graph.byName("bpx-keys-keyset").type).toBe("aws:secretsmanager/secret:Secret");
    expect(unseeded.outputs.keysetSeeded).toBe(true);
  });
});

describe("AwsBlueprint managed DNS", () => {
  const ZONE = "Z0123456789ABCDEFGHIJ";
  let managed: Built;
  let zoneWithCert: Built;
  beforeAll(async () => {
    managed = await build(testConfig({ name: "dnsx", tier: "production", domain: { web: "app.example.com", api: "api.example.com", hostedZoneId: ZONE } }));
    zoneWithCert = await build(testConfig({ name: "dnsy", domain: { web: "app.example.com", api: "api.example.com", hostedZoneId: ZONE, certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/7a6b5c4d-3e2f-1a0b-9c8d-7e6f5a4b3c2d" } }));
  });

  it("GIVEN a hosted zone and no certificate WHEN built THEN asc requests a DNS-validated certificate, one validation record per host, and the listener uses it", () => {
    expect(managed.graph.byName("dnsx-certificate-cert").inputs).toEqual({
      domainName: "app.example.com",
      subjectAlternativeNames: ["api.example.com"],
      validationMethod: "DNS",
      keyAlgorithm: "RSA_2048",
      tags: expect.objectContaining({ profile: "aws-test" }),
    });
    const validations = managed.graph.byType("aws:route53/record:Record").filter((r) => r.name.startsWith("dnsx-certificate-validation-"));
    expect(validations.map((v) => [v.inputs.zoneId, v.inputs.type, v.inputs.ttl, v.inputs.allowOverwrite])).toEqual([
      [ZONE, "CNAME", 300, true],
      [ZONE, "CNAME", 300, true],
    ]);
    expect(validations.map((v) => String(v.inputs.name))).toEqual([expect.stringMatching(/^_[0-9a-f]{32}\.app\.example\.com\.$/), expect.stringMatching(/^_[0-9a-f]{32}\.api\.example\.com\.$/)]);
    const validation = managed.graph.byName("dnsx-certificate-validation");
    expect(validation.type).toBe("aws:acm/certificateValidation:CertificateValidation");
    expect(validation.inputs.validationRecordFqdns).toEqual(validations.map((v) => String(v.inputs.name).replace(/\.$/, "")));
    const https = managed.graph.byType("aws:lb/listener:Listener").find((l) => l.inputs.port === 443)!;
    expect(https.propertyDependencies.certificateArn).toEqual([validation.urn]);
  });

  it("GIVEN a hosted zone WHEN built THEN both hosts get an alias A record to the load balancer", () => {
    const alb = managed.graph.byType("aws:lb/loadBalancer:LoadBalancer")[0];
    for (const [label, host] of [["web", "app.example.com"], ["api", "api.example.com"]]) {
      const record = managed.graph.byName(`dnsx-dns-${label}`);
      expect(record.inputs).toEqual({ zoneId: ZONE, name: host, type: "A", aliases: [{ name: "dnsx-lb-alb-mock-1234567890.eu-west-1.elb.amazonaws.com", zoneId: "Z2MOCKZONE", evaluateTargetHealth: true }] });
      expect(record.propertyDependencies.aliases).toEqual([alb.urn]);
    }
  });

  it("GIVEN a hosted zone and a certificate WHEN built THEN the aliases are created and no certificate is requested", () => {
    expect(zoneWithCert.graph.byType("aws:acm/certificate:Certificate")).toEqual([]);
    expect(zoneWithCert.graph.byType("aws:route53/record:Record").map((r) => r.name)).toEqual(["dnsy-dns-web", "dnsy-dns-api"]);
  });

  it("GIVEN no hosted zone WHEN built THEN there is no Route 53 record and no ACM certificate (the manual path)", () => {
    expect(seeded.graph.byType("aws:route53/record:Record")).toEqual([]);
    expect(seeded.graph.byType("aws:acm/certificate:Certificate")).toEqual([]);
  });
});

describe("AwsBlueprint writable-root-filesystem exemption", () => {
  let exempt: Built;
  beforeAll(async () => {
    exempt = await build(testConfig({ name: "rwx", aws: { writableRootFilesystem: ["web"] } }));
  });

  it("GIVEN staging with the web exempt WHEN built THEN only the web's root filesystem is writable, labelled, and it keeps its writable mounts", () => {
    const containers = exempt.graph.byType("aws:ecs/taskDefinition:TaskDefinition").map((td) => (JSON.parse(td.inputs.containerDefinitions as string) as Record<string, unknown>[])[0]);
    const writable = containers.filter((c) => c.readonlyRootFilesystem === false);
    expect(writable.map((c) => c.name)).toEqual(["web"]);
    expect(Object.keys(writable[0].dockerLabels as object)).toEqual(["asc.exemption.writable-root-filesystem"]);
    expect((writable[0].mountPoints as { containerPath: string }[]).map((m) => m.containerPath)).toEqual(["/tmp", "/app/.next/cache"]);
    expect(containers.filter((c) => c.name !== "web").every((c) => c.readonlyRootFilesystem === true && c.dockerLabels === undefined)).toBe(true);
  });
});

describe("AwsBlueprint dev routing on the ALB's shared host", () => {
  let dev: Built;
  beforeAll(async () => {
    dev = await build(testConfig({ name: "devx", tier: "dev", domain: undefined, devOverrides: { httpOnly: true } }));
  });

  it("GIVEN dev without a domain WHEN built THEN the api rule takes only /health*, /webhooks/* and /.well-known/*, and never /api/v1/*", () => {
    const conditions = dev.graph.byName("devx-api-listener-rule").inputs.conditions as { pathPattern?: { values: string[] } }[];
    expect(conditions).toEqual([{ pathPattern: { values: ["/health", "/health/*", "/webhooks/*", "/.well-known/*"] } }]);
    const matches = (pattern: string, path: string) => new RegExp(`^${pattern.replace(/\./g, "\\.").replace(/\*/g, ".*")}$`).test(path);
    expect(conditions[0].pathPattern!.values.filter((p) => ["/api/v1/users", "/api/v1/auth/login", "/api/health"].some((path) => matches(p, path)))).toEqual([]);
    expect(dev.graph.byName("devx-web-listener-rule").inputs.conditions).toEqual([{ pathPattern: { values: ["/*"] } }]);
  });
});
