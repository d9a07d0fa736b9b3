/**
 * `asc preview --offline` on the shipped AWS profiles, in-process: plan JSON v1, the resources and properties the
 * blueprint promises, no plaintext secret anywhere, and an image-only change that touches only what uses the image.
 */
import { runAsc } from "../helpers/cli.js";
import type { PlanResource, PlanV1 } from "../../src/preview/plan.js";
import { MOCK_RANDOM_PREFIX } from "../../src/preview/mocks.js";

const SEEDED_SECRETS = {
  ASC_OPENAI_API_KEY: "sk-test-KNOWN-openai-0001",
  ASC_STRIPE_SECRET_KEY: "sk_live_KNOWN_stripe_0002",
  ASC_STRIPE_WEBHOOK_SECRET: "whsec_KNOWN_webhook_0003",
};

let production: { code: number; stdout: string; stderr: string };
let plan: PlanV1;

beforeAll(async () => {
  production = await runAsc(["preview", "--profile", "aws-production", "--offline", "--json"], { env: SEEDED_SECRETS });
  plan = JSON.parse(production.stdout) as PlanV1;
});

const ofType = (type: string) => plan.resources.filter((r) => r.type === type);
const one = (type: string, nameEnd = ""): PlanResource => {
  const hits = ofType(type).filter((r) => r.name.endsWith(nameEnd));
  if (hits.length !== 1) throw new Error(`expected one ${type} ending in "${nameEnd}", found ${hits.map((h) => h.name).join(", ") || "none"}`);
  return hits[0];
};
const containers = (r: PlanResource) => JSON.parse(String(r.inputs.containerDefinitions)) as Array<Record<string, any>>;

