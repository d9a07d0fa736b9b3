import * as pulumi from "@pulumi/pulumi";
import { FARGATE_SERVICE_TYPE, FargateService, resolveFargateServiceArgs, type FargateServiceArgs } from "../../../src/components/aws/fargate-service.js";
import { KeyStorage } from "../../../src/components/aws/key-storage.js";
import type { IamStatement } from "../../../src/components/aws/task-definition.js";
import type { EnvEntry } from "../../../src/contract/types.js";
import { MOCK_RANDOM_PREFIX } from "../../../src/preview/mocks.js";
import { promiseOf, usePulumiMocks } from "../../helpers/pulumi.js";

const mocked = usePulumiMocks({ region: "eu-west-1" });

const TAGS = { project: "asc", profile: "test", tier: "production", "managed-by": "asc" };
const SM_ARN = (name: string) => `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${name}-AbCdEf`;
const KMS_ARN = "arn:aws:kms:eu-west-1:123456789012:key/k-0000";
const APP_STATEMENTS: IamStatement[] = [{ Sid: "UseBucketObjects", Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::b/*"] }];

const API_ENV: EnvEntry<pulumi.Input<string>>[] = [
  { name: "ENVIRONMENT", source: "literal", value: "production" },
  { name: "APP_PUBLIC_URL", source: "output", value: pulumi.output("https://app.example.com") },
  { name: "DATABASE_URL", source: "secret", ref: { store: "aws-secrets-manager", arn: SM_ARN("db") } },
  { name: "SECRET_KEY", source: "secret", ref: { store: "aws-secrets-manager", arn: pulumi.output(SM_ARN("sk")) } },
  { name: "AWS_SM_SIGNING_SECRET_ARN", source: "output", value: SM_ARN("signing") },
];

const API: FargateServiceArgs = {
  clusterArn: "arn:aws:ecs:eu-west-1:123456789012:cluster/main",
  serviceName: "api",
  image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api@sha256:aaaa",
  containerPort: 8000,
  cpuUnits: 512,
  memoryMiB: 1024,
  desiredCount: 2,
  environment: API_ENV,
  kmsKeyArn: KMS_ARN,
  region: "eu-west-1",
  subnetIds: ["subnet-a", "subnet-b"],
  securityGroupIds: ["sg-api"],
  logRetentionDays: 30,
  taskRoleStatements: APP_STATEMENTS,
  loadBalancer: {
    vpcId: "vpc-1",
    listenerArn: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/alb/1/2",
    priority: 10,
    conditions: { hostHeaders: ["api.example.com"] },
    healthCheckPath: "/health/ready",
  },
  containerHealthCheck: { command: ["CMD-SHELL", "curl -fsS http://127.0.0.1:8000/health || exit 1"] },
  tags: TAGS,
};

const WORKER: FargateServiceArgs = {
  ...API,
  serviceName: "worker",
  containerPort: undefined,
  loadBalancer: undefined,
  containerHealthCheck: undefined,
  desiredCount: 1,
  command: ["python", "-m", "app.worker"],
};

/** Creates the service and waits until every child has registered. */
async function build(name: string, args: FargateServiceArgs): Promise<{ service: FargateService; urn: string }> {
  const service = new FargateService(name, args);
  const [urn] = await Promise.all([promiseOf(service.urn), promiseOf(service.serviceArn), promiseOf(service.taskRoleArn), promiseOf(service.executionRoleArn)]);
  await new Promise((r) => setTimeout(r, 50));
  return { service, urn };
}

const containerOf = (taskDefinitionName: string) => {
  const defs = JSON.parse(mocked.graph.byName(taskDefinitionName).inputs.containerDefinitions as string) as Record<string, unknown>[];
  expect(defs).toHaveLength(1);
  return defs[0];
};
const policyOf = (name: string) => JSON.parse(mocked.graph.byName(name).inputs.policy as string) as { Statement: IamStatement[] };

describe("resolveFargateServiceArgs", () => {
  it("GIVEN a load balancer without matcher or grace period WHEN resolved THEN user 10001, matcher 200 and 60 s grace apply", () => {
    const resolved = resolveFargateServiceArgs({ ...API, user: undefined });
    expect(resolved.user).toBe("10001");
    expect(resolved.healthCheckGracePeriodSeconds).toBe(60);
    expect(resolved.loadBalancer?.healthCheckMatcher).toBe("200");
  });

  it("GIVEN no load balancer WHEN resolved THEN there is no grace period", () => {
    expect(resolveFargateServiceArgs(WORKER).healthCheckGracePeriodSeconds).toBeUndefined();
    expect(resolveFargateServiceArgs(WORKER).loadBalancer).toBeUndefined();
  });

  const lb = API.loadBalancer!;
  it.each<[string, Partial<FargateServiceArgs>, string]>([
    ["a load balancer without a port", { containerPort: undefined }, "FargateService api: loadBalancer needs containerPort, the port the target group forwards to. Pass containerPort or drop loadBalancer."],
    ["a grace period without a load balancer", { loadBalancer: undefined, healthCheckGracePeriodSeconds: 30 }, "FargateService api: healthCheckGracePeriodSeconds (30) needs loadBalancer; ECS only applies it to load-balancer health checks. Drop it or add loadBalancer."],
    ["no routing condition", { loadBalancer: { ...lb, conditions: { hostHeaders: [], pathPatterns: [] } } }, "FargateService api loadBalancer.conditions: no host header or path pattern; a listener rule needs at least one. Pass hostHeaders or pathPatterns."],
    ["priority 0", { loadBalancer: { ...lb, priority: 0 } }, "FargateService api loadBalancer.priority: 0 is not a listener rule priority; allowed: whole numbers from 1 to 50000."],
    ["a port of 70000", { containerPort: 70000 }, "FargateService api containerPort: 70000 is not a TCP port; allowed: 1 to 65535."],
    ["a negative desired count", { desiredCount: -1 }, "FargateService api desiredCount: -1 is not a whole number of tasks; pass 0 or more."],
    ["the root user", { user: "0" }, 'FargateService api user: "0" is not a non-root numeric user; allowed: a uid other than 0, optionally uid:gid (e.g. "10001"). Pass the image\'s app uid.'],
    ["a retention of 10 days", { logRetentionDays: 10 }, "FargateService api logRetentionDays: 10 is not a CloudWatch Logs retention; allowed: 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653. Pick one of those values."],
  ])("GIVEN %s WHEN resolved THEN it throws the exact message", (_label, overrides, message) => {
    expect(() => resolveFargateServiceArgs({ ...API, ...overrides })).toThrow(message);
  });
});

describe("FargateService behind a load balancer (api)", () => {
  it("GIVEN the api contract WHEN created THEN plain values are in environment and every secret is in secrets by ARN", async () => {
    await build("api", API);
    const container = containerOf("api-task-definition");
    expect(container.environment).toEqual([
      { name: "ENVIRONMENT", value: "production" },
      { name: "APP_PUBLIC_URL", value: "https://app.example.com" },
      { name: "AWS_SM_SIGNING_SECRET_ARN", value: SM_ARN("signing") },
    ]);
    expect(container.secrets).toEqual([
      { name: "DATABASE_URL", valueFrom: SM_ARN("db") },
      { name: "SECRET_KEY", valueFrom: SM_ARN("sk") },
    ]);
  });

  it("GIVEN the api WHEN created THEN the container definition is hardened and logs to its group", async () => {
    await build("api", API);
    const { environment: _e, secrets: _s, ...rest } = containerOf("api-task-definition");
    expect(rest).toEqual({
      name: "api",
      image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api@sha256:aaaa",
      essential: true,
      user: "10001",
      readonlyRootFilesystem: true,
      privileged: false,
      portMappings: [{ containerPort: 8000, protocol: "tcp" }],
      logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/asc/api-logs", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "api" } },
      mountPoints: [{ sourceVolume: "tmp", containerPath: "/tmp", readOnly: false }],
      linuxParameters: { initProcessEnabled: true },
      healthCheck: { command: ["CMD-SHELL", "curl -fsS http://127.0.0.1:8000/health || exit 1"] },
    });
  });

  it("GIVEN the api WHEN created THEN the task definition is Fargate awsvpc X86_64 with a tmp volume and distinct roles", async () => {
    const { service } = await build("api", API);
    const { graph } = mocked;
    const { containerDefinitions: _c, ...inputs } = graph.byName("api-task-definition").inputs;
    const executionRoleArn = await promiseOf(service.executionRoleArn);
    const taskRoleArn = await promiseOf(service.taskRoleArn);
    expect(executionRoleArn).not.toBe(taskRoleArn);
    expect(inputs).toEqual({
      family: "api",
      requiresCompatibilities: ["FARGATE"],
      networkMode: "awsvpc",
      cpu: "512",
      memory: "1024",
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
      executionRoleArn,
      taskRoleArn,
      volumes: [{ name: "tmp" }],
      tags: TAGS,
    });
    expect(graph.byName("api-task-definition").propertyDependencies.executionRoleArn).toEqual([graph.byName("api-execution-role").urn]);
    expect(graph.byName("api-task-definition").propertyDependencies.taskRoleArn).toEqual([graph.byName("api-task-role").urn]);
    expect(graph.byName("api-task-definition").dependencies).toEqual(expect.arrayContaining([graph.byName("api-execution-policy").urn, graph.byName("api-task-policy").urn]));
  });

  it("GIVEN two referenced secrets WHEN created THEN the execution role may read exactly those ARNs, decrypt with the key, and write only its log group", async () => {
    await build("api", API);
    const { graph } = mocked;
    const logGroupArn = "arn:aws:cloudwatch:eu-west-1:123456789012:loggroup/api-logs-mock"; // the mock's ARN shape
    expect(graph.byName("api-logs").inputs).toEqual({ retentionInDays: 30, tags: TAGS });
    expect(graph.byName("api-execution-policy").inputs.role).toBe("api-execution-role-id");
    expect(policyOf("api-execution-policy").Statement).toEqual([
      { Sid: "PullImageAuth", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: ["*"] },
      { Sid: "PullImage", Effect: "Allow", Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Resource: ["*"] },
      { Sid: "WriteLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [logGroupArn, `${logGroupArn}:log-stream:*`] },
      { Sid: "ReadReferencedSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [SM_ARN("db"), SM_ARN("sk")] },
      { Sid: "DecryptReferencedSecrets", Effect: "Allow", Action: ["kms:Decrypt"], Resource: [KMS_ARN] },
    ]);
  });

  it("GIVEN a log key WHEN created THEN the log group is encrypted with it, and the execution role gets no KMS grant for writing logs", async () => {
    const LOGS_KMS = "arn:aws:kms:eu-west-1:123456789012:key/logs";
    await build("api", { ...API, logKmsKeyArn: LOGS_KMS });
    expect(mocked.graph.byName("api-logs").inputs).toEqual({ retentionInDays: 30, kmsKeyId: LOGS_KMS, tags: TAGS });
    expect(policyOf("api-execution-policy").Statement.flatMap((s) => s.Resource).filter((r) => r === LOGS_KMS)).toEqual([]);
  });

  it("GIVEN task role statements WHEN created THEN they go to the task role only, and both roles trust ecs-tasks of this account", async () => {
    await build("api", API);
    const { graph } = mocked;
    expect(graph.byName("api-task-policy").inputs.role).toBe("api-task-role-id");
    expect(policyOf("api-task-policy")).toEqual({ Version: "2012-10-17", Statement: APP_STATEMENTS });
    const trust = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } }],
    };
    for (const role of ["api-execution-role", "api-task-role"]) {
      expect(JSON.parse(graph.byName(role).inputs.assumeRolePolicy as string)).toEqual(trust);
      expect(graph.byName(role).inputs.tags).toEqual(TAGS);
    }
  });

  it("GIVEN a load balancer WHEN created THEN the target group health check and the listener rule are exact", async () => {
    const { service } = await build("api", { ...API, loadBalancer: { ...API.loadBalancer!, conditions: { hostHeaders: ["api.example.com"], pathPatterns: ["/api/*"] }, healthCheckMatcher: "200-299" } });
    const { graph } = mocked;
    expect(graph.byName("api-tg").inputs).toEqual({
      targetType: "ip",
      protocol: "HTTP",
      port: 8000,
      vpcId: "vpc-1",
      deregistrationDelay: 30,
      healthCheck: { path: "/health/ready", matcher: "200-299", interval: 10, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 3 },
      tags: TAGS,
    });
    expect(graph.byName("api-listener-rule").inputs).toEqual({
      listenerArn: API.loadBalancer!.listenerArn,
      priority: 10,
      actions: [{ type: "forward", targetGroupArn: "arn:aws:lb:eu-west-1:123456789012:targetgroup/api-tg-mock" }],
      conditions: [{ hostHeader: { values: ["api.example.com"] } }, { pathPattern: { values: ["/api/*"] } }],
      tags: TAGS,
    });
    expect(await promiseOf(service.targetGroupArn!)).toBe("arn:aws:lb:eu-west-1:123456789012:targetgroup/api-tg-mock");
  });

  it("GIVEN a load balancer WHEN created THEN the service rolls safely, stays private, waits for steady state and depends on the listener rule", async () => {
    const { service, urn } = await build("api", API);
    const { graph } = mocked;
    const svc = graph.byName("api-service");
    expect(svc.inputs).toEqual({
      cluster: API.clusterArn,
      taskDefinition: expect.stringMatching(/^arn:aws:ecs:eu-west-1:123456789012:task-definition\/api:\d+$/),
      launchType: "FARGATE",
      platformVersion: "LATEST",
      desiredCount: 2,
      networkConfiguration: { subnets: ["subnet-a", "subnet-b"], securityGroups: ["sg-api"], assignPublicIp: false },
      deploymentCircuitBreaker: { enable: true, rollback: true },
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      healthCheckGracePeriodSeconds: 60,
      loadBalancers: [{ targetGroupArn: "arn:aws:lb:eu-west-1:123456789012:targetgroup/api-tg-mock", containerName: "api", containerPort: 8000 }],
      waitForSteadyState: true,
      propagateTags: "SERVICE",
      enableExecuteCommand: false,
      tags: TAGS,
    });
    expect(svc.dependencies).toContain(graph.byName("api-listener-rule").urn);
    expect(svc.propertyDependencies.taskDefinition).toEqual([graph.byName("api-task-definition").urn]);

    expect(graph.byName("api").type).toBe(FARGATE_SERVICE_TYPE);
    const children = graph.resources.filter((r) => r.urn !== urn);
    expect(children.map((r) => r.name).sort()).toEqual(
      ["api-execution-policy", "api-execution-role", "api-listener-rule", "api-logs", "api-service", "api-task-definition", "api-task-policy", "api-task-role", "api-tg"].sort(),
    );
    expect(children.filter((r) => r.parent !== urn).map((r) => r.name)).toEqual([]);
    expect(await promiseOf(service.serviceName)).toBe("api-service-mock");
    expect(await promiseOf(service.serviceArn)).toBe("arn:aws:ecs:eu-west-1:123456789012:service/api-service-mock");
    expect(await promiseOf(service.logGroupName)).toBe("/asc/api-logs");
    expect(await promiseOf(service.taskDefinitionArn)).toBe(svc.inputs.taskDefinition);
  });
});

