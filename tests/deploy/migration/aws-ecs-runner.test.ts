import { CloudWatchLogsClient, GetLogEventsCommand, ResourceNotFoundException } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeTaskDefinitionCommand, DescribeTasksCommand, ECSClient, RunTaskCommand, StopTaskCommand, type Task } from "@aws-sdk/client-ecs";
import { mockClient } from "aws-sdk-client-mock";
import type { AwsMigrationTarget } from "../../../src/contract/stack-outputs.js";
import {
  AwsEcsMigrationRunner,
  interpretStoppedTask,
  migrationClientToken,
  migrationLogStreamName,
  migrationStartedBy,
} from "../../../src/deploy/migration/aws-ecs-runner.js";
import type { MigrationRequest } from "../../../src/deploy/types.js";
import { fakeClock } from "./fake-clock.js";

const TARGET: AwsMigrationTarget = {
  cloud: "aws",
  region: "eu-west-1",
  clusterArn: "arn:aws:ecs:eu-west-1:123456789012:cluster/acme-staging",
  taskDefinitionArn: "arn:aws:ecs:eu-west-1:123456789012:task-definition/acme-staging-migrate:7",
  containerName: "migrate",
  subnetIds: ["subnet-0a1", "subnet-0b2"],
  securityGroupIds: ["sg-0migrate"],
  logGroupName: "/asc/acme-staging/migrate",
  logStreamPrefix: "migrate",
};
const IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme/api@sha256:" + "a".repeat(64);
const TASK_ARN = "arn:aws:ecs:eu-west-1:123456789012:task/acme-staging/0123456789abcdef0123456789abcdef";
const STREAM = "migrate/migrate/0123456789abcdef0123456789abcdef";
const RUN_ID = "20261121T120000Z-7f3a2c1";
const DB_PASSWORD = "pg-pass-0c9d8e7f6a5b";

const REQUEST: MigrationRequest = {
  runId: RUN_ID,
  image: IMAGE,
  command: ["alembic", "-c", "alembic.ini", "upgrade", "heads"],
  env: [],
  target: TARGET,
  timeoutSeconds: 30,
  redact: [DB_PASSWORD],
};

const ecsMock = mockClient(ECSClient);
const logsMock = mockClient(CloudWatchLogsClient);

function stoppedTask(overrides: Partial<Task> & { exitCode?: number; containerReason?: string } = {}): Task {
  const { exitCode, containerReason, ...task } = overrides;
  return {
    taskArn: TASK_ARN,
    lastStatus: "STOPPED",
    stopCode: "EssentialContainerExited",
    stoppedReason: "Essential container in task exited",
    containers: [{ name: "migrate", ...(exitCode !== undefined ? { exitCode } : {}), ...(containerReason ? { reason: containerReason } : {}) }],
    ...task,
  };
}

function runner(clock = fakeClock()) {
  return { clock, runner: new AwsEcsMigrationRunner({ ecs: new ECSClient({ region: "eu-west-1" }), logs: new CloudWatchLogsClient({ region: "eu-west-1" }), clock, pollIntervalMs: 5000 }) };
}

function givenStartedTask(...statuses: Task[]) {
  ecsMock.on(DescribeTaskDefinitionCommand).resolves({ taskDefinition: { containerDefinitions: [{ name: "migrate", image: IMAGE }] } });
  ecsMock.on(RunTaskCommand).resolves({ tasks: [{ taskArn: TASK_ARN, lastStatus: "PROVISIONING" }], failures: [] });
  const describe = ecsMock.on(DescribeTasksCommand);
  statuses.forEach((task, i) => (i === statuses.length - 1 ? describe.resolves({ tasks: [task] }) : describe.resolvesOnce({ tasks: [task] })));
  ecsMock.on(StopTaskCommand).resolves({});
}

beforeEach(() => {
  ecsMock.reset();
  logsMock.reset();
  logsMock.on(GetLogEventsCommand).rejects(new ResourceNotFoundException({ message: "The specified log stream does not exist.", $metadata: {} }));
});

