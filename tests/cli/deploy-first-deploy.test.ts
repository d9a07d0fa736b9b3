/**
 * A stack's first deploy, through the real CLI against the fake pulumi: the provision update creates the services
 * without running them (AWS: desiredCount 0; Azure: no container app at all), the migration runs, and only the
 * release update starts them. Each `up`'s program is run under the offline mocks (program-capture.ts) so the tests
 * see what that update would have deployed and what the policy pack said about it.
 */
import type { PlanResource } from "../../src/preview/plan.js";
import { capturingPulumi, type CapturedUpdate } from "../helpers/fake-pulumi/program-capture.js";
import { fakeServices, type FakeServiceOptions } from "../helpers/fake-pulumi/fake-services.js";
import { DIGEST_A, DIGEST_B, fakePulumiWorld, type FakePulumiWorld } from "../helpers/fake-pulumi/world.js";

const V2 = { api: "ghcr.io/acme/api:v2", web: "ghcr.io/acme/web:v2" };
const AWS_DEV = `config:
  asc:cloud: aws
  asc:tier: dev
  asc:region: eu-west-1
  asc:name: app
  asc:images:
    api: ${V2.api}
    web: ${V2.web}
  asc:billing:
    enabled: true
    workerTopology: dedicated
    productPriceMap: starter=price_123
  asc:devOverrides:
    httpOnly: true
`;
const PROD = { api: `ghcr.io/acme/api@${DIGEST_A}`, web: `ghcr.io/acme/web@${DIGEST_B}` };
const AWS_PRODUCTION = `config:
  asc:cloud: aws
  asc:tier: production
  asc:region: eu-west-1
  asc:name: app
  asc:domain:
    web: app.example.com
    api: api.example.com
    certificateArn: arn:aws:acm:eu-west-1:123456789012:certificate/7a6b5c4d-3e2f-1a0b-9c8d-7e6f5a4b3c2d
  asc:images:
    api: ${PROD.api}
    web: ${PROD.web}
`;
const AZURE_DEV = `config:
  asc:cloud: azure
  asc:tier: dev
  asc:region: westeurope
  asc:name: app
  asc:images:
    api: ${V2.api}
    web: ${V2.web}
  asc:billing:
    enabled: true
    workerTopology: dedicated
    productPriceMap: starter=price_123
  asc:devOverrides:
    keyVaultPurgeProtection: false
`;
const SECRETS = { ASC_OPENAI_API_KEY: "sk-test-openai-KNOWN-0001", ASC_STRIPE_SECRET_KEY: "sk_test_KNOWN_0002", ASC_STRIPE_WEBHOOK_SECRET: "whsec_KNOWN_0003" };

const phasesOf = (report: Record<string, any>) => report.phases.map((p: { name: string; result: string }) => `${p.name}:${p.result}`);
const ofType = (u: CapturedUpdate, type: string) => u.plan.resources.filter((r) => r.type === type);
const ecsServices = (u: CapturedUpdate) => ofType(u, "aws:ecs/service:Service").map((r: PlanResource) => ({ name: r.name, desiredCount: r.inputs.desiredCount, hold: (r.inputs.tags as Record<string, string>)["asc-hold"] ?? null })).sort((a, b) => a.name.localeCompare(b.name));

async function firstDeploy(profiles: Record<string, string>, profile: string, argv: string[] = [], fakes: Omit<FakeServiceOptions, "upCount"> = {}, env: Record<string, string> = {}) {
  const world: FakePulumiWorld = fakePulumiWorld(profiles);
  const runEnv = { ...SECRETS, ...env };
  const capture = capturingPulumi(world, profile, runEnv);
  const { services, calls } = fakeServices({ upCount: () => capture.updates.length, ...fakes });
  const result = await world.run(["deploy", "--profile", profile, ...argv], { env: runEnv, services: { ...services, pulumi: capture.pulumi } });
  const reports = world.reports();
  if (reports.length !== 1) throw new Error(`expected one report; the run printed:\n${result.stdout}${result.stderr}`);
  return { ...result, world, calls, updates: capture.updates, report: reports[0].json };
}

