import * as pulumi from "@pulumi/pulumi";
import { MIGRATION_TASK_TYPE, MigrationTask, resolveMigrationTaskArgs, type MigrationTaskArgs } from "../../../src/components/aws/migration-task.js";
import type { IamStatement } from "../../../src/components/aws/task-definition.js";
import type { EnvEntry } from "../../../src/contract/types.js";
import { promiseOf, usePulumiMocks } from "../../helpers/pulumi.js";

const mocked = usePulumiMocks({ region: "eu-west-1" });

const TAGS = { project: "asc", profile: "test", tier: "staging", "managed-by": "asc" };
const SM_ARN = (name: string) => `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${name}-AbCdEf`;
const KMS_ARN = "arn:aws:kms:eu-west-1:123456789012:key/k-0000";
const CLUSTER = "arn:aws:ecs:eu-west-1:123456789012:cluster/main";
const STATEMENTS: IamStatement[] = [{ Sid: "ReadKeyStorageSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [SM_ARN("signing")] }];

const ENV: EnvEntry<pulumi.Input<string>>[] = [
  { name: "ENVIRONMENT", source: "literal", value: "staging" },
  { name: "AUTO_RUN_MIGRATIONS", source: "literal", value: "false" },
  { name: "DATABASE_URL", source: "secret", ref: { store: "aws-secrets-manager", arn: pulumi.output(SM_ARN("db")) } },
  { name: "S3_BUCKET", source: "output", value: pulumi.output("app-bucket") },
];

const ARGS: MigrationTaskArgs = {
  image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api@sha256:bbbb",
  command: ["alembic", "upgrade", "head"],
  environment: ENV,
  cpuUnits: 256,
  memoryMiB: 512,
  kmsKeyArn: KMS_ARN,
  region: "eu-west-1",
  logRetentionDays: 14,
  clusterArn: CLUSTER,
  subnetIds: ["subnet-a", pulumi.output("subnet-b")],
  securityGroupId: pulumi.output("sg-migrate"),
  taskRoleStatements: STATEMENTS,
  tags: TAGS,
};

async function build(args: MigrationTaskArgs = ARGS): Promise<{ task: MigrationTask; urn: string }> {
  const task = new MigrationTask("migrate", args);
  const [urn] = await Promise.all([promiseOf(task.urn), promiseOf(task.taskDefinitionArn), promiseOf(task.logGroupName)]);
  await new Promise((r) => setTimeout(r, 50));
  return { task, urn };
}

describe("resolveMigrationTaskArgs", () => {
  it("GIVEN no user (explicitly undefined) WHEN resolved THEN the non-root default 10001 applies", () => {
    expect(resolveMigrationTaskArgs({ ...ARGS, user: undefined }).user).toBe("10001");
  });

  it.each<[string, Partial<MigrationTaskArgs>, string]>([
    ["an empty command", { command: [] }, 'MigrationTask command: [] is not a command; pass the program and its arguments, e.g. ["alembic", "upgrade", "head"].'],
    ["an empty argument", { command: ["alembic", ""] }, 'MigrationTask command: ["alembic",""] is not a command; pass the program and its arguments, e.g. ["alembic", "upgrade", "head"].'],
    ["root", { user: "root" }, 'MigrationTask user: "root" is not a non-root numeric user; allowed: a uid other than 0, optionally uid:gid (e.g. "10001"). Pass the image\'s app uid.'],
    ["a retention of 2 days", { logRetentionDays: 2 }, "MigrationTask logRetentionDays: 2 is not a CloudWatch Logs retention; allowed: 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653. Pick one of those values."],
  ])("GIVEN %s WHEN resolved THEN it throws the exact message", (_label, overrides, message) => {
    expect(() => resolveMigrationTaskArgs({ ...ARGS, ...overrides })).toThrow(message);
  });
});

describe("MigrationTask", () => {
  it("GIVEN the migrate contract WHEN created THEN the container is 'migrate', runs the command, serves nothing, is hardened, and splits env from secrets", async () => {
    await build();
    const defs = JSON.parse(mocked.graph.byName("migrate-task-definition").inputs.containerDefinitions as string) as Record<string, unknown>[];
    expect(defs).toEqual([
      {
        name: "migrate",
        image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api@sha256:bbbb",
        essential: true,
        user: "10001",
        readonlyRootFilesystem: true,
        privileged: false,
        command: ["alembic", "upgrade", "head"],
        portMappings: [],
        environment: [
          { name: "ENVIRONMENT", value: "staging" },
          { name: "AUTO_RUN_MIGRATIONS", value: "false" },
          { name: "S3_BUCKET", value: "app-bucket" },
        ],
        secrets: [{ name: "DATABASE_URL", valueFrom: SM_ARN("db") }],
        logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/asc/migrate-logs", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "migrate" } },
        mountPoints: [{ sourceVolume: "tmp", containerPath: "/tmp", readOnly: false }],
        linuxParameters: { initProcessEnabled: true },
      },
    ]);
  });

  it("GIVEN a log key WHEN created THEN the migration's log group is encrypted with it", async () => {
    await build({ ...ARGS, logKmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/logs" });
    expect(mocked.graph.byName("migrate-logs").inputs).toEqual({ retentionInDays: 14, kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/logs", tags: TAGS });
  });

  it("GIVEN the task WHEN created THEN it shares the service's building blocks: log group, least-privilege execution role, separate task role, Fargate task definition", async () => {
    const { urn } = await build();
    const { graph } = mocked;
    expect(graph.byName("migrate").type).toBe(MIGRATION_TASK_TYPE);
    const children = graph.resources.filter((r) => r.urn !== urn);
    expect(children.map((r) => r.name).sort()).toEqual(["migrate-execution-policy", "migrate-execution-role", "migrate-logs", "migrate-task-definition", "migrate-task-policy", "migrate-task-role"]);
    expect(children.filter((r) => r.parent !== urn).map((r) => r.name)).toEqual([]);
    expect(graph.byType("aws:ecs/service:Service")).toEqual([]);

    expect(graph.byName("migrate-logs").inputs).toEqual({ retentionInDays: 14, tags: TAGS });
    const execution = JSON.parse(graph.byName("migrate-execution-policy").inputs.policy as string) as { Statement: IamStatement[] };
    expect(execution.Statement.find((s) => s.Sid === "ReadReferencedSecrets")?.Resource).toEqual([SM_ARN("db")]);
    expect(execution.Statement.find((s) => s.Sid === "DecryptReferencedSecrets")?.Resource).toEqual([KMS_ARN]);
    expect(JSON.parse(graph.byName("migrate-task-policy").inputs.policy as string)).toEqual({ Version: "2012-10-17", Statement: STATEMENTS });
    expect(graph.byName("migrate-task-policy").inputs.role).toBe("migrate-task-role-id");

    const { containerDefinitions: _c, ...inputs } = graph.byName("migrate-task-definition").inputs;
    expect(inputs).toEqual({
      family: "migrate",
      requiresCompatibilities: ["FARGATE"],
      networkMode: "awsvpc",
      cpu: "256",
      memory: "512",
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
      executionRoleArn: "arn:aws:iam:eu-west-1:123456789012:role/migrate-execution-role-mock",
      taskRoleArn: "arn:aws:iam:eu-west-1:123456789012:role/migrate-task-role-mock",
      volumes: [{ name: "tmp" }],
      tags: TAGS,
    });
  });

  it("GIVEN the task WHEN created THEN its outputs are everything the RunTask runner needs", async () => {
    const { task, urn } = await build({ ...ARGS, family: "asc-staging-migrate" });
    const outputs = {
      clusterArn: await promiseOf(task.clusterArn),
      taskDefinitionArn: await promiseOf(task.taskDefinitionArn),
      family: await promiseOf(task.family),
      containerName: await promiseOf(task.containerName),
      subnetIds: await promiseOf(task.subnetIds),
      securityGroupIds: await promiseOf(task.securityGroupIds),
      logGroupName: await promiseOf(task.logGroupName),
      logStreamPrefix: await promiseOf(task.logStreamPrefix),
    };
    expect(outputs).toEqual({
      clusterArn: CLUSTER,
      taskDefinitionArn: expect.stringMatching(/^arn:aws:ecs:eu-west-1:123456789012:task-definition\/asc-staging-migrate:\d+$/),
      family: "asc-staging-migrate",
      containerName: "migrate",
      subnetIds: ["subnet-a", "subnet-b"],
      securityGroupIds: ["sg-migrate"],
      logGroupName: "/asc/migrate-logs",
      logStreamPrefix: "migrate",
    });
    expect(Object.keys(mocked.graph.componentOutputs.get(urn) ?? {}).sort()).toEqual(
      ["clusterArn", "containerName", "family", "logGroupName", "logStreamPrefix", "securityGroupIds", "subnetIds", "taskDefinitionArn"],
    );
  });
});