describe("AwsEcsMigrationRunner", () => {
  it("GIVEN a release WHEN the migration starts THEN RunTask gets the task definition, private subnets, no public IP, the command, startedBy and an idempotency token", async () => {
    givenStartedTask(stoppedTask({ exitCode: 0 }));

    await runner().runner.run(REQUEST, new AbortController().signal);

    expect(ecsMock.commandCalls(RunTaskCommand).map((c) => c.args[0].input)).toEqual([
      {
        cluster: "arn:aws:ecs:eu-west-1:123456789012:cluster/acme-staging",
        taskDefinition: "arn:aws:ecs:eu-west-1:123456789012:task-definition/acme-staging-migrate:7",
        launchType: "FARGATE",
        count: 1,
        networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-0a1", "subnet-0b2"], securityGroups: ["sg-0migrate"], assignPublicIp: "DISABLED" } },
        overrides: { containerOverrides: [{ name: "migrate", command: ["alembic", "-c", "alembic.ini", "upgrade", "heads"] }] },
        startedBy: "asc/20261121T120000Z-7f3a2c1",
        clientToken: "asc-535e099519bf485e6ec1a6eec377b07979aea334b21ee856f36b7c592f8f",
      },
    ]);
    expect(ecsMock.commandCalls(DescribeTaskDefinitionCommand).map((c) => c.args[0].input)).toEqual([{ taskDefinition: TARGET.taskDefinitionArn }]);
  });

  it("GIVEN a task that runs and exits 0 WHEN it is polled THEN it succeeds, the logs are read across two pages and secrets are redacted", async () => {
    givenStartedTask({ taskArn: TASK_ARN, lastStatus: "PENDING" }, { taskArn: TASK_ARN, lastStatus: "RUNNING" }, stoppedTask({ exitCode: 0 }));
    logsMock
      .on(GetLogEventsCommand, { logStreamName: STREAM, nextToken: undefined })
      .resolves({ events: [{ message: "INFO  [alembic] Context impl PostgresqlImpl." }, { message: `INFO  connecting with password ${DB_PASSWORD}` }], nextForwardToken: "f/1" })
      .on(GetLogEventsCommand, { nextToken: "f/1" })
      .resolves({ events: [{ message: "INFO  [alembic] Running upgrade  -> 0001\n" }, { message: "url postgresql+asyncpg://app:hunter2@db.internal:5432/app" }], nextForwardToken: "f/2" })
      .on(GetLogEventsCommand, { nextToken: "f/2" })
      .resolves({ events: [], nextForwardToken: "f/2" });
    const { runner: r, clock } = runner();

    const result = await r.run(REQUEST, new AbortController().signal);

    expect(result).toEqual({
      status: "succeeded",
      exitCode: 0,
      startedAt: "2026-11-21T12:00:00.000Z",
      endedAt: "2026-11-21T12:00:10.000Z",
      durationMs: 10_000,
      logTail: [
        "INFO  [alembic] Context impl PostgresqlImpl.",
        "INFO  connecting with password [redacted]",
        "INFO  [alembic] Running upgrade  -> 0001",
        "url postgresql+asyncpg://app:[redacted]@db.internal:5432/app",
      ],
      runRef: TASK_ARN,
    });
    expect(clock.sleeps).toEqual([5000, 5000]);
    expect(ecsMock.commandCalls(DescribeTasksCommand).map((c) => c.args[0].input)).toEqual(Array(3).fill({ cluster: TARGET.clusterArn, tasks: [TASK_ARN] }));
    expect(logsMock.commandCalls(GetLogEventsCommand).map((c) => c.args[0].input)).toEqual([
      { logGroupName: "/asc/acme-staging/migrate", logStreamName: STREAM, startFromHead: true },
      { logGroupName: "/asc/acme-staging/migrate", logStreamName: STREAM, startFromHead: true, nextToken: "f/1" },
      { logGroupName: "/asc/acme-staging/migrate", logStreamName: STREAM, startFromHead: true, nextToken: "f/2" },
    ]);
    expect(ecsMock.commandCalls(StopTaskCommand)).toHaveLength(0);
  });

  it("GIVEN a task whose container exits non-zero THEN it fails with the exit code and the stop reason", async () => {
    givenStartedTask(stoppedTask({ exitCode: 2 }));
    logsMock
      .on(GetLogEventsCommand)
      .resolvesOnce({ events: [{ message: "FAILED: Multiple head revisions are present" }], nextForwardToken: "f/1" })
      .resolves({ events: [], nextForwardToken: "f/1" });

    const result = await runner().runner.run(REQUEST, new AbortController().signal);

    expect(result).toMatchObject({
      status: "failed",
      exitCode: 2,
      reason: 'container "migrate" exited with code 2 (EssentialContainerExited: Essential container in task exited)',
      logTail: ["FAILED: Multiple head revisions are present"],
      runRef: TASK_ARN,
    });
  });

  it("GIVEN a task that never started THEN it fails with TaskFailedToStart and the container's reason, and no log stream means no logs", async () => {
    givenStartedTask(
      stoppedTask({
        stopCode: "TaskFailedToStart",
        stoppedReason: "ResourceInitializationError: unable to pull secrets or registry auth",
        containerReason: "CannotPullContainerError: pull image manifest has been retried 5 time(s)",
      }),
    );

    const result = await runner().runner.run(REQUEST, new AbortController().signal);

    expect(result).toMatchObject({
      status: "failed",
      reason:
        "the task failed to start (TaskFailedToStart: ResourceInitializationError: unable to pull secrets or registry auth); container: CannotPullContainerError: pull image manifest has been retried 5 time(s)",
      logTail: [],
    });
    expect(result.exitCode).toBeUndefined();
  });

  it("GIVEN RunTask reports failures THEN it fails with each failure's reason and nothing is polled", async () => {
    ecsMock.on(DescribeTaskDefinitionCommand).resolves({ taskDefinition: { containerDefinitions: [{ name: "migrate", image: IMAGE }] } });
    ecsMock.on(RunTaskCommand).resolves({ tasks: [], failures: [{ arn: "arn:aws:ecs:eu-west-1:123456789012:container-instance/x", reason: "RESOURCE:ENI", detail: "no ENI capacity" }] });

    const result = await runner().runner.run(REQUEST, new AbortController().signal);

    expect(result).toEqual({
      status: "failed",
      reason: "RunTask failed: arn:aws:ecs:eu-west-1:123456789012:container-instance/x RESOURCE:ENI no ENI capacity",
      startedAt: "2026-11-21T12:00:00.000Z",
      endedAt: "2026-11-21T12:00:00.000Z",
      durationMs: 0,
      logTail: [],
    });
    expect(ecsMock.commandCalls(DescribeTasksCommand)).toHaveLength(0);
  });

  it("GIVEN RunTask throws THEN it fails with the error", async () => {
    ecsMock.on(DescribeTaskDefinitionCommand).resolves({ taskDefinition: { containerDefinitions: [{ name: "migrate", image: IMAGE }] } });
    ecsMock.on(RunTaskCommand).rejects(Object.assign(new Error("User is not authorized to perform: ecs:RunTask"), { name: "AccessDeniedException" }));

    const result = await runner().runner.run(REQUEST, new AbortController().signal);

    expect(result).toMatchObject({ status: "failed", reason: "RunTask failed: AccessDeniedException: User is not authorized to perform: ecs:RunTask" });
  });

  it("GIVEN a task still running at the deadline THEN it is stopped and the status is timed-out", async () => {
    givenStartedTask({ taskArn: TASK_ARN, lastStatus: "RUNNING" });
    const { runner: r, clock } = runner();

    const result = await r.run(REQUEST, new AbortController().signal);

    expect(result).toMatchObject({ status: "timed-out", reason: "timed out after 30 s while the task was RUNNING; the task was stopped", durationMs: 30_000, runRef: TASK_ARN });
    expect(clock.sleeps).toEqual([5000, 5000, 5000, 5000, 5000, 5000]);
    expect(ecsMock.commandCalls(DescribeTasksCommand)).toHaveLength(7);
    expect(ecsMock.commandCalls(StopTaskCommand).map((c) => c.args[0].input)).toEqual([
      { cluster: TARGET.clusterArn, task: TASK_ARN, reason: "asc: migration timed out (run 20261121T120000Z-7f3a2c1)" },
    ]);
  });

  it("GIVEN a running task WHEN the signal aborts THEN StopTask is called and the status is cancelled", async () => {
    givenStartedTask();
    const controller = new AbortController();
    ecsMock.on(DescribeTasksCommand).callsFake(() => {
      controller.abort();
      return { tasks: [{ taskArn: TASK_ARN, lastStatus: "RUNNING" }] };
    });

    const result = await runner().runner.run(REQUEST, controller.signal);

    expect(result).toMatchObject({ status: "cancelled", reason: "cancelled while the task was RUNNING; the task was stopped", runRef: TASK_ARN });
    expect(ecsMock.commandCalls(StopTaskCommand).map((c) => c.args[0].input)).toEqual([
      { cluster: TARGET.clusterArn, task: TASK_ARN, reason: "asc: migration cancelled (run 20261121T120000Z-7f3a2c1)" },
    ]);
  });

  it("GIVEN an aborted signal THEN no task is started", async () => {
    givenStartedTask(stoppedTask({ exitCode: 0 }));
    const controller = new AbortController();
    controller.abort();

    const result = await runner().runner.run(REQUEST, controller.signal);

    expect(result).toMatchObject({ status: "cancelled", reason: "cancelled before the task was started" });
    expect(ecsMock.commandCalls(RunTaskCommand)).toHaveLength(0);
  });

  it("GIVEN a task reported MISSING right after RunTask THEN polling goes on until it is found", async () => {
    givenStartedTask(stoppedTask({ exitCode: 0 }));
    ecsMock
      .on(DescribeTasksCommand)
      .resolvesOnce({ tasks: [], failures: [{ arn: TASK_ARN, reason: "MISSING" }] })
      .resolves({ tasks: [stoppedTask({ exitCode: 0 })] });

    const result = await runner().runner.run(REQUEST, new AbortController().signal);

    expect(result).toMatchObject({ status: "succeeded", exitCode: 0, durationMs: 5000 });
  });

  it("GIVEN DescribeTasks keeps failing THEN the runner keeps polling to the deadline, leaves the task running and reports unknown with how to check it", async () => {
    givenStartedTask();
    ecsMock.on(DescribeTasksCommand).rejects(Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" }));

    const result = await runner().runner.run(REQUEST, new AbortController().signal);

    expect(result.status).toBe("unknown");
    expect(result.runRef).toBe(TASK_ARN);
    expect(result.reason).toContain(`lost sight of task ${TASK_ARN}: DescribeTasks kept failing until the 30 s deadline`);
    expect(result.reason).toContain(`asc did not stop it, so it may still be running or have finished. Check it with: aws ecs describe-tasks --region eu-west-1 --cluster ${TARGET.clusterArn} --tasks ${TASK_ARN}`);
    // 5 s, 5 s, then backing off 10 s and the 10 s left: five checks in 30 s, more than the three that used to end the wait.
    expect(ecsMock.commandCalls(DescribeTasksCommand)).toHaveLength(5);
    expect(ecsMock.commandCalls(StopTaskCommand)).toHaveLength(0);
  });

  it("GIVEN a task definition that still runs the previous image THEN nothing is started and the reason names both images", async () => {
    ecsMock.on(DescribeTaskDefinitionCommand).resolves({ taskDefinition: { containerDefinitions: [{ name: "migrate", image: "acme/api:sha-0000000" }] } });

    const result = await runner().runner.run(REQUEST, new AbortController().signal);

    expect(result).toMatchObject({
      status: "failed",
      reason: `task definition ${TARGET.taskDefinitionArn} runs image acme/api:sha-0000000, not the release image ${IMAGE}; RunTask cannot override the image, so provision must move the migration task definition to the new image first`,
    });
    expect(ecsMock.commandCalls(RunTaskCommand)).toHaveLength(0);
  });

  it("GIVEN logs that cannot be read for another reason THEN the run keeps its status and the tail says why", async () => {
    givenStartedTask(stoppedTask({ exitCode: 0 }));
    logsMock.on(GetLogEventsCommand).rejects(Object.assign(new Error("not authorized"), { name: "AccessDeniedException" }));

    const result = await runner().runner.run(REQUEST, new AbortController().signal);

    expect(result).toMatchObject({
      status: "succeeded",
      logTail: [`[asc] could not read log stream /asc/acme-staging/migrate/${STREAM}: AccessDeniedException: not authorized`],
    });
  });

  it("GIVEN a request for another cloud THEN the runner throws, naming both", async () => {
    await expect(runner().runner.run({ ...REQUEST, target: { cloud: "local", cwd: "/", env: {} } }, new AbortController().signal)).rejects.toThrow(
      'AwsEcsMigrationRunner runs "aws" migrations, but the request\'s target is "local"',
    );
  });
});

describe("ECS naming helpers", () => {
  it.each([
    ["20261121T120000Z-7f3a2c1", "asc/20261121T120000Z-7f3a2c1"],
    ["run/with spaces:and*stars", "asc/run/with-spaces-and-stars"],
    ["x".repeat(200), `asc/${"x".repeat(124)}`],
  ])("GIVEN run id %j THEN startedBy is %j", (runId, expected) => {
    expect(migrationStartedBy(runId)).toBe(expected);
  });

  it.each([
    ["20261121T120000Z-7f3a2c1", "asc-535e099519bf485e6ec1a6eec377b07979aea334b21ee856f36b7c592f8f"],
    ["run/with spaces:and*stars", "asc-0f8ea6fa498dbe745d45f7e93e90bad62128078f9eda141e439dbafdde1e"],
  ])("GIVEN run id %j THEN the client token is the same 64 characters every time", (runId, expected) => {
    expect(migrationClientToken(runId)).toBe(expected);
    expect(expected).toHaveLength(64);
  });

  it("GIVEN a task ARN THEN the log stream is <prefix>/<container>/<task id>", () => {
    expect(migrationLogStreamName(TARGET, TASK_ARN)).toBe(STREAM);
  });
});

describe("interpretStoppedTask", () => {
  it.each<[string, Task, ReturnType<typeof interpretStoppedTask>]>([
    ["exit 0", stoppedTask({ exitCode: 0 }), { status: "succeeded", exitCode: 0 }],
    ["exit 1", stoppedTask({ exitCode: 1 }), { status: "failed", exitCode: 1, reason: 'container "migrate" exited with code 1 (EssentialContainerExited: Essential container in task exited)' }],
    [
      "no exit code",
      stoppedTask({ stopCode: "SpotInterruption", stoppedReason: "Your Spot Task was interrupted." }),
      { status: "failed", reason: "the task stopped without an exit code (SpotInterruption: Your Spot Task was interrupted.)" },
    ],
    ["failed to start, no reason", { taskArn: TASK_ARN, lastStatus: "STOPPED", stopCode: "TaskFailedToStart" }, { status: "failed", reason: "the task failed to start (TaskFailedToStart)" }],
    ["multi-line reason", stoppedTask({ exitCode: 4, stoppedReason: "line one\nline two" }), { status: "failed", exitCode: 4, reason: 'container "migrate" exited with code 4 (EssentialContainerExited: line one line two)' }],
  ])("GIVEN a stopped task with %s THEN the outcome is exact", (_name, task, expected) => {
    expect(interpretStoppedTask(task, "migrate")).toEqual(expected);
  });
});