describe("asc deploy: a first deploy on AWS", () => {
  it("GIVEN no stack yet WHEN deployed THEN provision creates every service at 0 tasks (tagged asc-hold), the migration runs, and release starts the configured counts; exit 0", async () => {
    const { code, world, calls, updates, report } = await firstDeploy({ "aws-dev": AWS_DEV }, "aws-dev");
    const runId = report.runId as string;
    expect(code).toBe(0);
    expect(world.commands().slice(0, 2)).toEqual(["stack select", "stack init"]);
    expect(updates.map((u) => u.message)).toEqual([
      `asc ${runId} provision: services api=${V2.api} web=${V2.web} (held: not started); migration ${V2.api}`,
      `asc ${runId} release: services api=${V2.api} web=${V2.web}; migration ${V2.api}`,
    ]);
    expect(ecsServices(updates[0])).toEqual([
      { name: "app-api-service", desiredCount: 0, hold: "first-deploy" },
      { name: "app-web-service", desiredCount: 0, hold: "first-deploy" },
      { name: "app-worker-service", desiredCount: 0, hold: "first-deploy" },
    ]);
    expect(ofType(updates[0], "aws:ecs/taskDefinition:TaskDefinition").map((r) => r.name)).toContain("app-migrate-task-definition");
    // a held update records no release, so a failed first migration leaves a stack that is still "first"
    expect(updates[0].plan.outputs.release).toBeUndefined();
    // the migration ran after the provision update and before the release update
    expect(calls.migrations.map((m) => ({ image: m.request.image, upsBefore: m.upsBefore }))).toEqual([{ image: V2.api, upsBefore: 1 }]);
    expect(ecsServices(updates[1])).toEqual([
      { name: "app-api-service", desiredCount: 1, hold: null },
      { name: "app-web-service", desiredCount: 1, hold: null },
      { name: "app-worker-service", desiredCount: 1, hold: null },
    ]);
    expect(updates[1].plan.outputs.release).toEqual({ services: V2, migration: V2.api, rotation: {} });
    expect(calls.verifications.map((v) => v.upsBefore)).toEqual([2]);
    expect(phasesOf(report)).toEqual(["validate:succeeded", "provision:succeeded", "migrate:succeeded", "release:succeeded", "verify:succeeded"]);
    expect(report.phases[1].images).toEqual({ services: V2, migration: V2.api });
  });

  it("GIVEN a first deploy whose migration fails THEN no service was ever given a task, the release update never runs, and the message says so; exit 5", async () => {
    const { code, stdout, calls, updates, report } = await firstDeploy({ "aws-dev": AWS_DEV }, "aws-dev", [], { migration: "failed" });
    expect(code).toBe(5);
    expect(updates).toHaveLength(1);
    expect(ecsServices(updates[0]).map((s) => s.desiredCount)).toEqual([0, 0, 0]);
    expect(calls.verifications).toEqual([]);
    expect(phasesOf(report)).toEqual(["validate:succeeded", "provision:succeeded", "migrate:failed", "release:skipped", "verify:skipped"]);
    expect(stdout).toContain("migration failed with exit code 1: EssentialContainerExited; no service was started (first deploy: the services stay held until a migration succeeds)");
    expect(stdout).not.toContain("the services were not updated");
  });

  it("GIVEN a production first deploy THEN the pack's min-tasks rule accepts the held services by their marker (no exemption) and checks the released counts", async () => {
    const { code, updates, report } = await firstDeploy({ "aws-production": AWS_PRODUCTION }, "aws-production", ["--yes", "--init"], {}, { PULUMI_BACKEND_URL: "s3://asc-state?region=eu-west-1" });
    expect(code).toBe(0);
    const minTasks = (u: CapturedUpdate) => u.plan.policies.filter((p) => p.policy === "asc-aws-ecs-service-min-tasks");
    expect(ecsServices(updates[0]).map((s) => [s.desiredCount, s.hold])).toEqual([[0, "first-deploy"], [0, "first-deploy"]]);
    expect(minTasks(updates[0])).toEqual([]);
    expect(ecsServices(updates[1]).map((s) => s.desiredCount)).toEqual([3, 3]);
    expect(minTasks(updates[1])).toEqual([]);
    expect(report.policies.exemptions).toEqual([]);
  });
});

describe("asc deploy: a first deploy on Azure", () => {
  it("GIVEN no stack yet WHEN deployed THEN provision creates the job, environment, identities and data stores but no container app; release creates the apps after the migration; exit 0", async () => {
    const { code, calls, updates, report } = await firstDeploy({ "azure-dev": AZURE_DEV }, "azure-dev");
    expect(code).toBe(0);
    expect(updates).toHaveLength(2);
    const names = (u: CapturedUpdate, type: string) => ofType(u, type).map((r) => r.name).sort();
    expect(names(updates[0], "azure-native:app:ContainerApp")).toEqual([]);
    expect(names(updates[0], "azure-native:app:Job")).toEqual(["app-migrate-job"]);
    expect(names(updates[0], "azure-native:app:ManagedEnvironment")).toHaveLength(1);
    expect(names(updates[0], "azure-native:managedidentity:UserAssignedIdentity")).toEqual(["app-api-identity-uami", "app-migrate-identity-uami", "app-web-identity-uami", "app-worker-identity-uami"]);
    expect(names(updates[0], "azure-native:dbforpostgresql:Server")).toHaveLength(1);
    expect(updates[0].plan.outputs.release).toBeUndefined();
    expect(calls.migrations.map((m) => m.upsBefore)).toEqual([1]);
    expect(names(updates[1], "azure-native:app:ContainerApp")).toEqual(["app-api-app", "app-web-app", "app-worker-app"]);
    expect(phasesOf(report)).toEqual(["validate:succeeded", "provision:succeeded", "migrate:succeeded", "release:succeeded", "verify:succeeded"]);
  });
});

describe("asc deploy: a first deploy that would not migrate first", () => {
  it.each(["after", "skip"])("GIVEN no stack yet WHEN deployed with --migrations %s THEN it is refused before the stack is created; exit 2", async (mode) => {
    const { code, stdout, world, calls, updates, report } = await firstDeploy({ "aws-dev": AWS_DEV }, "aws-dev", ["--migrations", mode]);
    expect(code).toBe(2);
    expect(world.commands()).not.toContain("stack init");
    expect(world.commands()).not.toContain("up");
    expect(updates).toEqual([]);
    expect(calls.migrations).toEqual([]);
    expect(phasesOf(report)[0]).toBe("validate:failed");
    expect(stdout).toContain(`Refusing a first deploy of aws-dev with --migrations ${mode}`);
    expect(stdout).toContain("the stack does not exist yet: the services would start on an empty database");
    expect(stdout).toContain("run asc deploy --profile aws-dev --migrations release");
  });
});
