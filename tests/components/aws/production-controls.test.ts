/**
 * The production plan, one test per security or operations control: the AwsBlueprint is built once under mocks
 * from a production config (billing on, private GHCR images with registry credentials) and each test reads the
 * exact inputs of the resources that carry the control.
 */
import * as pulumi from "@pulumi/pulumi";
import { AwsBlueprint } from "../../../src/components/aws/blueprint.js";
import { isEcrImage } from "../../../src/components/aws/image-pull.js";
import type { IamStatement } from "../../../src/components/aws/task-definition.js";
import type { BlueprintConfig } from "../../../src/config/schema.js";
import { cloudwatchLogGroupKms } from "../../../src/policies/aws/cloudwatch/log-group-kms.js";
import { cloudwatchProductionLogRetention } from "../../../src/policies/aws/cloudwatch/production-log-retention.js";
import { rdsEnhancedMonitoring } from "../../../src/policies/aws/rds/enhanced-monitoring.js";
import { s3BucketProtections } from "../../../src/policies/aws/s3/bucket-protections.js";
import { s3PublicAccessBlock } from "../../../src/policies/aws/s3/public-access-block.js";
import { s3SseKms } from "../../../src/policies/aws/s3/sse-kms.js";
import { s3TlsOnlyPolicy } from "../../../src/policies/aws/s3/tls-only-policy.js";
import { s3Versioning } from "../../../src/policies/aws/s3/versioning.js";
import { evaluatePolicies } from "../../../src/policies/evaluate.js";
import { testConfig } from "../../helpers/config.js";
import { snapshotGraph, type GraphSnapshot } from "../../helpers/graph-snapshot.js";
import { promiseOf, usePulumiMocks } from "../../helpers/pulumi.js";

const mocked = usePulumiMocks({ region: "eu-west-1" });

const REGISTRY_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ghcr-pull-AbCdEf";
const REGISTRY_KEY = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555";
const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";

let config: BlueprintConfig;
let plan: GraphSnapshot;
beforeAll(async () => {
  config = testConfig({
    tier: "production",
    name: "prod",
    billing: { enabled: true, stream: true, productPriceMap: "starter=price_1" },
    aws: { registryCredentials: { secretArn: REGISTRY_SECRET, kmsKeyArn: REGISTRY_KEY } },
  });
  mocked.graph.reset();
  const blueprint = new AwsBlueprint("prod", { config, profile: "aws-production", operatorSecrets: {
      OPENAI_API_KEY: pulumi.secret("sk-test-openai-0000"),
      STRIPE_SECRET_KEY: pulumi.secret("sk_test_stripe_0000"),
      STRIPE_WEBHOOK_SECRET: pulumi.secret("whsec_test_0000"),
    },
  });
  await promiseOf(pulumi.output(blueprint.outputs));
  plan = await snapshotGraph(mocked.graph);
});

const containersOf = (taskDefinition: { inputs: Record<string, unknown> }) => JSON.parse(taskDefinition.inputs.containerDefinitions as string) as Record<string, unknown>[];
const policyOf = (name: string) => JSON.parse(plan.byName(name).inputs.policy as string) as { Statement: IamStatement[] };
const taskDefinitions = () => plan.byType(TASK_DEFINITION);

describe("production plan: private images", () => {
  it("GIVEN registry credentials WHEN planned THEN no container whose image is outside ECR lacks repositoryCredentials", () => {
    const containers = taskDefinitions().flatMap(containersOf);
    expect(containers.map((c) => c.name).sort()).toEqual(["api", "migrate", "web", "worker"]);
    const outsideEcr = containers.filter((c) => !isEcrImage(String(c.image)));
    expect(outsideEcr).toHaveLength(4);
    expect(outsideEcr.filter((c) => JSON.stringify(c.repositoryCredentials) !== JSON.stringify({ credentialsParameter: REGISTRY_SECRET }))).toEqual([]);
  });

  it("GIVEN images on GHCR WHEN planned THEN every execution role reads the registry secret, decrypts with its key, and has no ECR grant", () => {
    for (const svc of ["api", "web", "worker", "migrate"]) {
      const statements = policyOf(`prod-${svc}-execution-policy`).Statement;
      expect(statements.flatMap((s) => s.Action).filter((a) => a.startsWith("ecr:"))).toEqual([]);
      expect(statements.find((s) => s.Sid === "ReadRegistryCredentials")).toEqual({ Sid: "ReadRegistryCredentials", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [REGISTRY_SECRET] });
      expect(statements.find((s) => s.Sid === "DecryptRegistryCredentials")?.Resource).toEqual([REGISTRY_KEY]);
    }
  });
});

