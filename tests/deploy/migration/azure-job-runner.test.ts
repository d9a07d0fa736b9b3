import type { JobExecution } from "@azure/arm-appcontainers";
import type { AzureMigrationTarget } from "../../../src/contract/stack-outputs.js";
import { AzureJobMigrationRunner, jobExecutionLogQuery, type ContainerAppsJobsApi } from "../../../src/deploy/migration/azure-job-runner.js";
import type { MigrationRequest } from "../../../src/deploy/types.js";
import { fakeClock } from "./fake-clock.js";

const TARGET: AzureMigrationTarget = { cloud: "azure", subscriptionId: "00000000-0000-0000-0000-000000000001", resourceGroupName: "rg-acme-staging", jobName: "acme-staging-migrate" };
const IMAGE = "acmecr.azurecr.io/acme/api@sha256:" + "b".repeat(64);
const EXECUTION = "acme-staging-migrate-k2x9q7";
const REQUEST: MigrationRequest = { runId: "run-1", image: IMAGE, command: ["alembic", "upgrade", "heads"], env: [], target: TARGET, timeoutSeconds: 30 };
const LOG_HINT = `[asc] Container Apps Jobs report no exit code; console logs (after an ingestion delay) in Log Analytics: ContainerAppConsoleLogs_CL | where ContainerJobName_s == "acme-staging-migrate" and ContainerGroupName_s startswith "${EXECUTION}"`;

/** A fake of the four Container Apps calls: each execution status read returns the next status (the last one repeats). */
function fakeApi(statuses: string[], options: { image?: string; onStatusRead?: (count: number) => void; start?: () => Promise<{ name?: string }> } = {}) {
  const calls: string[] = [];
  let reads = 0;
  const api = {
    jobs: {
      async get(rg: string, job: string) {
        calls.push(`get ${rg}/${job}`);
        return { template: { containers: [{ name: "migrate", image: options.image ?? IMAGE }] } };
      },
      async beginStartAndWait(rg: string, job: string, opts?: { abortSignal?: AbortSignal }) {
        calls.push(`start ${rg}/${job} template=${JSON.stringify((opts as { template?: unknown } | undefined)?.template)}`);
        return options.start ? options.start() : { name: EXECUTION, id: `/subscriptions/x/jobs/${job}/executions/${EXECUTION}` };
      },
      async beginStopExecutionAndWait(rg: string, job: string, execution: string) {
        calls.push(`stop ${rg}/${job}/${execution}`);
      },
    },
    async jobExecution(rg: string, job: string, execution: string): Promise<JobExecution> {
      reads += 1;
      calls.push(`status ${rg}/${job}/${execution}`);
      options.onStatusRead?.(reads);
      return { name: execution, status: statuses[Math.min(reads, statuses.length) - 1] } as JobExecution;
    },
  };
  return { api: api as unknown as ContainerAppsJobsApi, calls };
}

function runner(api: ContainerAppsJobsApi, clock = fakeClock()) {
  return { clock, runner: new AzureJobMigrationRunner({ api, clock, pollIntervalMs: 5000 }) };
}

