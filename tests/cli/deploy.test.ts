/**
 * `asc deploy` in-process against the fake pulumi CLI (the real Automation API drives tests/helpers/fake-pulumi),
 * with a fake migration runner and health verifier that record when they were called. Each test asserts the exit
 * code, the phases in the report, and what was and was not called.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { MigrationRequest } from "../../src/deploy/types.js";
import { fakeServices, migrationResult, type FakeServiceOptions } from "../helpers/fake-pulumi/fake-services.js";
import { awsStackOutputs, DIGEST_A, DIGEST_B, fakePulumiWorld, type FakePulumiWorld } from "../helpers/fake-pulumi/world.js";
import { REPO_ROOT } from "../helpers/cli.js";

const V1 = { api: "ghcr.io/acme/api:v1", web: "ghcr.io/acme/web:v1" };
const V2 = { api: "ghcr.io/acme/api:v2", web: "ghcr.io/acme/web:v2" };
const DEV_PROFILE = `# dev profile for the deploy tests
config:
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
const PROD_IMAGES = { api: `ghcr.io/acme/api@${DIGEST_A}`, web: `ghcr.io/acme/web@${DIGEST_B}` };
const PROD_PROFILE = `config:
  asc:cloud: aws
  asc:tier: production
  asc:region: eu-west-1
  asc:name: app
  asc:domain:
    web: app.example.com
    api: api.example.com
    certificateArn: arn:aws:acm:eu-west-1:123456789012:certificate/7a6b5c4d-3e2f-1a0b-9c8d-7e6f5a4b3c2d
  asc:images:
    api: ${PROD_IMAGES.api}
    web: ${PROD_IMAGES.web}
`;
const SECRETS = { ASC_OPENAI_API_KEY: "sk-test-openai-KNOWN-0001" };

/** A dev stack released at V1, whose `up` leaves it at V2. */
function releasedWorld(): FakePulumiWorld {
  const world = fakePulumiWorld({ "aws-dev": DEV_PROFILE, "aws-production": PROD_PROFILE });
  world.seedStack("aws-dev", awsStackOutputs({ release: V1 }));
  world.setUpOutputs(awsStackOutputs({ release: V2, taskRevision: 8 }));
  return world;
}

const ups = (world: FakePulumiWorld) => () => world.commands().filter((c) => c === "up").length;
const phasesOf = (report: Record<string, any>) => report.phases.map((p: { name: string; result: string }) => `${p.name}:${p.result}`);
const onlyReport = (world: FakePulumiWorld) => {
  const reports = world.reports();
  expect(reports).toHaveLength(1);
  return reports[0];
};

async function deploy(world: FakePulumiWorld, argv: string[], fakes: Omit<FakeServiceOptions, "upCount"> = {}, extra: Parameters<FakePulumiWorld["run"]>[1] = {}) {
  const { services, calls } = fakeServices({ upCount: ups(world), ...fakes });
  const profile = argv.includes("--profile") ? [] : ["--profile", "aws-dev"];
  // The release is stack state: releasing the profile's V2 onto a stack at V1 takes --image.
  const images = argv.includes("--profile") || argv.includes("--image") ? [] : ["--image", `api=${V2.api}`, "--image", `web=${V2.web}`];
  const result = await world.run(["deploy", ...profile, ...images, ...argv], { ...extra, env: { ...SECRETS, ...extra.env }, services });
  return { ...result, calls };
}