describe("production plan: read-only root filesystem and writable paths", () => {
  const WEB_MOUNTS = [
    { sourceVolume: "tmp", containerPath: "/tmp", readOnly: false },
    { sourceVolume: "app-next-cache", containerPath: "/app/.next/cache", readOnly: false },
  ];
  const TMP_ONLY = [{ sourceVolume: "tmp", containerPath: "/tmp", readOnly: false }];

  it("GIVEN the contract's writable paths WHEN planned THEN each task mounts exactly those paths from its own volumes and every root filesystem is read-only", () => {
    const byContainer = Object.fromEntries(taskDefinitions().map((td) => [containersOf(td)[0].name as string, td]));
    expect(Object.keys(byContainer).sort()).toEqual(["api", "migrate", "web", "worker"]);
    for (const [name, td] of Object.entries(byContainer)) {
      const [container] = containersOf(td);
      expect(container.readonlyRootFilesystem).toBe(true);
      expect(container.dockerLabels).toBeUndefined();
      expect(container.mountPoints).toEqual(name === "web" ? WEB_MOUNTS : TMP_ONLY);
      expect(td.inputs.volumes).toEqual(name === "web" ? [{ name: "tmp" }, { name: "app-next-cache" }] : [{ name: "tmp" }]);
    }
  });
});