describe("AzureJobMigrationRunner", () => {
  it("GIVEN an execution that runs and succeeds THEN the status is succeeded with no exit code and the job's template is not overridden", async () => {
    const { api, calls } = fakeApi(["Running", "Running", "Succeeded"]);
    const { runner: r, clock } = runner(api);

    const result = await r.run(REQUEST, new AbortController().signal);

    expect(result).toEqual({
      status: "succeeded",
      startedAt: "2026-11-21T12:00:00.000Z",
      endedAt: "2026-11-21T12:00:10.000Z",
      durationMs: 10_000,
      logTail: [LOG_HINT],
      runRef: EXECUTION,
    });
    expect(calls).toEqual([
      "get rg-acme-staging/acme-staging-migrate",
      "start rg-acme-staging/acme-staging-migrate template=undefined",
      `status rg-acme-staging/acme-staging-migrate/${EXECUTION}`,
      `status rg-acme-staging/acme-staging-migrate/${EXECUTION}`,
      `status rg-acme-staging/acme-staging-migrate/${EXECUTION}`,
    ]);
    expect(clock.sleeps).toEqual([5000, 5000]);
  });

  it.each([
    ["Failed", ["Processing", "Failed"]],
    ["Degraded", ["Running", "Degraded"]],
    ["Stopped", ["Stopped"]],
  ])("GIVEN an execution that ends %s THEN the status is failed and the reason names the execution status", async (final, statuses) => {
    const { api, calls } = fakeApi(statuses);

    const result = await runner(api).runner.run(REQUEST, new AbortController().signal);

    expect(result).toMatchObject({ status: "failed", reason: `job execution ${EXECUTION} ended with status ${final}`, logTail: [LOG_HINT], runRef: EXECUTION });
    expect(result.exitCode).toBeUndefined();
    expect(calls.filter((c) => c.startsWith("stop"))).toEqual([]);
  });

  it("GIVEN an execution still running at the deadline THEN it is stopped and the status is timed-out", async () => {
    const { api, calls } = fakeApi(["Running"]);
    const { runner: r, clock } = runner(api);

    const result = await r.run(REQUEST, new AbortController().signal);

    expect(result).toMatchObject({ status: "timed-out", reason: "timed out after 30 s while the execution was Running; the execution was stopped", durationMs: 30_000, runRef: EXECUTION });
    expect(clock.sleeps).toEqual(Array(6).fill(5000));
    expect(calls.filter((c) => c.startsWith("status"))).toHaveLength(7);
    expect(calls.at(-1)).toBe(`stop rg-acme-staging/acme-staging-migrate/${EXECUTION}`);
  });

  it("GIVEN status reads that fail from the second one on THEN polling backs off to the deadline, the execution is not stopped, and the status is unknown with how to check it", async () => {
    const { api, calls } = fakeApi(["Running"], {
      onStatusRead: (n) => {
        if (n > 1) throw Object.assign(new Error("The access token expiry UTC time is earlier than current UTC time."), { name: "RestError", code: "ExpiredAuthenticationToken" });
      },
    });
    const { runner: r, clock } = runner(api);

    const result = await r.run(REQUEST, new AbortController().signal);

    expect(result.status).toBe("unknown");
    expect(result.runRef).toBe(EXECUTION);
    expect(result.reason).toBe(
      `lost sight of job execution ${EXECUTION}: reading its status kept failing until the 30 s deadline (5 failed calls in a row, last: RestError: The access token expiry UTC time is earlier than current UTC time.); ` +
        `asc did not stop it, so it may still be running or have finished. Check it with: az containerapp job execution show --resource-group rg-acme-staging --name acme-staging-migrate --job-execution-name ${EXECUTION}`,
    );
    expect(clock.sleeps).toEqual([5000, 5000, 5000, 10_000, 5000]);
    expect(calls.some((c) => c.startsWith("stop"))).toBe(false);
  });

  it("GIVEN a running execution WHEN the signal aborts THEN it is stopped and the status is cancelled", async () => {
    const controller = new AbortController();
    const { api, calls } = fakeApi(["Running"], { onStatusRead: (n) => n === 2 && controller.abort() });

    const result = await runner(api).runner.run(REQUEST, controller.signal);

    expect(result).toMatchObject({ status: "cancelled", reason: "cancelled while the execution was Running; the execution was stopped", runRef: EXECUTION });
    expect(calls.filter((c) => c.startsWith("status"))).toHaveLength(2);
    expect(calls.at(-1)).toBe(`stop rg-acme-staging/acme-staging-migrate/${EXECUTION}`);
  });

  it("GIVEN stopping fails THEN the reason says so", async () => {
    const { api } = fakeApi(["Running"]);
    (api.jobs as { beginStopExecutionAndWait: unknown }).beginStopExecutionAndWait = async () => {
      throw Object.assign(new Error("execution not found"), { name: "RestError" });
    };

    const result = await runner(api).runner.run(REQUEST, new AbortController().signal);

    expect(result).toMatchObject({ status: "timed-out", reason: "timed out after 30 s while the execution was Running; stopping the execution failed: RestError: execution not found" });
  });

  it("GIVEN the signal aborts while the execution is starting THEN the status is cancelled without a run reference", async () => {
    const controller = new AbortController();
    const { api } = fakeApi(["Running"], {
      start: async () => {
        controller.abort();
        throw Object.assign(new Error("The operation was aborted."), { name: "AbortError" });
      },
    });

    const result = await runner(api).runner.run(REQUEST, controller.signal);

    expect(result).toMatchObject({ status: "cancelled", reason: "cancelled while the job execution was starting", logTail: [] });
    expect(result.runRef).toBeUndefined();
  });

  it("GIVEN starting the job fails THEN the status is failed with the error", async () => {
    const { api } = fakeApi(["Running"], {
      start: async () => {
        throw Object.assign(new Error("The client does not have authorization to perform action 'Microsoft.App/jobs/start/action'"), { name: "RestError" });
      },
    });

    const result = await runner(api).runner.run(REQUEST, new AbortController().signal);

    expect(result).toMatchObject({
      status: "failed",
      reason: "starting job acme-staging-migrate failed: RestError: The client does not have authorization to perform action 'Microsoft.App/jobs/start/action'",
    });
  });

  it("GIVEN a job that still runs the previous image THEN no execution is started", async () => {
    const { api, calls } = fakeApi(["Succeeded"], { image: "acmecr.azurecr.io/acme/api:sha-0000000" });

    const result = await runner(api).runner.run(REQUEST, new AbortController().signal);

    expect(result).toMatchObject({
      status: "failed",
      reason: `job acme-staging-migrate runs image acmecr.azurecr.io/acme/api:sha-0000000, not the release image ${IMAGE}; provision must move the migration job to the new image first`,
    });
    expect(calls).toEqual(["get rg-acme-staging/acme-staging-migrate"]);
  });

  it("GIVEN an Unknown status THEN polling goes on", async () => {
    const { api } = fakeApi(["Unknown", "Succeeded"]);

    const result = await runner(api).runner.run(REQUEST, new AbortController().signal);

    expect(result).toMatchObject({ status: "succeeded", durationMs: 5000 });
  });

  it("GIVEN a request for another cloud THEN the runner throws, naming both", async () => {
    const { api } = fakeApi(["Succeeded"]);
    await expect(runner(api).runner.run({ ...REQUEST, target: { cloud: "local", cwd: "/", env: {} } }, new AbortController().signal)).rejects.toThrow(
      'AzureJobMigrationRunner runs "azure" migrations, but the request\'s target is "local"',
    );
  });

  it("GIVEN a job and an execution THEN the Log Analytics query filters on both", () => {
    expect(jobExecutionLogQuery("j", "j-abc")).toBe('ContainerAppConsoleLogs_CL | where ContainerJobName_s == "j" and ContainerGroupName_s startswith "j-abc"');
  });
});
