/**
 * `asc deploy` and `asc verify` in-process against the fake pulumi, with the rollout check and the migration runner
 * talking to a fake ECS through the real SDK clients (tests/helpers/fake-cloud/fake-ecs.ts). ECS's reaction to each
 * update is applied when asc asks, as deployments created just after the update began.
 */
import { createMigrationRunner } from "../../../src/deploy/migration/create-migration-runner.js";
import { checkEcsRollout } from "../../../src/deploy/rollout/aws-ecs.js";
import type { RolloutRequest } from "../../../src/deploy/rollout/types.js";
import { FakeEcs, taskDefinitionArn } from "../../helpers/fake-cloud/fake-ecs.js";
import { fakeServices } from "../../helpers/fake-pulumi/fake-services.js";
import { awsStackOutputs, fakePulumiWorld, type FakePulumiWorld } from "../../helpers/fake-pulumi/world.js";
import { fakeClock } from "../migration/fake-clock.js";

const V1 = { api: "ghcr.io/acme/api:v1", web: "ghcr.io/acme/web:v1" };
const V2 = { api: "ghcr.io/acme/api:v2", web: "ghcr.io/acme/web:v2" };
const PROFILE = `config:
  asc:cloud: aws
  asc:tier: dev
  asc:region: eu-west-1
  asc:name: app
  asc:images:
    api: ${V2.api}
    web: ${V2.web}
  asc:devOverrides:
    httpOnly: true
`;
const SECRETS = { ASC_OPENAI_API_KEY: "sk-test-openai-KNOWN-0042" };
const TD = { api42: taskDefinitionArn("app-api", 42), api43: taskDefinitionArn("app-api", 43), web12: taskDefinitionArn("app-web", 12), web13: taskDefinitionArn("app-web", 13) };
/** A moment just after an update began (a later update begins after it: each `pulumi up` takes longer than this). */
const at = (since: Date, ms: number) => new Date(since.getTime() + ms);

let ecs: FakeEcs;
beforeEach(async () => {
  ecs = await new FakeEcs().start();
  ecs.taskDefinitions.set(TD.api42, [{ name: "api", image: V1.api }]);
  ecs.taskDefinitions.set(TD.api43, [{ name: "api", image: V2.api }]);
  ecs.taskDefinitions.set(TD.web12, [{ name: "web", image: V1.web }]);
  ecs.taskDefinitions.set(TD.web13, [{ name: "web", image: V2.web }]);
  ecs.taskDefinitions.set(taskDefinitionArn("app-migrate", 8), [{ name: "migrate", image: V2.api }]);
  const long = new Date("2026-11-01T00:00:00Z");
  ecs.services.set("app-api", [{ id: "ecs-svc/1", status: "PRIMARY", taskDefinition: TD.api42, rolloutState: "COMPLETED", createdAt: long }]);
  ecs.services.set("app-web", [{ id: "ecs-svc/2", status: "PRIMARY", taskDefinition: TD.web12, rolloutState: "COMPLETED", createdAt: long }]);
});
afterEach(() => ecs.stop());

/** ECS after the release update: the api deployment failed and the circuit breaker rolled it back; the web rolled out. */
function releaseRolledBack(request: RolloutRequest) {
  if (!request.since || request.services[0].image !== V2.api) return;
  const since = request.since;
  ecs.services.set("app-api", [
    { id: "ecs-svc/4", status: "PRIMARY", taskDefinition: TD.api42, rolloutState: "COMPLETED", createdAt: at(since, 300) },
    { id: "ecs-svc/3", status: "ACTIVE", taskDefinition: TD.api43, rolloutState: "FAILED", rolloutStateReason: "ECS deployment circuit breaker: tasks failed to start.", createdAt: at(since, 5) },
  ]);
  ecs.serviceDeployments.set("app-api", [{ serviceDeploymentArn: "arn:aws:ecs:eu-west-1:123456789012:service-deployment/app/app-api/3", status: "ROLLBACK_SUCCESSFUL", createdAt: at(since, 5), targetTaskDefinition: TD.api43 }]);
  ecs.services.set("app-web", [{ id: "ecs-svc/5", status: "PRIMARY", taskDefinition: TD.web13, rolloutState: "COMPLETED", createdAt: at(since, 5) }]);
}

/** ECS after a rollback update to v1: the api's failed deployment has drained; the web moves back to v1. */
function rollbackApplied(request: RolloutRequest) {
  if (!request.since || request.services[0].image !== V1.api) return;
  ecs.services.set("app-api", ecs.services.get("app-api")!.filter((d) => d.status === "PRIMARY"));
  ecs.services.set("app-web", [{ id: "ecs-svc/6", status: "PRIMARY", taskDefinition: TD.web12, rolloutState: "COMPLETED", createdAt: at(request.since, 5) }]);
}