describe("FargateService without a load balancer (worker)", () => {
  it("GIVEN the worker WHEN created THEN there is no target group, rule, port or grace period, and the command is overridden", async () => {
    const { service } = await build("worker", WORKER);
    const { graph } = mocked;
    expect(graph.resources.map((r) => r.name).filter((n) => n === "worker-tg" || n === "worker-listener-rule")).toEqual([]);
    const container = containerOf("worker-task-definition");
    expect(container.portMappings).toEqual([]);
    expect(container.command).toEqual(["python", "-m", "app.worker"]);
    expect(Object.keys(container)).not.toContain("healthCheck");
    const svc = graph.byName("worker-service");
    expect(Object.keys(svc.inputs)).not.toContain("healthCheckGracePeriodSeconds");
    expect(svc.inputs.loadBalancers).toEqual([]);
    expect(svc.inputs.networkConfiguration).toEqual({ subnets: ["subnet-a", "subnet-b"], securityGroups: ["sg-api"], assignPublicIp: false });
    expect(svc.inputs.deploymentCircuitBreaker).toEqual({ enable: true, rollback: true });
    expect(service.targetGroupArn).toBeUndefined();
  });

  it("GIVEN no task role statements and no secrets WHEN created THEN the task role has no policy and the execution role reads no secret", async () => {
    await build("web", { ...WORKER, serviceName: "web", environment: [{ name: "HOSTNAME", source: "literal", value: "0.0.0.0" }], taskRoleStatements: undefined });
    const { graph } = mocked;
    expect(graph.resources.map((r) => r.name)).not.toContain("web-task-policy");
    const actions = policyOf("web-execution-policy").Statement.flatMap((s) => s.Action);
    expect(actions).not.toContain("secretsmanager:GetSecretValue");
    expect(actions).not.toContain("kms:Decrypt");
  });
});

