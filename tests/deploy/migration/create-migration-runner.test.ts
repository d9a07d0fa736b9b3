import { CloudWatchLogsClient, GetLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeTaskDefinitionCommand, DescribeTasksCommand, ECSClient, RunTaskCommand } from "@aws-sdk/client-ecs";
import { mockClient } from "aws-sdk-client-mock";
import type { JobExecution } from "@azure/arm-appcontainers";
import type { ContainerAppsJobsApi } from "../../../src/deploy/migration/azure-job-runner.js";
import { createMigrationRunner } from "../../../src/deploy/migration/create-migration-runner.js";
import type { MigrationRequest, MigrationTarget } from "../../../src/deploy/types.js";
import { fakeClock } from "./fake-clock.js";

const AWS_TARGET: MigrationTarget = {
  cloud: "aws",
  region: "eu-central-1",
  clusterArn: "arn:aws:ecs:eu-central-1:1:cluster/c",
  taskDefinitionArn: "arn:aws:ecs:eu-central-1:1:task-definition/m:1",
  containerName: "migrate",
  subnetIds: ["subnet-1"],
  securityGroupIds: ["sg-1"],
  logGroupName: "/g",
  logStreamPrefix: "migrate",
};
const request = (target: MigrationTarget, command: string[] = ["migrate"]): MigrationRequest => ({ runId: "r1", image: "api:1", command, env: [], target, timeoutSeconds: 30 });

describe("createMigrationRunner", () => {
  const ecsMock = mockClient(ECSClient);
  const logsMock = mockClient(CloudWatchLogsClient);
  beforeEach(() => {
    ecsMock.reset();
    logsMock.reset();
  });

  it("GIVEN an AWS target and no clients THEN it runs an ECS task with clients for the target's region", async () => {
    ecsMock.on(DescribeTaskDefinitionCommand).resolves({ taskDefinition: { containerDefinitions: [{ name: "migrate", image: "api:1" }] } });
    ecsMock.on(RunTaskCommand).resolves({ tasks: [{ taskArn: "arn:aws:ecs:eu-central-1:1:task/c/t1" }] });
    ecsMock.on(DescribeTasksCommand).resolves({ tasks: [{ taskArn: "arn:aws:ecs:eu-central-1:1:task/c/t1", lastStatus: "STOPPED", containers: [{ name: "migrate", exitCode: 0 }] }] });
    logsMock.on(GetLogEventsCommand).resolves({ events: [{ message: "ok" }], nextForwardToken: undefined });

    const result = await createMigrationRunner(AWS_TARGET, { clock: fakeClock() }).run(request(AWS_TARGET), new AbortController().signal);

    expect(result).toMatchObject({ status: "succeeded", exitCode: 0, logTail: ["ok"], runRef: "arn:aws:ecs:eu-central-1:1:task/c/t1" });
    const [runTask] = ecsMock.commandCalls(RunTaskCommand);
    expect(await (runTask.thisValue as ECSClient).config.region()).toBe("eu-central-1");
    expect(await (logsMock.commandCalls(GetLogEventsCommand)[0].thisValue as CloudWatchLogsClient).config.region()).toBe("eu-central-1");
  });

  it("GIVEN an Azure target and a client THEN it starts a job execution through that client", async () => {
    const calls: string[] = [];
    const api = {
      jobs: {
        get: async () => ({ template: { containers: [{ image: "api:1" }] } }),
        beginStartAndWait: async (rg: string, job: string) => (calls.push(`start ${rg}/${job}`), { name: "exec-1" }),
        beginStopExecutionAndWait: async () => undefined,
      },
      jobExecution: async () => ({ status: "Succeeded" }) as JobExecution,
    } as unknown as ContainerAppsJobsApi;
    const target: MigrationTarget = { cloud: "azure", subscriptionId: "sub", resourceGroupName: "rg", jobName: "job" };

    const result = await createMigrationRunner(target, { containerApps: api, clock: fakeClock() }).run(request(target), new AbortController().signal);

    expect(result).toMatchObject({ status: "succeeded", runRef: "exec-1" });
    expect(calls).toEqual(["start rg/job"]);
  });

  it("GIVEN a local target THEN it runs the command as a child process, and reuses the runner for a second run", async () => {
    const target: MigrationTarget = { cloud: "local", cwd: process.cwd(), env: { GREETING: "hello" } };
    const runner = createMigrationRunner(target);
    const command = [process.execPath, "-e", "console.log(process.env.GREETING)"];

    const first = await runner.run(request(target, command), new AbortController().signal);
    const second = await runner.run(request(target, command), new AbortController().signal);

    expect([first.status, first.exitCode, first.logTail]).toEqual(["succeeded", 0, ["hello"]]);
    expect([second.status, second.logTail]).toEqual(["succeeded", ["hello"]]);
  });
});