async function runAsc(world: FakePulumiWorld, argv: string[], onRolloutCheck: (r: RolloutRequest) => void = () => undefined, env: Record<string, string> = {}) {
  const clients = ecs.clients();
  const { services, calls } = fakeServices({
    upCount: () => world.commands().filter((c) => c === "up").length,
    rollout: async (request) => {
      onRolloutCheck(request);
      return checkEcsRollout(clients.ecs, request);
    },
  });
  services.migrationRunner = async (target) => createMigrationRunner(target, { ecs: clients.ecs, logs: clients.logs, clock: fakeClock(), pollIntervalMs: 1000 });
  const result = await world.run(argv, { env: { ...SECRETS, ...env }, services });
  const reports = world.reports();
  expect(reports).toHaveLength(1);
  return { ...result, calls, report: reports[0].json, markdown: reports[0].markdown };
}

const phasesOf = (report: Record<string, any>) => report.phases.map((p: { name: string; result: string }) => `${p.name}:${p.result}`);

function releasedWorld(): FakePulumiWorld {
  const world = fakePulumiWorld({ "aws-dev": PROFILE });
  world.seedStack("aws-dev", awsStackOutputs({ release: V1 }));
  world.setUpOutputs(awsStackOutputs({ release: V2, taskRevision: 8 }));
  return world;
}

describe("asc deploy: ECS rolled the release back", () => {
  it("GIVEN the circuit breaker rolls the api back after `pulumi up` succeeded THEN exit 4, both task definitions are named, verify is not run", async () => {
    const world = releasedWorld();
    const { code, stdout, report, markdown, calls } = await runAsc(world, ["deploy", "--profile", "aws-dev", "--image", `api=${V2.api}`, "--image", `web=${V2.web}`], releaseRolledBack);

    expect(code).toBe(4);
    expect(phasesOf(report)).toEqual(["validate:succeeded", "provision:succeeded", "migrate:succeeded", "release:failed", "verify:skipped"]);
    const api = report.rollout.release.find((r: { service: string }) => r.service === "api");
    expect(api).toMatchObject({ ok: false, name: "app-api", expected: TD.api43, actual: TD.api42, actualImages: [V1.api] });
    expect(report.rollout.release.find((r: { service: string }) => r.service === "web")).toMatchObject({ ok: true, actual: TD.web13 });
    expect(report.error).toContain(`api (app-api): expected task definition ${TD.api43}, actual ${TD.api42}`);
    expect(markdown).toContain("## Rollout");
    expect(stdout).toContain(TD.api43);
    // The migration ran through RunTask; DescribeTasks first answered MISSING and the runner kept polling.
    expect(ecs.operations()).toEqual([
      "DescribeTaskDefinition", "RunTask", "DescribeTasks", "DescribeTasks", "DescribeTasks", "DescribeTasks", "GetLogEvents", "GetLogEvents",
      "DescribeServices", "DescribeTaskDefinition", "DescribeTaskDefinition",
      // app-api: the FAILED deployment is still listed, so no ListServiceDeployments is needed for it; app-web:
      "ListServiceDeployments",
    ]);
    expect(ecs.operations()).not.toContain("StopTask");
    expect(world.commands().filter((c) => c === "up")).toHaveLength(2);
    expect(calls.verifications).toEqual([]);
    expect(report.changes.release).toBeDefined();
  });

  it("GIVEN --rollback-on-failure THEN the failed release is rolled back to v1, the rollback is confirmed from ECS, and the exit stays 4", async () => {
    const world = releasedWorld();
    const { code, report, calls } = await runAsc(world, ["deploy", "--profile", "aws-dev", "--rollback-on-failure", "--image", `api=${V2.api}`, "--image", `web=${V2.web}`], (r) => {
      releaseRolledBack(r);
      rollbackApplied(r);
    });

    expect(code).toBe(4);
    expect(phasesOf(report)).toEqual(["validate:succeeded", "provision:succeeded", "migrate:succeeded", "release:failed", "verify:skipped", "rollback:succeeded"]);
    expect(world.upMessages().map((m) => m.split(":")[0].split(" ").pop())).toEqual(["provision", "release", "rollback"]);
    expect(report.rollback).toMatchObject({ images: V1, result: "succeeded" });
    expect(report.rollout.rollback.map((r: { name: string; ok: boolean; actual: string }) => [r.name, r.ok, r.actual])).toEqual([["app-api", true, TD.api42], ["app-web", true, TD.web12]]);
    expect(calls.rollouts.map((r) => r.upsBefore)).toEqual([2, 3]);
    expect(calls.verifications).toEqual([]);
  });
});