/** ALB path-pattern matching: case-sensitive, `*` any run of characters, `?` one (ELB guide, "Listener rules", path conditions). */
const albPathMatches = (pattern: string, path: string) =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`).test(path);
const ruleConditions = (rule: { inputs: Record<string, unknown> }) => rule.inputs.conditions as { hostHeader?: { values: string[] }; pathPattern?: { values: string[] } }[];

describe("production plan: the api's public surface", () => {
  const apiRule = () => plan.byName("prod-api-listener-rule");

  it("GIVEN billing on WHEN planned THEN the api host forwards only the health paths, the JWKS and the Stripe webhook", () => {
    expect(ruleConditions(apiRule())).toEqual([
      { hostHeader: { values: ["api.example.com"] } },
      { pathPattern: { values: ["/health", "/health/ready", "/.well-known/jwks.json", "/webhooks/stripe"] } },
    ]);
  });

  it.each(["/metrics", "/api/v1/users", "/api/v1/auth/login", "/docs", "/health/storage", "/webhooks/other", "/HEALTH"])(
    "GIVEN the api rule WHEN %s is requested on the api host THEN no path pattern matches it (the listener answers 404)",
    (path) => {
      const patterns = ruleConditions(apiRule()).find((c) => c.pathPattern)!.pathPattern!.values;
      expect(patterns.filter((p) => albPathMatches(p, path))).toEqual([]);
    },
  );

  it("GIVEN the HTTPS listener WHEN planned THEN anything no rule matches gets a fixed 404, and HTTP only redirects", () => {
    const listeners = plan.byType("aws:lb/listener:Listener");
    expect(listeners.find((l) => l.inputs.port === 443)!.inputs.defaultActions).toEqual([{ type: "fixed-response", fixedResponse: { contentType: "text/plain", messageBody: "not found", statusCode: "404" } }]);
    expect(listeners.find((l) => l.inputs.port === 80)!.inputs.defaultActions).toEqual([{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }]);
    expect(plan.byType("aws:lb/listenerRule:ListenerRule").map((r) => r.name).sort()).toEqual(["prod-api-listener-rule", "prod-web-listener-rule"]);
  });

  it("GIVEN every listener rule WHEN planned THEN each is within the ALB per-rule quotas (5 condition values, 5 wildcards, 5 match evaluations)", () => {
    for (const rule of plan.byType("aws:lb/listenerRule:ListenerRule")) {
      const lists = ruleConditions(rule).map((c) => (c.hostHeader ?? c.pathPattern)!.values);
      expect(lists.flat().length).toBeLessThanOrEqual(5);
      expect(lists.flat().join("").replace(/[^*?]/g, "").length).toBeLessThanOrEqual(5);
      expect(lists.reduce((n, l) => n * l.length, 1)).toBeLessThanOrEqual(5);
    }
  });
});

describe("production plan: network", () => {
  it("GIVEN the VPC WHEN planned THEN its flow logs (all traffic) go to a log group asc creates", () => {
    const vpc = plan.byType("aws:ec2/vpc:Vpc");
    expect(vpc).toHaveLength(1);
    const [flowLog] = plan.byType("aws:ec2/flowLog:FlowLog");
    expect(flowLog.inputs).toMatchObject({ vpcId: `${vpc[0].name}-id`, trafficType: "ALL", logDestinationType: "cloud-watch-logs" });
    expect(flowLog.propertyDependencies.logDestination).toEqual([plan.byName("prod-network-flow-logs").urn]);
  });

  it("GIVEN the VPC WHEN planned THEN its default security group is managed and holds no rule", () => {
    const [defaultSg] = plan.byType("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
    expect(defaultSg.inputs).toMatchObject({ vpcId: "prod-network-vpc-id", ingress: [], egress: [] });
  });
});

describe("production plan: logs", () => {
  const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
  const LOGS_KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/prod-logs-key-0000";
  const RDS_EXPORT_GROUPS = ["/aws/rds/instance/prod-db/postgresql", "/aws/rds/instance/prod-db/upgrade"];

  it("GIVEN every log group asc creates WHEN planned THEN each is KMS-encrypted with the logs key (the RDSOSMetrics group is RDS's and not in the plan)", () => {
    const groups = plan.byType(LOG_GROUP);
    expect(groups.map((g) => g.name).sort()).toEqual(
      ["prod-api-logs", "prod-db-log-postgresql", "prod-db-log-upgrade", "prod-migrate-logs", "prod-network-flow-logs", "prod-web-logs", "prod-worker-logs"].sort(),
    );
    expect(groups.filter((g) => g.inputs.kmsKeyId !== LOGS_KEY_ARN).map((g) => g.name)).toEqual([]);
    expect(groups.filter((g) => g.inputs.name === "RDSOSMetrics")).toEqual([]);
  });

  it("GIVEN the logs key WHEN planned THEN it rotates and its policy lets only CloudWatch Logs of the region, for this account's log groups, use it besides the account", () => {
    const key = plan.byName("prod-logs-key");
    expect(key.inputs.enableKeyRotation).toBe(true);
    const statements = (JSON.parse(key.inputs.policy as string) as { Statement: Record<string, unknown>[] }).Statement;
    expect(statements.map((s) => s.Principal)).toEqual([{ AWS: "arn:aws:iam::123456789012:root" }, { Service: "logs.eu-west-1.amazonaws.com" }]);
    expect(statements[1]).toMatchObject({
      Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:eu-west-1:123456789012:*" } },
    });
  });

  it("GIVEN production WHEN planned THEN every log group keeps its logs 365 days", () => {
    expect(config.logs.retentionDays).toBe(365);
    expect([...new Set(plan.byType(LOG_GROUP).map((g) => g.inputs.retentionInDays))]).toEqual([365]);
  });

  it("GIVEN the instance's log exports WHEN planned THEN asc pre-creates one group per export with the name RDS publishes to, and the instance depends on them", () => {
    const instance = plan.byName("prod-db-instance");
    expect(instance.inputs.enabledCloudwatchLogsExports).toEqual(["postgresql", "upgrade"]);
    const groups = plan.byType(LOG_GROUP).filter((g) => String(g.inputs.name).startsWith("/aws/rds/instance/"));
    expect(groups.map((g) => g.inputs.name)).toEqual(RDS_EXPORT_GROUPS);
    expect(instance.dependencies).toEqual(expect.arrayContaining(groups.map((g) => g.urn)));
  });
});

describe("production plan: database monitoring", () => {
  it("GIVEN production WHEN planned THEN RDS Enhanced Monitoring samples every 60 s through a role only RDS monitoring of this instance may assume, holding the AWS managed policy", () => {
    const instance = plan.byName("prod-db-instance");
    const role = plan.byName("prod-db-monitoring-role");
    expect(instance.inputs).toMatchObject({ monitoringInterval: 60, monitoringRoleArn: "arn:aws:iam:eu-west-1:123456789012:role/prod-db-monitoring-role-mock" });
    expect(instance.propertyDependencies.monitoringRoleArn).toEqual([role.urn]);
    const trust = JSON.parse(role.inputs.assumeRolePolicy as string) as { Statement: Record<string, unknown>[] };
    expect(trust.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "monitoring.rds.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": "arn:aws:rds:eu-west-1:123456789012:db:prod-db" } },
      },
    ]);
    const attachment = plan.byName("prod-db-monitoring-policy");
    expect(attachment.inputs).toEqual({ role: "prod-db-monitoring-role-id", policyArn: "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole" });
    expect(instance.dependencies).toContain(attachment.urn);
  });
});

describe("production plan: the policies of these controls", () => {
  it.each([cloudwatchLogGroupKms, cloudwatchProductionLogRetention, rdsEnhancedMonitoring].map((rule) => [rule.name, rule] as const))(
    "GIVEN the production plan WHEN %s runs THEN it is mandatory and finds nothing",
    (_name, rule) => {
      const evaluation = evaluatePolicies(plan.resources, { tier: "production", config }, [rule]);
      expect(rule.mandatoryTiers).toContain("production");
      expect(evaluation.results).toEqual([]);
    },
  );
});

describe("production plan: S3 server access logs", () => {
  it("GIVEN the app bucket WHEN planned THEN its server access logs go to a separate log bucket asc creates, after that bucket's policy exists", () => {
    const [logging] = plan.byType("aws:s3/bucketLogging:BucketLogging");
    expect(logging.name).toBe("prod-storage-access-logging");
    expect(logging.inputs).toMatchObject({ bucket: "prod-storage-bucket-mock", targetBucket: "prod-storage-access-logs-mock", targetPrefix: "s3-access-logs/" });
    expect(logging.inputs.targetBucket).not.toBe(logging.inputs.bucket);
    expect(logging.dependencies).toContain(plan.byName("prod-storage-access-logs-policy").urn);
  });

  it("GIVEN the log bucket WHEN planned THEN it is SSE-S3 (S3 log delivery supports no SSE-KMS target), owner-enforced, fully public-blocked, versioned, and keeps logs 365 days", () => {
    expect(plan.byName("prod-storage-access-logs-encryption").inputs.rules).toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
    expect(plan.byName("prod-storage-access-logs-ownership").inputs.rule).toEqual({ objectOwnership: "BucketOwnerEnforced" });
    expect(plan.byName("prod-storage-access-logs-public-access-block").inputs).toMatchObject({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    expect(plan.byName("prod-storage-access-logs-versioning").inputs.versioningConfiguration).toEqual({ status: "Enabled" });
    expect((plan.byName("prod-storage-access-logs-lifecycle").inputs.rules as { expiration: unknown }[])[0].expiration).toEqual({ days: 365 });
  });

  it("GIVEN the log bucket's policy WHEN planned THEN only S3 log delivery for the app bucket of this account may write, and no ACL grants it", () => {
    const statements = (JSON.parse(plan.byName("prod-storage-access-logs-policy").inputs.policy as string) as { Statement: Record<string, unknown>[] }).Statement;
    expect(statements[0]).toEqual({
      Sid: "S3ServerAccessLogsPolicy",
      Effect: "Allow",
      Principal: { Service: "logging.s3.amazonaws.com" },
      Action: ["s3:PutObject"],
      Resource: "arn:aws:s3:::prod-storage-access-logs-mock/s3-access-logs/*",
      Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::prod-storage-bucket-mock" }, StringEquals: { "aws:SourceAccount": "123456789012" } },
    });
    expect(plan.byType("aws:s3/bucketAcl:BucketAcl")).toEqual([]);
  });

  it("GIVEN every bucket WHEN the S3 policies run on the production plan THEN the log buckets pass by the access-log exemption and the app bucket by SSE-KMS", () => {
    const s3Rules = [s3SseKms, s3BucketProtections, s3PublicAccessBlock, s3TlsOnlyPolicy, s3Versioning];
    expect(evaluatePolicies(plan.resources, { tier: "production", config }, s3Rules).results).toEqual([]);
    const encryptions = plan.byType("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration");
    expect(encryptions.map((e) => [e.name, (e.inputs.rules as { applyServerSideEncryptionByDefault: { sseAlgorithm: string } }[])[0].applyServerSideEncryptionByDefault.sseAlgorithm]).sort()).toEqual([
      ["prod-lb-access-logs-encryption", "AES256"],
      ["prod-storage-access-logs-encryption", "AES256"],
      ["prod-storage-encryption", "aws:kms"],
    ]);
  });
});