describe("asc deploy: phase order", () => {
  it("GIVEN a stack released at v1 WHEN v2 is deployed (release mode) THEN provision holds the services at v1 and moves the migration, migrate runs, release moves the services, verify passes; exit 0", async () => {
    const world = releasedWorld();
    const { code, stdout, calls } = await deploy(world, []);
    const report = onlyReport(world);
    const runId = report.json.runId as string;

    expect(code).toBe(0);
    expect(world.upMessages()).toEqual([
      `asc ${runId} provision: services api=${V1.api} web=${V1.web}; migration ${V2.api}`,
      `asc ${runId} release: services api=${V2.api} web=${V2.web}; migration ${V2.api}`,
    ]);
    expect(calls.migrations.map((m) => ({ image: m.request.image, upsBefore: m.upsBefore, runId: m.request.runId }))).toEqual([{ image: V2.api, upsBefore: 1, runId }]);
    expect(calls.verifications.map((v) => v.upsBefore)).toEqual([2]);
    expect(calls.policyEvaluations).toBe(1);
    expect(phasesOf(report.json)).toEqual(["validate:succeeded", "provision:succeeded", "migrate:succeeded", "release:succeeded", "verify:succeeded"]);
    expect(report.json).toMatchObject({ version: 1, kind: "deploy", status: "succeeded", exitCode: 0, profile: "aws-dev", stack: "aws-dev", tier: "dev", user: "tester", migrations: "release" });
    expect(report.json.images).toEqual({ target: V2, previous: V1, migration: V2.api, digests: { api: null, web: null } });
    expect(report.json.phases[1].images).toEqual({ services: V1, migration: V2.api });
    expect(report.json.changes).toEqual({ provision: { update: 2, same: 40 }, release: { update: 2, same: 40 } });
    expect(report.json.migration).toMatchObject({ status: "succeeded", exitCode: 0 });
    expect(report.json.health.map((h: { url: string; ok: boolean }) => [h.url, h.ok])).toEqual([["https://app.example.com/health", true], ["https://app.example.com/health/ready", true], ["https://app.example.com/api/health/ready", true]]);
    expect(report.files).toEqual([`${runId}.json`, `${runId}.md`]);
    expect(report.markdown).toContain(`# asc deploy ${runId}: succeeded`);
    // the migration gets the api's contract: secrets by reference only
    const env = calls.migrations[0].request.env;
    expect(env.find((e) => e.name === "DATABASE_URL")).toEqual({ name: "DATABASE_URL", source: "secret", ref: { store: "aws-secrets-manager", arn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/database_url-AbCdEf" } });
    // plain CI lines: every one carries the run id, the last names the report
    const lines = stdout.trimEnd().split("\n");
    expect(lines.every((l) => l.startsWith(`[${runId}] `))).toBe(true);
    expect(lines.at(-1)).toBe(`[${runId}] succeeded (exit 0); report: ${path.join(world.reportDir, `${runId}.json`)} and ${path.join(world.reportDir, `${runId}.md`)}`);
    // every Pulumi call ran in the project with the passphrase and the backend of the environment
    expect(world.invocations().every((i) => i.cwd === world.root && i.passphrase && i.backend === world.env.PULUMI_BACKEND_URL)).toBe(true);
    // every up runs asc's CrossGuard pack with the profile's tier and exemptions in its config
    const configFile = path.join(world.root, "var", "policy", "aws-dev.json");
    for (const up of world.invocations().filter((i) => i.argv[0] === "up")) {
      expect(up.argv[up.argv.indexOf("--policy-pack") + 1]).toBe(path.join(REPO_ROOT, "policy-pack"));
      expect(up.argv[up.argv.indexOf("--policy-pack-config") + 1]).toBe(configFile);
    }
    const packConfig = JSON.parse(readFileSync(configFile, "utf8")) as Record<string, { enforcementLevel: string; tier: string }>;
    expect(packConfig["asc-aws-rds-not-public"]).toMatchObject({ enforcementLevel: "advisory", tier: "dev" });
    expect(packConfig["asc-aws-alb-tls13-policy"]).toMatchObject({ enforcementLevel: "mandatory", tier: "dev" });
  });

  it("GIVEN --migrations after WHEN deployed THEN one up moves everything, then migrate, then verify", async () => {
    const world = releasedWorld();
    const { code, calls } = await deploy(world, ["--migrations", "after"]);
    const report = onlyReport(world);
    expect(code).toBe(0);
    expect(world.upMessages()).toEqual([`asc ${report.json.runId} provision: services api=${V2.api} web=${V2.web}; migration ${V2.api}`]);
    expect(calls.migrations.map((m) => m.upsBefore)).toEqual([1]);
    expect(calls.verifications.map((v) => v.upsBefore)).toEqual([1]);
    expect(phasesOf(report.json)).toEqual(["validate:succeeded", "provision:succeeded", "migrate:succeeded", "verify:succeeded"]);
  });
});

describe("asc deploy: first release", () => {
  it("GIVEN no stack yet WHEN deployed THEN the stack is created, provision holds the services (not started), the migration runs, release starts them", async () => {
    const world = fakePulumiWorld({ "aws-dev": DEV_PROFILE });
    world.setUpOutputs(awsStackOutputs({ release: V2, taskRevision: 8 }));
    const { code, calls } = await deploy(world, []);
    const report = onlyReport(world);
    expect(code).toBe(0);
    expect(world.commands().slice(0, 2)).toEqual(["stack select", "stack init"]);
    expect(world.upMessages()).toEqual([
      `asc ${report.json.runId} provision: services api=${V2.api} web=${V2.web} (held: not started); migration ${V2.api}`,
      `asc ${report.json.runId} release: services api=${V2.api} web=${V2.web}; migration ${V2.api}`,
    ]);
    expect(calls.migrations.map((m) => m.upsBefore)).toEqual([1]);
    expect(phasesOf(report.json)).toEqual(["validate:succeeded", "provision:succeeded", "migrate:succeeded", "release:succeeded", "verify:succeeded"]);
    expect(report.json.images.previous).toBeNull();
  });
});

describe("asc deploy: failures", () => {
  it("GIVEN a failing migration WHEN deployed THEN the services are not updated (no release up), verify does not run, exit 5", async () => {
    const world = releasedWorld();
    const { code, stdout, calls } = await deploy(world, [], { migration: "failed", logTail: ["INFO  [alembic] Running upgrade a1 -> b2", "ERROR relation \"users\" already exists"] });
    const report = onlyReport(world);
    expect(code).toBe(5);
    expect(world.upMessages()).toEqual([`asc ${report.json.runId} provision: services api=${V1.api} web=${V1.web}; migration ${V2.api}`]);
    expect(calls.verifications).toEqual([]);
    expect(phasesOf(report.json)).toEqual(["validate:succeeded", "provision:succeeded", "migrate:failed", "release:skipped", "verify:skipped"]);
    expect(report.json.phases[3].message).toBe("not run: an earlier phase failed");
    expect(report.json).toMatchObject({ status: "failed", exitCode: 5 });
    expect(report.json.migration).toMatchObject({ status: "failed", exitCode: 1, reason: "EssentialContainerExited", logTail: ["INFO  [alembic] Running upgrade a1 -> b2", "ERROR relation \"users\" already exists"] });
    expect(report.markdown).toContain("ERROR relation \"users\" already exists");
    expect(stdout).toContain("migrate: failed");
    expect(stdout).toContain("migration failed with exit code 1: EssentialContainerExited; the services were not updated");
  });

  it("GIVEN unhealthy endpoints WHEN deployed without --rollback-on-failure THEN verify fails with exit 6 and nothing is rolled back", async () => {
    const world = releasedWorld();
    const { code, calls } = await deploy(world, [], { healthy: false });
    const report = onlyReport(world);
    expect(code).toBe(6);
    expect(world.upMessages()).toHaveLength(2);
    expect(calls.verifications).toHaveLength(1);
    expect(phasesOf(report.json)).toEqual(["validate:succeeded", "provision:succeeded", "migrate:succeeded", "release:succeeded", "verify:failed"]);
    expect(report.json.phases[4].message).toContain("3 of 3 health check(s) failed:\n  api https://app.example.com/health: HTTP 503 after 3 attempt(s)");
    expect(report.json.rollback).toBeNull();
  });

  it("GIVEN unhealthy endpoints WHEN deployed with --rollback-on-failure THEN the v1 images are redeployed, the rollback is in the report, exit 6", async () => {
    const world = releasedWorld();
    const { code } = await deploy(world, ["--rollback-on-failure"], { healthy: false });
    const report = onlyReport(world);
    const runId = report.json.runId;
    expect(code).toBe(6);
    expect(world.upMessages()).toEqual([
      `asc ${runId} provision: services api=${V1.api} web=${V1.web}; migration ${V2.api}`,
      `asc ${runId} release: services api=${V2.api} web=${V2.web}; migration ${V2.api}`,
      `asc ${runId} rollback: services api=${V1.api} web=${V1.web}; migration ${V1.api}`,
    ]);
    expect(phasesOf(report.json)).toEqual(["validate:succeeded", "provision:succeeded", "migrate:succeeded", "release:succeeded", "verify:failed", "rollback:succeeded"]);
    expect(report.json.rollback).toEqual({ images: V1, result: "succeeded" });
    expect(report.json.changes.rollback).toEqual({ update: 2, same: 40 });
    expect(report.markdown).toContain("## Rollback\n\nsucceeded: api `ghcr.io/acme/api:v1`, web `ghcr.io/acme/web:v1`");
  });

  it("GIVEN a locked stack WHEN deployed THEN exit 4, the message names the lock and the fix, and no migration runs", async () => {
    const world = releasedWorld();
    const { code, stdout, calls } = await deploy(world, [], {}, { env: { FAKE_PULUMI_LOCK: "up" } });
    const report = onlyReport(world);
    expect(code).toBe(4);
    expect(stdout).toContain("The stack aws-dev is locked by another update: file:///state/.pulumi/locks/organization/asc/aws-dev/2b1f0c8e.json: created by alice@build-7 (pid 4242) at 2026-11-21T11:58:00Z.");
    expect(stdout).toContain("remove it with: pulumi cancel --stack aws-dev --yes");
    expect(world.commands().filter((c) => c === "up")).toHaveLength(1);
    expect(calls.migrations).toEqual([]);
    expect(phasesOf(report.json)).toEqual(["validate:succeeded", "provision:failed", "migrate:skipped", "release:skipped", "verify:skipped"]);
    expect(report.json.error).toContain("locked by another update");
  });

  it("GIVEN a failing pulumi up WHEN deployed THEN exit 4 with the engine's error", async () => {
    const world = releasedWorld();
    const { code, stdout, calls } = await deploy(world, [], {}, { env: { FAKE_PULUMI_FAIL: "up" } });
    expect(code).toBe(4);
    expect(stdout).toContain("provision:   ~ update app-migrate-task (aws:ecs/taskDefinition:TaskDefinition) FAILED");
    expect(stdout).toContain("pulumi up failed (provision):\n");
    expect(stdout).toContain("error: update failed");
    expect(calls.migrations).toEqual([]);
  });

  it("GIVEN a program that ignores asc:migrationImage (the migration task definition did not change) THEN provision fails with exit 4 and no migration runs", async () => {
    const world = releasedWorld();
    world.setUpOutputs(awsStackOutputs({ release: V1 }));
    const { code, stdout, calls } = await deploy(world, []);
    const report = onlyReport(world);
    expect(code).toBe(4);
    expect(stdout).toContain(`the stack update did not move the migration task to ${V2.api}: its task definition is still arn:aws:ecs:eu-west-1:123456789012:task-definition/app-migrate:7, so the program ignores asc:migrationImage.`);
    expect(calls.migrations).toEqual([]);
    expect(world.upMessages()).toHaveLength(1);
    expect(phasesOf(report.json)).toEqual(["validate:succeeded", "provision:failed", "migrate:skipped", "release:skipped", "verify:skipped"]);
  });

  it("GIVEN a mandatory policy violation WHEN deployed THEN exit 3 and nothing is provisioned", async () => {
    const world = releasedWorld();
    const policies = [{ policy: "asc-aws-rds-multi-az", urn: "urn:pulumi:aws-dev::asc::aws:rds/instance:Instance::app-db", enforcement: "mandatory" as const, message: "the database must be Multi-AZ" }];
    const { code, stdout } = await deploy(world, [], { policies });
    const report = onlyReport(world);
    expect(code).toBe(3);
    expect(stdout).toContain("asc-aws-rds-multi-az on app-db: the database must be Multi-AZ");
    expect(world.commands()).not.toContain("up");
    expect(report.json.policies.results).toEqual(policies);
    expect(phasesOf(report.json)[0]).toBe("validate:failed");
  });
});

describe("asc deploy: cancel", () => {
  it("GIVEN SIGINT while pulumi up runs THEN the up is cancelled, the report says cancelled, exit 130", async () => {
    const world = releasedWorld();
    const controller = new AbortController();
    const { code, stdout, calls } = await deploy(world, ["--json"], {}, {
      env: { FAKE_PULUMI_HANG: "up" },
      signal: controller.signal,
      onStdout: (chunk) => {
        if (chunk.includes('"type":"resource"')) controller.abort();
      },
    });
    const report = onlyReport(world);
    expect(code).toBe(130);
    expect(world.commands().filter((c) => c === "up")).toHaveLength(1);
    expect(calls.migrations).toEqual([]);
    expect(phasesOf(report.json)).toEqual(["validate:succeeded", "provision:cancelled", "migrate:skipped", "release:skipped", "verify:skipped"]);
    expect(report.json).toMatchObject({ status: "cancelled", exitCode: 130 });
    const last = JSON.parse(stdout.trimEnd().split("\n").at(-1)!);
    expect(last).toMatchObject({ type: "run.end", status: "cancelled", exitCode: 130, report: { json: path.join(world.reportDir, `${report.json.runId}.json`) } });
  });

  it("GIVEN SIGINT while the migration runs THEN the services are not released, the report says cancelled, exit 130", async () => {
    const world = releasedWorld();
    const controller = new AbortController();
    const migration = (_r: MigrationRequest, signal: AbortSignal) =>
      new Promise<ReturnType<typeof migrationResult>>((resolve) => {
        signal.addEventListener("abort", () => resolve(migrationResult("cancelled")));
        setTimeout(() => controller.abort(), 10);
      });
    const { code, calls } = await deploy(world, [], { migration }, { signal: controller.signal });
    const report = onlyReport(world);
    expect(code).toBe(130);
    expect(world.upMessages()).toHaveLength(1);
    expect(calls.migrations).toHaveLength(1);
    expect(calls.verifications).toEqual([]);
    expect(phasesOf(report.json)).toEqual(["validate:succeeded", "provision:succeeded", "migrate:cancelled", "release:skipped", "verify:skipped"]);
    expect(report.json.migration.status).toBe("cancelled");
  });
});

describe("asc deploy: production guards", () => {
  it("GIVEN production, no terminal and no --yes THEN exit 2 and nothing is called", async () => {
    const world = releasedWorld();
    const { code, stdout, calls } = await deploy(world, ["--profile", "aws-production"]);
    expect(code).toBe(2);
    expect(stdout).toContain("Refusing to deploy the production profile aws-production without confirmation");
    expect(stdout).toContain("fix:     run asc deploy --profile aws-production --yes in CI after review, or run it in a terminal");
    expect(world.invocations()).toEqual([]);
    expect(calls).toEqual({ migrations: [], verifications: [], policyEvaluations: 0, rollouts: [], sessions: [] });
  });

  it("GIVEN production in a terminal WHEN the operator answers no THEN exit 2 before anything changes", async () => {
    const world = releasedWorld();
    world.seedStack("aws-production", awsStackOutputs({ release: PROD_IMAGES }));
    const questions: string[] = [];
    const { code } = await deploy(world, ["--profile", "aws-production"], {}, { env: { PULUMI_BACKEND_URL: "s3://acme-state?region=eu-west-1", ASC_STRIPE_SECRET_KEY: "sk_live_x", ASC_STRIPE_WEBHOOK_SECRET: "whsec_x" }, prompt: async (q) => { questions.push(q); return "n"; } });
    expect(code).toBe(2);
    // Asked once, after the preview, with its diff: nothing was updated.
    expect(questions).toEqual([[
      `deploy production stack aws-production: api ${PROD_IMAGES.api}, web ${PROD_IMAGES.web} → api ${PROD_IMAGES.api}, web ${PROD_IMAGES.web}.`,
      "pulumi preview of the provision update: 0 to create, 2 to update, 0 to replace, 0 to delete",
      "  ~  update  app-migrate-task  aws:ecs/taskDefinition:TaskDefinition",
      "  ~  update  app-api-service  aws:ecs/service:Service",
      "Continue? [y/N] ",
    ].join("\n")]);
    expect(world.commands()).toContain("preview");
    expect(world.commands()).not.toContain("up");
  });

  it("GIVEN production with a file:// backend THEN exit 2 with the reason and nothing is called", async () => {
    const world = releasedWorld();
    const { code, stdout } = await deploy(world, ["--profile", "aws-production", "--yes"]);
    expect(code).toBe(2);
    expect(stdout).toContain("A local file backend is refused in production");
    expect(stdout).toContain(`✗ PULUMI_BACKEND_URL: file:// state lives on one machine`);
    expect(world.invocations()).toEqual([]);
  });
});

describe("asc deploy: placeholders of the shipped profiles", () => {
  it("GIVEN the shipped azure-production profile (its Entra admin is the placeholder object ID) WHEN deployed THEN exit 2 in validate with the path, the value and the az command, and no pulumi preview or up runs", async () => {
    const shipped = readFileSync(path.join(REPO_ROOT, "stacks", "Pulumi.azure-production.yaml"), "utf8");
    const world = fakePulumiWorld({ "azure-production": shipped });
    const { code, stdout, calls } = await deploy(world, ["--profile", "azure-production", "--yes"], {}, { env: { PULUMI_BACKEND_URL: "azblob://state", ASC_STRIPE_SECRET_KEY: "sk_live_x", ASC_STRIPE_WEBHOOK_SECRET: "whsec_x" } });
    expect(code).toBe(2);
    expect(stdout).toContain("The profile still holds a placeholder");
    expect(stdout).toContain("✗ asc:azure.postgresEntraAdmin.objectId: is the placeholder of the shipped profile, not the object ID of a Microsoft Entra principal");
    expect(stdout).toContain("aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb");
    expect(stdout).toContain("fix:     set it to the group's object ID: az ad group show --group asc-prod-db-admins --query id -o tsv");
    expect(world.commands()).not.toContain("preview");
    expect(world.commands()).not.toContain("up");
    expect(world.invocations()).toEqual([]);
    expect(calls).toEqual({ migrations: [], verifications: [], policyEvaluations: 0, rollouts: [], sessions: [] });
  });
});

describe("asc deploy: redaction", () => {
  it("GIVEN known secret values everywhere they could leak THEN none appears in stdout, stderr, the NDJSON or the reports", async () => {
    const world = fakePulumiWorld({ "aws-dev": `${DEV_PROFILE}  asc:resendApiKey:\n    secure: v1:Zm9vYmFy\n` });
    const dbPassword = "db-PASSWORD-known-0004";
    const resendKey = "re_KNOWN_resend_0003";
    world.seedStack("aws-dev", { ...awsStackOutputs({ release: V1 }), dbPassword }, ["dbPassword"]);
    world.setUpOutputs({ ...awsStackOutputs({ release: V2, taskRevision: 8 }), dbPassword }, ["dbPassword"]);
    const secrets = [SECRETS.ASC_OPENAI_API_KEY, "sk_live_KNOWN_stripe_0002", resendKey, dbPassword, world.env.PULUMI_CONFIG_PASSPHRASE];
    const { code, stdout, stderr } = await deploy(world, ["--json"], { logTail: [`connecting with ${dbPassword}`, `resend=${resendKey}`, `postgresql://app:${dbPassword}@db:5432/app`] }, {
      env: { ASC_STRIPE_SECRET_KEY: "sk_live_KNOWN_stripe_0002", FAKE_PULUMI_SECRETS: JSON.stringify({ "asc:resendApiKey": resendKey }), FAKE_PULUMI_LEAK: `openai=${SECRETS.ASC_OPENAI_API_KEY} db=${dbPassword}` },
    });
    const report = onlyReport(world);
    const files = report.files.map((f) => readFileSync(path.join(world.reportDir, f), "utf8"));
    expect(code).toBe(0);
    expect(world.commands()).toContain("config");
    for (const text of [stdout, stderr, ...files]) for (const secret of secrets) expect(text).not.toContain(secret);
    expect(stdout).toContain("the fake engine says hello (openai=[redacted] db=[redacted])");
    expect(report.json.migration.logTail).toEqual(["connecting with [redacted]", "resend=[redacted]", "postgresql://app:[redacted]@db:5432/app"]);
    expect(report.json.outputs.dbPassword).toBe("[secret]");
    // NDJSON: one event per line, each with the run id, ending with the report
    const events = stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(events.every((e) => e.runId === report.json.runId && typeof e.ts === "string" && "phase" in e && typeof e.type === "string")).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: "run.end", status: "succeeded", report: { json: path.join(world.reportDir, `${report.json.runId}.json`) } });
  });
});

describe("asc deploy: redaction of secrets JSON escapes", () => {
  // Each holds a quote, a backslash, a newline and non-ASCII characters: redacting serialised JSON would miss them.
  const dbPassword = 'p"a\\ss\nwörd€-db-0001';
  const resendKey = 're_"K\\n\nöwn€-0002';
  const openaiKey = 'sk-"open\\ai\nkëy€-0003';
  const escaped = (s: string) => JSON.stringify(s).slice(1, -1);

  async function leakyDeploy(json: boolean) {
    const world = fakePulumiWorld({ "aws-dev": `${DEV_PROFILE}  asc:resendApiKey:\n    secure: v1:Zm9vYmFy\n` });
    world.seedStack("aws-dev", { ...awsStackOutputs({ release: V1 }), dbPassword }, ["dbPassword"]);
    world.setUpOutputs({ ...awsStackOutputs({ release: V2, taskRevision: 8 }), dbPassword }, ["dbPassword"]);
    const result = await deploy(world, json ? ["--json"] : [], { logTail: [`connecting with ${dbPassword}`, `{"resend":${JSON.stringify(resendKey)}}`] }, {
      env: { ASC_OPENAI_API_KEY: openaiKey, FAKE_PULUMI_SECRETS: JSON.stringify({ "asc:resendApiKey": resendKey }), FAKE_PULUMI_LEAK: `openai=${openaiKey} db=${JSON.stringify({ password: dbPassword })}` },
    });
    const report = onlyReport(world);
    const files = report.files.map((f) => readFileSync(path.join(world.reportDir, f), "utf8"));
    return { ...result, report, files };
  }

  it.each([["NDJSON (--json)", true], ["plain lines", false]])("GIVEN seeded secrets with quotes, backslashes, newlines and unicode WHEN deployed with %s THEN neither their raw nor their JSON-escaped form is in stdout, stderr or either report", async (_label, json) => {
    const { code, stdout, stderr, report, files } = await leakyDeploy(json);
    expect(code).toBe(0);
    expect(files).toHaveLength(2);
    for (const text of [stdout, stderr, ...files]) {
      for (const secret of [dbPassword, resendKey, openaiKey]) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(escaped(secret));
        expect(text).not.toContain(secret.split("\n")[1]);
      }
    }
    expect(report.json.migration.logTail).toEqual(["connecting with [redacted]", '{"resend":"[redacted]"}']);
    expect(report.json.outputs.dbPassword).toBe("[secret]");
    if (json) {
      const events = stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
      expect(events.find((e) => e.type === "diagnostic" && e.message.includes("hello"))?.message).toBe('warning: the fake engine says hello (openai=[redacted] db={"password":"[redacted]"})');
    } else {
      expect(stdout).toContain('the fake engine says hello (openai=[redacted] db={"password":"[redacted]"})');
    }
  });
});

