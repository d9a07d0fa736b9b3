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