describe("FargateService with KeyStorage secrets", () => {
  it("GIVEN an operator secret referenced by the contract WHEN both are created THEN its value appears nowhere in the graph, only its ARN", async () => {
    const known = "sk-live-operator-known-value-9876";
    const storage = new KeyStorage("ks", { generated: [{ variable: "SECRET_KEY", epoch: 0 }], operatorSecrets: { OPENAI_API_KEY: pulumi.secret(known) }, tags: TAGS });
    const environment: EnvEntry<pulumi.Input<string>>[] = [
      { name: "ENVIRONMENT", source: "literal", value: "production" },
      { name: "OPENAI_API_KEY", source: "secret", ref: { store: "aws-secrets-manager", arn: storage.secretArns.OPENAI_API_KEY! } },
      { name: "SECRET_KEY", source: "secret", ref: { store: "aws-secrets-manager", arn: storage.secretArns.SECRET_KEY! } },
      { name: "AUTH_KEY_SECRET_NAME", source: "output", value: storage.keysetSecretName },
    ];
    await build("api", { ...API, environment, kmsKeyArn: storage.kmsKeyArn });
    const { graph } = mocked;
    const container = containerOf("api-task-definition");
    expect(container.secrets).toEqual([
      { name: "OPENAI_API_KEY", valueFrom: SM_ARN("ks-openai-api-key-mock") },
      { name: "SECRET_KEY", valueFrom: SM_ARN("ks-secret-key-mock") },
    ]);
    expect(container.environment).toEqual([
      { name: "ENVIRONMENT", value: "production" },
      { name: "AUTH_KEY_SECRET_NAME", value: "ks-keyset-mock" },
    ]);
    expect(policyOf("api-execution-policy").Statement.find((s) => s.Sid === "ReadReferencedSecrets")?.Resource).toEqual([SM_ARN("ks-openai-api-key-mock"), SM_ARN("ks-secret-key-mock")]);
    const dump = JSON.stringify(graph.resources);
    expect(dump).not.toContain(known);
    expect(dump).not.toContain(MOCK_RANDOM_PREFIX);
  });
});