describe("asc deploy: exemptions in the report", () => {
  it("GIVEN two exemptions of which one covers a violation THEN the report lists only the one used, with its exempt result", async () => {
    const exemptions = `  asc:policyExemptions:
    - { policy: asc-aws-rds-iam-auth, resource: app-db-instance, reason: "legacy clients connect with passwords", expires: "2027-06-30" }
    - { policy: asc-aws-alb-access-logs, resource: app-lb-alb, reason: "logs are shipped by a sidecar instead", expires: "2027-06-30" }
`;
    const world = fakePulumiWorld({ "aws-dev": DEV_PROFILE + exemptions });
    world.seedStack("aws-dev", awsStackOutputs({ release: V1 }));
    world.setUpOutputs(awsStackOutputs({ release: V2, taskRevision: 8 }));
    const exempt = { policy: "asc-aws-rds-iam-auth", urn: "urn:pulumi:aws-dev::asc::aws:rds/instance:Instance::app-db-instance", name: "app-db-instance", enforcement: "exempt" as const, message: "iamDatabaseAuthenticationEnabled is false; it must be true", exemptionReason: "legacy clients connect with passwords" };
    const { code } = await deploy(world, [], { policies: [exempt] });
    expect(code).toBe(0);
    const report = onlyReport(world);
    expect(report.json.policies).toEqual({ results: [exempt], engine: [], exemptions: [{ policy: "asc-aws-rds-iam-auth", resource: "app-db-instance", reason: "legacy clients connect with passwords", expires: "2027-06-30" }] });
    expect(report.markdown).toContain("- exemption: asc-aws-rds-iam-auth for app-db-instance until 2027-06-30: legacy clients connect with passwords");
    expect(report.markdown).not.toContain("asc-aws-alb-access-logs");
  });
});
