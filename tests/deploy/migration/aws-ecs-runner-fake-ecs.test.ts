/**
 * AwsEcsMigrationRunner through the real ECS and CloudWatch Logs clients against the fake endpoint
 * (tests/helpers/fake-cloud/fake-ecs.ts): eventual consistency after RunTask, throttling the SDK retries, and
 * credentials that expire while the migration runs.
 */
import { AwsEcsMigrationRunner } from "../../../src/deploy/migration/aws-ecs-runner.js";
import type { MigrationRequest } from "../../../src/deploy/types.js";
import { FakeEcs } from "../../helpers/fake-cloud/fake-ecs.js";
import { awsStackOutputs } from "../../helpers/fake-pulumi/world.js";
import { fakeClock } from "./fake-clock.js";

const IMAGE = "ghcr.io/acme/api:v2";
const target = awsStackOutputs().migration as MigrationRequest["target"] & { taskDefinitionArn: string; clusterArn: string };
const REQUEST: MigrationRequest = { runId: "20261206T044500Z-abc1234", image: IMAGE, command: ["alembic", "upgrade", "heads"], env: [], target, timeoutSeconds: 120 };

let ecs: FakeEcs;
beforeEach(async () => {
  ecs = await new FakeEcs().start();
  ecs.taskDefinitions.set(target.taskDefinitionArn, [{ name: "migrate", image: IMAGE }]);
  ecs.logLines = ["INFO  [alembic.runtime.migration] Running upgrade 0041 -> 0042"];
});
afterEach(() => ecs.stop());

const run = () => {
  const { ecs: client, logs } = ecs.clients();
  return new AwsEcsMigrationRunner({ ecs: client, logs, clock: fakeClock(), pollIntervalMs: 5000 }).run(REQUEST, new AbortController().signal);
};

describe("AwsEcsMigrationRunner against the fake ECS", () => {
  it("GIVEN RunTask is throttled once and the task is MISSING right after THEN the SDK retries RunTask with the same client token, and the run succeeds", async () => {
    ecs.fail("RunTask", "ThrottlingException");
    ecs.nextTask = { missing: 2, statuses: ["PENDING", "RUNNING", "STOPPED"], exitCode: 0, stopCode: "EssentialContainerExited" };

    const result = await run();

    expect(result).toMatchObject({ status: "succeeded", exitCode: 0, logTail: ["INFO  [alembic.runtime.migration] Running upgrade 0041 -> 0042"] });
    const runTasks = ecs.calls.filter((c) => c.operation === "RunTask");
    expect(runTasks.map((c) => c.fault ?? "ok")).toEqual(["ThrottlingException", "ok"]);
    expect(new Set(runTasks.map((c) => c.body.clientToken)).size).toBe(1);
    expect(ecs.tasks.size).toBe(1);
    expect(ecs.operations().filter((o) => o === "DescribeTasks")).toHaveLength(5);
  });

  it("GIVEN the credentials expire while the task runs THEN asc keeps asking until the deadline, never stops the task, and reports unknown with the task ARN", async () => {
    ecs.nextTask = { missing: 0, statuses: ["RUNNING"] };
    // DescribeTaskDefinition, RunTask and the first DescribeTasks (RUNNING) succeed; every call after them fails.
    ecs.fail("*", "ExpiredTokenException", 1000, 3);
    const result = await run();

    const [taskArn] = [...ecs.tasks.keys()];
    expect(result.status).toBe("unknown");
    expect(result.runRef).toBe(taskArn);
    expect(result.reason).toContain(`lost sight of task ${taskArn}: DescribeTasks kept failing until the 120 s deadline`);
    expect(result.reason).toContain("ExpiredTokenException: The security token included in the request is expired");
    expect(result.reason).toContain(`aws ecs describe-tasks --region eu-west-1 --cluster ${target.clusterArn} --tasks ${taskArn}`);
    expect(ecs.operations()).not.toContain("StopTask");
    expect(ecs.tasks.get(taskArn)!.stopped).toBeUndefined();
    expect(ecs.operations().filter((o) => o === "DescribeTasks!ExpiredTokenException").length).toBeGreaterThan(3);
    expect(result.logTail[0]).toContain("could not read log stream");
  });
});