describe("offline preview of aws-production", () => {
  it("GIVEN the shipped profile WHEN previewed THEN it exits 0 with plan JSON v1", () => {
    expect(production.stderr).toBe("");
    expect(production.code).toBe(0);
    expect(plan).toMatchObject({ version: 1, profile: "aws-production", stack: "aws-production", cloud: "aws", tier: "production" });
    expect(plan.summary.resources).toBe(plan.resources.length);
    expect(Object.values(plan.summary.byType).reduce((a, b) => a + b, 0)).toBe(plan.resources.length);
  });

  it("THEN the network spans three AZs with a NAT gateway per AZ", () => {
    expect(ofType("aws:ec2/vpc:Vpc")).toHaveLength(1);
    expect(ofType("aws:ec2/subnet:Subnet")).toHaveLength(6);
    expect(ofType("aws:ec2/natGateway:NatGateway")).toHaveLength(3);
  });

  it("THEN the ALB serves TLS 1.3 on 443 and only redirects on 80", () => {
    const alb = one("aws:lb/loadBalancer:LoadBalancer");
    expect(alb.inputs).toMatchObject({ dropInvalidHeaderFields: true, enableDeletionProtection: true, internal: false });
    expect(alb.inputs.accessLogs).toMatchObject({ enabled: true });
    const listeners = ofType("aws:lb/listener:Listener");
    const https = listeners.find((l) => l.inputs.port === 443)!;
    const http = listeners.find((l) => l.inputs.port === 80)!;
    expect(https.inputs).toMatchObject({ protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" });
    expect(http.inputs.defaultActions).toEqual([expect.objectContaining({ type: "redirect", redirect: expect.objectContaining({ protocol: "HTTPS", port: "443", statusCode: "HTTP_301" }) })]);
  });

  it("THEN routing is host-based: the api host to the api, the web host to the web", () => {
    const apiRule = one("aws:lb/listenerRule:ListenerRule", "api-listener-rule");
    const webRule = one("aws:lb/listenerRule:ListenerRule", "web-listener-rule");
    expect(JSON.stringify(apiRule.inputs.conditions)).toContain("api.example.com");
    expect(JSON.stringify(webRule.inputs.conditions)).toContain("app.example.com");
  });

  it("THEN RDS is private, encrypted with the KMS key, Multi-AZ, protected and forces SSL", () => {
    const db = one("aws:rds/instance:Instance");
    expect(db.inputs).toMatchObject({ publiclyAccessible: false, storageEncrypted: true, multiAz: true, deletionProtection: true, skipFinalSnapshot: false, backupRetentionPeriod: 14 });
    expect(String(db.inputs.kmsKeyId)).toMatch(/^arn:aws:kms:/);
    const params = one("aws:rds/parameterGroup:ParameterGroup");
    expect(params.inputs.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: "rds.force_ssl", value: "1" })]));
  });

  it("THEN Redis encrypts at rest and in transit, has an auth token and fails over across AZs", () => {
    const redis = one("aws:elasticache/replicationGroup:ReplicationGroup");
    expect(redis.inputs).toMatchObject({ atRestEncryptionEnabled: true, transitEncryptionEnabled: true, automaticFailoverEnabled: true, multiAzEnabled: true, authToken: "[secret]" });
  });

  it("THEN the bucket blocks public access, uses SSE-KMS and versioning, and only accepts TLS", () => {
    expect(one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "storage-public-access-block").inputs).toMatchObject({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    expect(JSON.stringify(one("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "storage-encryption").inputs)).toContain("aws:kms");
    expect(JSON.stringify(ofType("aws:s3/bucketVersioning:BucketVersioning").map((v) => v.inputs))).toContain("Enabled");
    const policies = ofType("aws:s3/bucketPolicy:BucketPolicy").map((p) => String(p.inputs.policy));
    expect(policies.some((p) => p.includes("aws:SecureTransport"))).toBe(true);
    expect(JSON.stringify(one("aws:s3/bucketCorsConfiguration:BucketCorsConfiguration").inputs)).toContain("https://app.example.com");
  });

  it("THEN both KMS keys (the secrets' and the log groups') rotate", () => {
    const keys = ofType("aws:kms/key:Key");
    expect(keys.map((k) => k.name).sort()).toEqual(["asc-prod-keys-key", "asc-prod-logs-key"]);
    for (const key of keys) expect(key.inputs).toMatchObject({ enableKeyRotation: true });
  });

  it("THEN api, worker and web run on Fargate in private subnets with rollback, and migrations have their own task", () => {
    const services = ofType("aws:ecs/service:Service");
    expect(services.map((s) => s.name).sort()).toEqual(["asc-prod-api-service", "asc-prod-web-service", "asc-prod-worker-service"]);
    for (const s of services) {
      expect(s.inputs).toMatchObject({ launchType: "FARGATE", deploymentCircuitBreaker: { enable: true, rollback: true }, deploymentMinimumHealthyPercent: 100, deploymentMaximumPercent: 200, waitForSteadyState: true });
      expect(s.inputs.networkConfiguration).toMatchObject({ assignPublicIp: false });
    }
    const migrate = containers(one("aws:ecs/taskDefinition:TaskDefinition", "migrate-task-definition"))[0];
    expect(migrate.command).toEqual(["alembic", "-c", "alembic.ini", "upgrade", "heads"]);
    expect(migrate.image).toContain("@sha256:3f5c8e2a");
  });

  it("THEN every container is non-root, read-only, unprivileged, logs to CloudWatch and gets secrets only by reference", () => {
    for (const td of ofType("aws:ecs/taskDefinition:TaskDefinition")) {
      for (const c of containers(td)) {
        expect(c).toMatchObject({ user: "10001", readonlyRootFilesystem: true, privileged: false, logConfiguration: { logDriver: "awslogs" } });
        const plainNames = (c.environment ?? []).map((e: { name: string }) => e.name);
        expect(plainNames.filter((n: string) => /PASSWORD|SECRET_KEY|PEPPER|TOKEN|DATABASE_URL|REDIS_URL|API_KEY/.test(n) && n !== "AUTH_KEY_SECRET_NAME")).toEqual([]);
        for (const s of c.secrets ?? []) expect(s.valueFrom).toMatch(/^arn:aws:secretsmanager:/);
      }
    }
  });

  it("THEN target groups are type ip with fast checks on the readiness paths", () => {
    const tgs = ofType("aws:lb/targetGroup:TargetGroup");
    expect(tgs).toHaveLength(2);
    for (const tg of tgs) {
      expect(tg.inputs).toMatchObject({ targetType: "ip", deregistrationDelay: 30 });
      expect(tg.inputs.healthCheck).toMatchObject({ interval: 10, healthyThreshold: 2 });
    }
    expect(one("aws:lb/targetGroup:TargetGroup", "api-tg").inputs.healthCheck).toMatchObject({ path: "/health/ready" });
    // The web's check is a path the web serves itself (no api call, no auth redirect): it never depends on the api.
    expect(one("aws:lb/targetGroup:TargetGroup", "web-tg").inputs.healthCheck).toMatchObject({ path: "/favicon.ico" });
  });

  it("THEN the web service depends on the api service, so it rolls out after the api reaches steady state", () => {
    const web = one("aws:ecs/service:Service", "web-service");
    const api = one("aws:ecs/service:Service", "api-service");
    expect(web.dependencies).toContain(api.urn);
  });

  it("THEN the web reaches the api over Service Connect, not the public ALB, and the api allows that host", () => {
    const web = one("aws:ecs/service:Service", "web-service");
    const api = one("aws:ecs/service:Service", "api-service");
    const namespace = one("aws:servicediscovery/httpNamespace:HttpNamespace");
    expect(namespace.inputs).toMatchObject({ name: "asc-prod.internal" });
    expect(api.inputs.serviceConnectConfiguration).toEqual({
      enabled: true,
      namespace: expect.stringMatching(/^arn:aws:servicediscovery:/),
      services: [{ portName: "http", discoveryName: "api", clientAlias: [{ port: 8000, dnsName: "api.asc-prod.internal" }] }],
    });
    expect(web.inputs.serviceConnectConfiguration).toEqual({ enabled: true, namespace: expect.stringMatching(/^arn:aws:servicediscovery:/) });
    const apiContainer = containers(one("aws:ecs/taskDefinition:TaskDefinition", "api-task-definition"))[0];
    expect(apiContainer.portMappings).toEqual([{ containerPort: 8000, protocol: "tcp", name: "http", appProtocol: "http" }]);
    expect(plan.contract.web!.find((e) => e.name === "API_BASE_URL")).toEqual({ name: "API_BASE_URL", source: "output", value: "http://api.asc-prod.internal:8000" });
    const rule = one("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "services-in-services-8000");
    expect(rule.inputs).toMatchObject({ fromPort: 8000, toPort: 8000, ipProtocol: "tcp" });
  });

  it("THEN the keyset secret has an initial version, secret in the plan, never rewritten and retained on delete", () => {
    const seed = one("aws:secretsmanager/secretVersion:SecretVersion", "keys-keyset-seed");
    expect(seed.inputs.secretString).toBe("[secret]");
    expect(seed.inputs.secretId).toBe("asc-prod-keys-keyset-id");
    expect(plan.outputs.keysetSeeded).toBe(true);
  });

  it("THEN only the contract's public api paths are routed on the api host", () => {
    const apiRule = one("aws:lb/listenerRule:ListenerRule", "api-listener-rule");
    expect(apiRule.inputs.conditions).toEqual([
      { hostHeader: { values: ["api.example.com"] } },
      { pathPattern: { values: ["/health", "/health/ready", "/.well-known/jwks.json", "/webhooks/stripe"] } },
    ]);
  });

  it("THEN the outputs hold URLs and the migration target, and the contract holds references", () => {
    expect(plan.outputs).toMatchObject({ version: 1, cloud: "aws", urls: { web: "https://app.example.com", api: "https://api.example.com" } });
    expect(plan.outputs.migration).toMatchObject({ cloud: "aws", containerName: "migrate", logStreamPrefix: "migrate" });
    const api = plan.contract.api!;
    expect(api.find((e) => e.name === "DATABASE_URL")).toEqual({ name: "DATABASE_URL", source: "secret", ref: expect.stringMatching(/^arn:aws:secretsmanager:/) });
    expect(api.find((e) => e.name === "ALLOWED_HOSTS")).toEqual({ name: "ALLOWED_HOSTS", source: "output", value: "api.example.com,127.0.0.1,localhost,api.asc-prod.internal" });
    expect(plan.contract.migrate).toEqual(api);
  });

  it("THEN no seeded or generated secret value appears anywhere in the output", () => {
    const everything = production.stdout + production.stderr;
    for (const secret of Object.values(SEEDED_SECRETS)) expect(everything).not.toContain(secret);
    expect(everything).not.toContain(MOCK_RANDOM_PREFIX);
    expect(everything).toContain('"[secret]"');
  });
});

describe("the migration's least privilege", () => {
  it("GIVEN production THEN the migration task role has no policy (it needs only DATABASE_URL), while the api's task role keeps the app's grants", () => {
    const policies = ofType("aws:iam/rolePolicy:RolePolicy").map((p) => p.name);
    expect(policies).toContain("asc-prod-api-task-policy");
    expect(policies.filter((n) => n.startsWith("asc-prod-migrate-"))).toEqual(["asc-prod-migrate-execution-policy"]);
  });
});

describe("the production database's lifecycle settings", () => {
  it("GIVEN production THEN the final snapshot is named with a random suffix kept by the instance's replacing inputs, and changes wait for the maintenance window", () => {
    const db = one("aws:rds/instance:Instance");
    const suffix = one("random:index/randomId:RandomId", "final-snapshot-suffix");
    expect(db.inputs.finalSnapshotIdentifier).toMatch(/^asc-prod-db-final-[0-9a-f]{8}$/);
    expect(db.dependencies).toContain(suffix.urn);
    expect(Object.keys(suffix.inputs.keepers as object).sort()).toEqual(["dbName", "identifier", "kmsKeyId", "username"]);
    expect(db.inputs.applyImmediately).toBe(false);
  });
});

describe("an image-only change", () => {
  it("GIVEN two plans that differ only in the api image THEN only the api/worker/migration task definitions and their services differ", async () => {
    const other = await runAsc(["preview", "--profile", "aws-production", "--offline", "--json", "--image", "api=ghcr.io/acme/saas-starter/api@sha256:1111111111111111111111111111111111111111111111111111111111111111"]);
    expect(other.code).toBe(0);
    const changed = (JSON.parse(other.stdout) as PlanV1).resources
      .filter((r) => {
        const before = plan.resources.find((b) => b.urn === r.urn);
        return !before || JSON.stringify(before.inputs) !== JSON.stringify(r.inputs);
      })
      .map((r) => r.name)
      .sort();
    expect(changed).toEqual([
      "asc-prod-api-service",
      "asc-prod-api-task-definition",
      "asc-prod-migrate-task-definition",
      "asc-prod-worker-service",
      "asc-prod-worker-task-definition",
    ]);
  });
});

describe("offline preview of aws-dev", () => {
  it("GIVEN the dev profile with httpOnly THEN one NAT gateway and an HTTP listener, and the human tree is printed", async () => {
    const dev = await runAsc(["preview", "--profile", "aws-dev", "--offline"]);
    expect(dev.code).toBe(0);
    expect(dev.stdout).toMatch(/^Offline preview of aws-dev \(aws, dev\): \d+ resources/);
    // Dev applies database changes at once and keeps no final snapshot.
    expect(dev.stdout).toMatch(/^[├└]─ asc-dev  asc:aws:Blueprint$/m);
    expect(dev.stdout).toMatch(/^│  [├└]─ asc-dev-network  asc:aws:Network$/m);
    const json = await runAsc(["preview", "--profile", "aws-dev", "--offline", "--json"]);
    const devPlan = JSON.parse(json.stdout) as PlanV1;
    // The summary comes before the tree: region, the image of each workload, public URLs, counts, policy verdict.
    const head = dev.stdout.slice(0, dev.stdout.indexOf("\nResources\n"));
    expect(head).toContain(`  region:     ${devPlan.region}\n`);
    expect(devPlan.images).toEqual({ api: expect.any(String), web: expect.any(String), migrate: devPlan.images.api });
    for (const [service, image] of Object.entries(devPlan.images)) expect(head).toMatch(new RegExp(`^    ${service} +${image.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"));
    expect(head).toMatch(/^  public URLs:\n    api +http:\/\/\S+\n    web +http:\/\/\S+$/m);
    expect(head).toMatch(/^  resources: {2}network \d+, .*db \d+/m);
    expect(head).toMatch(new RegExp(`^  policies: {3}\\d+ run, ${devPlan.summary.violations.mandatory} mandatory, ${devPlan.summary.violations.advisory} advisory violation\\(s\\)`, "m"));
    // Identical contracts (the api's and the migration's) are printed once, under both names.
    const identical = JSON.stringify(devPlan.contract.api) === JSON.stringify(devPlan.contract.migrate);
    expect(dev.stdout).toContain(identical ? "Env contract: api, migrate (identical)" : "Env contract: migrate");
    expect(dev.stdout.match(/^Env contract: /gm)?.length).toBe(new Set(Object.values(devPlan.contract).map((e) => JSON.stringify(e))).size);
    expect(devPlan.resources.filter((r) => r.type === "aws:ec2/natGateway:NatGateway")).toHaveLength(1);
    const listeners = devPlan.resources.filter((r) => r.type === "aws:lb/listener:Listener");
    expect(listeners.map((l) => l.inputs.port)).toEqual([80]);
    expect(devPlan.contract.worker).toBeUndefined();
    expect(devPlan.contract.api!.find((e) => e.name === "ENABLE_BILLING_RETRY_WORKER")).toMatchObject({ value: "true" });
    // On the shared ALB host only the api's health, webhook and well-known paths go to the api: /api/v1/* is the web's.
    const apiRule = devPlan.resources.find((r) => r.type === "aws:lb/listenerRule:ListenerRule" && r.name.endsWith("api-listener-rule"))!;
    expect(apiRule.inputs.conditions).toEqual([{ pathPattern: { values: ["/health", "/health/*", "/webhooks/*", "/.well-known/*"] } }]);
    expect(JSON.stringify(apiRule.inputs.conditions)).not.toContain("/api/v1");
  });
});