describe("asc deploy: a release update that fails part-way", () => {
  it("GIVEN the release `pulumi up` fails and --rollback-on-failure THEN its change summary is kept, the previous images are redeployed and confirmed; exit 4", async () => {
    const world = releasedWorld();
    const { code, report, calls } = await runAsc(world, ["deploy", "--profile", "aws-dev", "--rollback-on-failure", "--image", `api=${V2.api}`, "--image", `web=${V2.web}`], rollbackApplied, { FAKE_PULUMI_FAIL: "up#2" });

    expect(code).toBe(4);
    expect(phasesOf(report)).toEqual(["validate:succeeded", "provision:succeeded", "migrate:succeeded", "release:failed", "verify:skipped", "rollback:succeeded"]);
    // The engine reported one failed step before the update failed: the report keeps that summary.
    expect(report.changes.release).toEqual({ failed: 1 });
    expect(report.error).toContain("pulumi up failed (release)");
    expect(world.upMessages().map((m) => m.split(":")[0].split(" ").pop())).toEqual(["provision", "release", "rollback"]);
    // The failed release was not checked (its update failed); the rollback was, against v1.
    expect(calls.rollouts.map((r) => [r.upsBefore, r.request.services.map((s) => s.image)])).toEqual([[3, [V1.api, V1.web]]]);
    expect(report.rollout.rollback.every((r: { ok: boolean }) => r.ok)).toBe(true);
    expect(calls.verifications).toEqual([]);
  });

  it("GIVEN the release `pulumi up` fails without --rollback-on-failure THEN no rollback update runs", async () => {
    const world = releasedWorld();
    const { code, report, calls } = await runAsc(world, ["deploy", "--profile", "aws-dev", "--image", `api=${V2.api}`, "--image", `web=${V2.web}`], () => undefined, { FAKE_PULUMI_FAIL: "up#2" });
    expect(code).toBe(4);
    expect(phasesOf(report)).toEqual(["validate:succeeded", "provision:succeeded", "migrate:succeeded", "release:failed", "verify:skipped"]);
    expect(report.changes.release).toEqual({ failed: 1 });
    expect(world.commands().filter((c) => c === "up")).toHaveLength(2);
    expect(calls.rollouts).toEqual([]);
  });
});

describe("asc verify: the platform confirms the release", () => {
  it("GIVEN healthy endpoints but an api still on an older task definition than the stack's release THEN exit 6 naming both", async () => {
    const world = fakePulumiWorld({ "aws-dev": PROFILE });
    world.seedStack("aws-dev", awsStackOutputs({ release: V2 }));
    ecs.services.set("app-web", [{ id: "ecs-svc/5", status: "PRIMARY", taskDefinition: TD.web13, rolloutState: "COMPLETED", createdAt: new Date("2026-11-02T00:00:00Z") }]);
    const { code, report, calls } = await runAsc(world, ["verify", "--profile", "aws-dev"]);

    expect(code).toBe(6);
    expect(phasesOf(report)).toEqual(["validate:succeeded", "verify:failed"]);
    expect(report.rollout.verify.map((r: { name: string; ok: boolean; actual: string; image: string }) => [r.name, r.ok, r.actual, r.image])).toEqual([["app-api", false, TD.api42, V2.api], ["app-web", true, TD.web13, V2.web]]);
    expect(report.error).toContain(`api (app-api): expected task definition a task definition running ${V2.api}, actual ${TD.api42} (${V1.api})`);
    expect(calls.verifications).toHaveLength(1);
    expect(world.commands()).not.toContain("up");
    // verify only reads what runs now: no update started, so no service-deployment history is listed.
    expect(ecs.operations()).toEqual(["DescribeServices", "DescribeTaskDefinition", "DescribeTaskDefinition"]);
  });

  it("GIVEN every service on the release THEN exit 0", async () => {
    const world = fakePulumiWorld({ "aws-dev": PROFILE });
    world.seedStack("aws-dev", awsStackOutputs({ release: V1 }));
    const { code, report } = await runAsc(world, ["verify", "--profile", "aws-dev"]);
    expect(code).toBe(0);
    expect(phasesOf(report)).toEqual(["validate:succeeded", "verify:succeeded"]);
    expect(report.rollout.verify.every((r: { ok: boolean }) => r.ok)).toBe(true);
  });
});
