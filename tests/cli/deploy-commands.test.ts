/**
 * The commands around deploy, in-process against the fake pulumi CLI: env and env check, rollback, secrets rotate,
 * migrate, verify (with the real health verifier and a local HTTP server), online preview, and doctor.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { loadProfile } from "../../src/config/load.js";
import { contractFromStackOutputs } from "../../src/contract/from-outputs.js";
import type { StackOutputs } from "../../src/contract/stack-outputs.js";
import { contractView } from "../../src/cli/lib/env-contract-io.js";
import { fakeServices, rolloutAsRequested } from "../helpers/fake-pulumi/fake-services.js";
import { awsStackOutputs, fakePulumiWorld, type FakePulumiWorld } from "../helpers/fake-pulumi/world.js";

const V1 = { api: "ghcr.io/acme/api:v1", web: "ghcr.io/acme/web:v1" };
const V2 = { api: "ghcr.io/acme/api:v2", web: "ghcr.io/acme/web:v2" };
const DEV_PROFILE = `# asc profile for tests: AWS, dev tier.
# Secrets come from ASC_* variables here.
config:
  asc:cloud: aws
  asc:tier: dev   # keep dev: HTTP only
  asc:region: eu-west-1
  asc:name: app
  asc:images:
    api: ${V2.api}
    web: ${V2.web}
  asc:devOverrides:
    httpOnly: true
`;
const SECRETS = { ASC_OPENAI_API_KEY: "sk-test-openai-KNOWN-0001" };

function world(release = V1): FakePulumiWorld {
  const w = fakePulumiWorld({ "aws-dev": DEV_PROFILE });
  w.seedStack("aws-dev", awsStackOutputs({ release }));
  w.setUpOutputs(awsStackOutputs({ release: V2, taskRevision: 8 }));
  return w;
}
const upCount = (w: FakePulumiWorld) => () => w.commands().filter((c) => c === "up").length;
const phasesOf = (report: Record<string, any>) => report.phases.map((p: { name: string; result: string }) => `${p.name}:${p.result}`);

describe("asc env", () => {
  const w = world();
  let dotenv = "";

  it("GIVEN a deployed stack WHEN printed as dotenv for the api THEN literals and outputs have values and secrets are references", async () => {
    const { code, stdout, stderr } = await w.run(["env", "--profile", "aws-dev", "--service", "api", "--format", "dotenv"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    dotenv = stdout;
    const lines = stdout.split("\n");
    expect(lines[0]).toBe("# api");
    expect(lines).toContain("ENVIRONMENT=development");
    expect(lines).toContain("APP_PUBLIC_URL=https://app.example.com");
    expect(lines).toContain("ALLOWED_HOSTS=app.example.com,127.0.0.1,localhost");
    expect(lines).toContain("DATABASE_URL=secretref:arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/database_url-AbCdEf");
    expect(lines).toContain("OPENAI_API_KEY=secretref:arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/openai_api_key-AbCdEf");
    expect(w.commands()).toEqual(["stack select", "stack output", "stack output"]);
  });

  it("GIVEN --format json THEN every deployed service and the migration are listed", async () => {
    const { code, stdout } = await w.run(["env", "--profile", "aws-dev", "--format", "json"]);
    expect(code).toBe(0);
    const view = JSON.parse(stdout);
    expect(Object.keys(view)).toEqual(["api", "web", "migrate"]);
    expect(view.web.find((e: { name: string }) => e.name === "APP_PUBLIC_URL")).toEqual({ name: "APP_PUBLIC_URL", source: "output", value: "https://app.example.com" });
  });

  it("GIVEN a service the profile does not deploy THEN exit 2 naming the allowed ones", async () => {
    const { code, stderr } = await w.run(["env", "--profile", "aws-dev", "--service", "worker"]);
    expect(code).toBe(2);
    expect(stderr).toContain("The profile aws-dev has no worker service");
    expect(stderr).toContain("allowed: api, web, migrate");
  });

  it("GIVEN the api's own dotenv output WHEN checked THEN it matches (exit 0)", async () => {
    writeFileSync(path.join(w.root, "good.env"), dotenv);
    const { code, stdout } = await w.run(["env", "check", "--profile", "aws-dev", "--file", "good.env"]);
    expect(code).toBe(0);
    expect(stdout).toBe("good.env matches the api contract of aws-dev\n");
  });

  it("GIVEN an env file with a missing, an unknown and a plain-text secret variable WHEN checked THEN exit 2 lists each without echoing the secret", async () => {
    const kept = dotenv.split("\n").filter((l) => !/^(OPENAI_API_KEY|SECRET_KEY)=/.test(l));
    writeFileSync(path.join(w.root, ".env"), [...kept, "SECRET_KEY='plain-secret-value-123'", "export FOO_BAR=1", ""].join("\n"));
    const { code, stderr } = await w.run(["env", "check", "--profile", "aws-dev", "--file", ".env"]);
    expect(code).toBe(2);
    expect(stderr).toContain(".env does not match the api contract of aws-dev (3 problem(s))");
    expect(stderr).toContain("✗ .env: OPENAI_API_KEY: missing: the api requires it for this profile");
    expect(stderr).toMatch(/✗ \.env:\d+: SECRET_KEY: a secret is present as a plain value/);
    expect(stderr).toMatch(/✗ \.env:\d+: FOO_BAR: unknown variable: not in the env contract/);
    expect(stderr).not.toContain("plain-secret-value-123");
  });
});

describe("asc rollback", () => {
  const BROKEN = { api: "ghcr.io/acme/api:broken", web: V2.web };
  const V3 = { api: "ghcr.io/acme/api:v3", web: "ghcr.io/acme/web:v3" };
  // Update messages as asc deploy writes them (stack-update.ts); a plain `pulumi up` leaves its own.
  const msg = (runId: string, phase: string, i: { api: string; web: string }, held = false) => `asc ${runId} ${phase}: services api=${i.api} web=${i.web}${held ? " (held: not started)" : ""}; migration ${i.api}`;
  // The Automation API's up() also reads the newest entry (`--page-size 1`, Stack.info) for its summary.
  const historyReads = (w: FakePulumiWorld) => w.invocations().filter((i) => i.argv[0] === "stack" && i.argv[1] === "history" && i.argv[i.argv.indexOf("--page-size") + 1] !== "1").map((i) => i.argv.slice(2, 7).join(" "));

  it("GIVEN a stack history of v1 then v2 and no local reports WHEN rolled back THEN v1 is redeployed without migrations, verified, and reported with the run it came from", async () => {
    const w = world(V2);
    w.seedHistory("aws-dev", [
      { message: msg("20261120T100000Z-aaaaaa", "provision", V1, true) },
      { message: msg("20261120T100000Z-aaaaaa", "release", V1) },
      { message: "plain pulumi up" },
      { message: msg("20261121T100000Z-bbbbbb", "provision", V2) },
      { message: msg("20261121T110000Z-cccccc", "provision", BROKEN), result: "failed" },
    ]);
    const { services, calls } = fakeServices({ upCount: upCount(w) });
    const { code, stdout } = await w.run(["rollback", "--profile", "aws-dev"], { env: SECRETS, services });
    const report = w.reports().find((r) => r.json.kind === "rollback")!;
    expect(code).toBe(0);
    expect(w.reports()).toHaveLength(1);
    expect(historyReads(w)).toEqual(["--json --page-size 50 --page 1"]);
    expect(w.upMessages()).toEqual([msg(report.json.runId, "provision", V1)]);
    expect(calls.migrations).toEqual([]);
    expect(calls.verifications.map((v) => v.upsBefore)).toEqual([1]);
    expect(phasesOf(report.json)).toEqual(["validate:succeeded", "provision:succeeded", "verify:succeeded"]);
    expect(report.json).toMatchObject({ status: "succeeded", migrations: "skip", images: { target: V1, previous: V2, rollbackOf: { runId: "20261120T100000Z-aaaaaa", version: 2, startTime: "2026-11-01T01:00:00.000Z" } } });
    expect(report.markdown).toContain("Rolled back to the release of run `20261120T100000Z-aaaaaa` (stack update 2");
    expect(stdout).toContain("rolling back to the release of run 20261120T100000Z-aaaaaa (stack update 2");
  });

  it("GIVEN a run that rolled itself back after a failed release WHEN rolled back THEN its images are never the target, and --to it says why", async () => {
    const w = world(V2);
    w.seedHistory("aws-dev", [
      { message: msg("20261120T100000Z-aaaaaa", "release", V1) },
      { message: msg("20261121T100000Z-bbbbbb", "release", V2) },
      { message: msg("20261122T100000Z-dddddd", "release", V3) },
      { message: msg("20261122T100000Z-dddddd", "rollback", V2) },
    ]);
    const refused = await w.run(["rollback", "--profile", "aws-dev", "--to", "20261122T100000Z-dddddd"], { env: SECRETS });
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain("No release of run 20261122T100000Z-dddddd in the history of aws-dev");
    expect(refused.stdout).toContain("it rolled itself back after a failed release");
    expect(refused.stdout).toContain("allowed: 20261122T100000Z-dddddd (update 4");
    expect(refused.stdout).toContain("20261120T100000Z-aaaaaa (update 1");
    expect(w.commands()).not.toContain("up");
    expect(w.commands()).not.toContain("preview");

    const { services } = fakeServices({ upCount: upCount(w) });
    const { code } = await w.run(["rollback", "--profile", "aws-dev"], { env: SECRETS, services });
    expect(code).toBe(0);
    expect(w.upMessages()).toEqual([expect.stringMatching(new RegExp(`provision: services api=${V1.api} web=${V1.web};`))]);
  });

  it("GIVEN --to a run whose update failed THEN exit 2 before any change, listing the releases it can go back to", async () => {
    const w = world(V2);
    w.seedHistory("aws-dev", [
      { message: msg("20261120T100000Z-aaaaaa", "release", V1) },
      { message: msg("20261121T110000Z-cccccc", "provision", V2), result: "failed" },
    ]);
    const { code, stdout } = await w.run(["rollback", "--profile", "aws-dev", "--to", "20261121T110000Z-cccccc"], { env: SECRETS });
    expect(code).toBe(2);
    expect(stdout).toContain("its stack update failed");
    expect(stdout).toContain(`allowed: 20261120T100000Z-aaaaaa (update 1, 2026-11-01T00:00:00.000Z: api ${V1.api}, web ${V1.web})`);
    expect(stdout).not.toMatch(/\n\s+at /);
    expect(w.commands()).not.toContain("up");
  });

  it("GIVEN the earlier release is past the first page of history WHEN rolled back THEN asc pages until it finds it", async () => {
    const w = world(V2);
    w.seedHistory("aws-dev", [{ message: msg("20261101T000000Z-000000", "release", V1) }, ...Array.from({ length: 55 }, (_, i) => ({ message: msg(`20261102T0000${String(i).padStart(2, "0")}Z-bbbbbb`, "release", V2) }))]);
    const { services } = fakeServices({ upCount: upCount(w) });
    const { code } = await w.run(["rollback", "--profile", "aws-dev", "--yes"], { env: SECRETS, services });
    expect(code).toBe(0);
    expect(historyReads(w)).toEqual(["--json --page-size 50 --page 1", "--json --page-size 50 --page 2"]);
    expect(w.reports()[0]!.json.images.rollbackOf).toMatchObject({ runId: "20261101T000000Z-000000", version: 1 });
  });

  it("GIVEN a stack deployed before asc recorded its release output WHEN deployed THEN the release it runs is the newest one in its history, not a local report", async () => {
    const w = fakePulumiWorld({ "aws-dev": DEV_PROFILE });
    w.seedStack("aws-dev", awsStackOutputs());
    w.setUpOutputs(awsStackOutputs({ release: V1, taskRevision: 8 }));
    w.seedHistory("aws-dev", [{ message: msg("20261120T100000Z-aaaaaa", "release", V1) }, { message: "pulumi refresh", kind: "refresh" }]);
    const { services } = fakeServices({ upCount: upCount(w) });
    const { code } = await w.run(["deploy", "--profile", "aws-dev", "--migrations", "skip"], { env: SECRETS, services });
    expect(code).toBe(0);
    // The profile's asc:images (v2) are not asked for: the stack keeps the release its history records.
    expect(w.reports()[0]!.json.images).toMatchObject({ previous: V1, target: V1 });
  });

  it("GIVEN a history with no other images than the current release THEN exit 2: nothing to roll back to", async () => {
    const w = world(V2);
    w.seedHistory("aws-dev", [{ message: msg("20261121T100000Z-bbbbbb", "release", V2) }]);
    const { code, stdout } = await w.run(["rollback", "--profile", "aws-dev"], { env: SECRETS });
    expect(code).toBe(2);
    expect(stdout).toContain("Nothing to roll back to on aws-dev");
    expect(stdout).toContain(`no earlier release in the stack's history runs other images than the current api ${V2.api}, web ${V2.web}`);
    expect(w.commands()).not.toContain("up");
  });
});

describe("asc secrets rotate", () => {
  it("GIVEN a profile with comments WHEN a secret is rotated THEN its epoch is bumped in the file, the comments stay, and a deploy runs", async () => {
    const w = world(V2);
    const { services } = fakeServices({ upCount: upCount(w) });
    const { code, stderr } = await w.run(["secrets", "rotate", "--profile", "aws-dev", "--secret", "databasePassword"], { env: SECRETS, services });
    const file = readFileSync(path.join(w.root, "stacks", "Pulumi.aws-dev.yaml"), "utf8");
    expect(code).toBe(0);
    expect(stderr).toBe("stacks/Pulumi.aws-dev.yaml: asc:secrets.rotation.databasePassword 0 → 1\n");
    // comments stay; yaml normalises the spaces before an inline comment to one
    const edited = DEV_PROFILE.replace("dev   # keep", "dev # keep");
    expect(file).toBe(`${edited}  asc:secrets:\n    rotation:\n      databasePassword: 1\n`);
    const report = w.reports()[0].json;
    expect(report.kind).toBe("rotate");
    expect(w.upMessages()).toHaveLength(1);
    expect(phasesOf(report)).toEqual(["validate:succeeded", "provision:succeeded", "migrate:succeeded", "release:skipped", "verify:succeeded"]);

    const again = await w.run(["secrets", "rotate", "--profile", "aws-dev", "--secret", "databasePassword", "--secret", "signingSecret", "--migrations", "skip"], { env: SECRETS, services });
    expect(again.code).toBe(0);
    expect(readFileSync(path.join(w.root, "stacks", "Pulumi.aws-dev.yaml"), "utf8")).toBe(`${edited}  asc:secrets:\n    rotation:\n      databasePassword: 2\n      signingSecret: 1\n`);
  });

  it("GIVEN an unknown secret name THEN exit 2 with the closest name and the file untouched", async () => {
    const w = world();
    const { code, stderr } = await w.run(["secrets", "rotate", "--profile", "aws-dev", "--secret", "databasePasword"], { env: SECRETS });
    expect(code).toBe(2);
    expect(stderr).toContain('not a generated secret; did you mean "databasePassword"?');
    expect(readFileSync(path.join(w.root, "stacks", "Pulumi.aws-dev.yaml"), "utf8")).toBe(DEV_PROFILE);
  });
});

describe("asc migrate and asc verify", () => {
  let server: Server;
  let base = "";
  beforeAll(async () => {
    server = createServer((req, res) => {
      res.writeHead(req.url?.startsWith("/health") || req.url === "/api/health/ready" ? 200 : 404, { "content-type": "application/json" });
      // The api's HealthResponse shape (status "healthy" on /health, "ready" on the readiness paths).
      res.end(JSON.stringify({ status: req.url === "/health" ? "healthy" : "ready", timestamp: "2026-12-06T04:00:00", version: "2.0.0", uptime: 1.5 }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("GIVEN a deployed stack WHEN migrate runs without --image THEN the released migration image runs and nothing is updated", async () => {
    const w = world();
    const { services, calls } = fakeServices({ upCount: upCount(w) });
    const { code } = await w.run(["migrate", "--profile", "aws-dev"], { env: SECRETS, services });
    expect(code).toBe(0);
    expect(w.commands()).not.toContain("up");
    expect(calls.migrations.map((m) => m.request.image)).toEqual([V1.api]);
    expect(phasesOf(w.reports()[0].json)).toEqual(["validate:succeeded", "migrate:succeeded"]);
  });

  it("GIVEN --image WHEN migrate runs THEN one up moves only the migration (services held), then the migration runs that image", async () => {
    const w = world();
    const { services, calls } = fakeServices({ upCount: upCount(w) });
    const { code } = await w.run(["migrate", "--profile", "aws-dev", "--image", "ghcr.io/acme/api:v3"], { env: SECRETS, services });
    const report = w.reports()[0].json;
    expect(code).toBe(0);
    expect(w.upMessages()).toEqual([`asc ${report.runId} provision: services api=${V1.api} web=${V1.web}; migration ghcr.io/acme/api:v3`]);
    expect(calls.migrations.map((m) => [m.request.image, m.upsBefore])).toEqual([["ghcr.io/acme/api:v3", 1]]);
  });

  it("GIVEN healthy endpoints on a local server WHEN verified with the real verifier THEN exit 0, and a different expected version is exit 6", async () => {
    const w = fakePulumiWorld({ "aws-dev": DEV_PROFILE });
    w.seedStack("aws-dev", awsStackOutputs({ baseUrl: base, release: V2 }));
    // The platform side of verify is the fake rollout check (tests/deploy/rollout covers it against fake ECS).
    // No cloud here: the credential check answers as a working credential would (credential tests cover the real one).
    const services = { checkRollout: rolloutAsRequested, openCloudSession: async () => ({ identity: "arn:aws:sts::123456789012:assumed-role/ci/asc", sources: {} }) };
    const ok = await w.run(["verify", "--profile", "aws-dev", "--expect-version", "2.0.0"], { services });
    expect(ok.code).toBe(0);
    const report = w.reports()[0].json;
    expect(report.health.map((h: { url: string; ok: boolean; lastStatus: number; version: string }) => [h.url, h.ok, h.lastStatus, h.version])).toEqual([
      [`${base}/health`, true, 200, "2.0.0"],
      [`${base}/health/ready`, true, 200, "2.0.0"],
      [`${base}/api/health/ready`, true, 200, "2.0.0"],
    ]);
    expect(w.commands()).toEqual(["stack select", "stack output", "stack output"]);
    const wrong = await w.run(["verify", "--profile", "aws-dev", "--expect-version", "9.9.9"], { services });
    expect(wrong.code).toBe(6);
    expect(wrong.stdout).toContain("expected version 9.9.9, but api");
  });
});

describe("asc preview (online)", () => {
  it("GIVEN a deployed stack WHEN previewed THEN pulumi preview runs (no up), and the change summary, the contract diff and the policies are shown", async () => {
    const w = fakePulumiWorld({ "aws-dev": DEV_PROFILE });
    const outputs = awsStackOutputs({ release: V1 });
    const config = loadProfile({ root: w.root, profile: "aws-dev", now: new Date() }).config;
    const deployed = contractView(contractFromStackOutputs({ ...config, app: { ...config.app, signupAccessPolicy: "invite_only" } }, outputs as unknown as StackOutputs));
    deployed.api = deployed.api!.filter((e) => e.name !== "PORT");
    w.seedStack("aws-dev", { ...outputs, envContract: deployed });
    const policies = [{ policy: "asc-aws-alb-access-logs", urn: "urn:pulumi:aws-dev::asc::aws:lb/loadBalancer:LoadBalancer::app-lb", enforcement: "advisory" as const, message: "access logs are off" }];
    const { services } = fakeServices({ upCount: upCount(w), policies });
    const { code, stdout } = await w.run(["preview", "--profile", "aws-dev", "--json"], { env: SECRETS, services });
    const result = JSON.parse(stdout);
    expect(code).toBe(0);
    expect(w.commands()).toContain("preview");
    expect(w.commands()).not.toContain("up");
    expect(result.changes).toEqual({ update: 2, same: 40 });
    expect(result.resources.map((r: { op: string; name: string }) => `${r.op} ${r.name}`)).toEqual(["update app-migrate-task", "update app-api-service"]);
    expect(result.contract.changes).toEqual(expect.arrayContaining([
      { service: "api", name: "PORT", change: "added", after: "literal 8000" },
      { service: "api", name: "SIGNUP_ACCESS_POLICY", change: "changed", before: "literal invite_only", after: "literal public" },
    ]));
    expect(result.policies).toEqual(policies.map((p) => ({ ...p, source: "offline" })));
  });

  it("GIVEN the policy pack reports in the engine THEN the online preview lists those results as engine ones; a mandatory one is exit 3", async () => {
    const w = fakePulumiWorld({ "aws-dev": DEV_PROFILE });
    w.seedStack("aws-dev", awsStackOutputs({ release: V1 }));
    const { services } = fakeServices({ upCount: upCount(w) });
    const advisory = JSON.stringify([{ policy: "asc-aws-ecs-exec", enforcement: "advisory", message: "ECS exec is on", name: "app-api-service" }]);
    const first = await w.run(["preview", "--profile", "aws-dev", "--json"], { env: { ...SECRETS, FAKE_PULUMI_POLICY: advisory }, services });
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).policies).toEqual([{ policy: "asc-aws-ecs-exec", urn: "urn:pulumi:aws-dev::asc::aws:ecs/service:Service::app-api-service", enforcement: "advisory", message: "ECS exec is on", source: "engine" }]);
    const mandatory = JSON.stringify([{ policy: "asc-aws-rds-encrypted", enforcement: "mandatory", message: "storage is not encrypted" }]);
    const second = await w.run(["preview", "--profile", "aws-dev"], { env: { ...SECRETS, FAKE_PULUMI_POLICY: mandatory }, services });
    expect(second.code).toBe(3);
    expect(second.stdout).toContain("[mandatory, engine] asc-aws-rds-encrypted on app-migrate-task: storage is not encrypted");
    expect(w.commands()).not.toContain("up");
  });
});

describe("asc doctor", () => {
  it("GIVEN the Pulumi CLI, a backend, a passphrase and credentials THEN every check passes (exit 0)", async () => {
    const w = world();
    const { code, stdout } = await w.run(["doctor"], { services: { checkCloudCredentials: async (cloud, region) => ({ status: "ok", detail: `${cloud} ${region} fine` }) } });
    expect(code).toBe(0);
    expect(stdout).toMatch(/✓ pulumi CLI: .*fake-pulumi\/bin\/pulumi \(v3\.248\.0\)/);
    expect(stdout).toContain(`✓ backend login: fake-user on ${w.env.PULUMI_BACKEND_URL}`);
    expect(stdout).toContain("✓ profile aws-dev: aws, dev, eu-west-1");
    expect(stdout).toContain("✓ secrets provider (aws-dev): passphrase provider; PULUMI_CONFIG_PASSPHRASE(_FILE) is set");
    expect(stdout).toContain("✓ aws credentials (eu-west-1): aws eu-west-1 fine");
    expect(stdout).toContain("No problems found.");
  });

  it("GIVEN aws:profile in the profile THEN the credential check gets it, and doctor lists the settings asc reads", async () => {
    const w = fakePulumiWorld({ "aws-dev": DEV_PROFILE.replace("config:\n", "config:\n  aws:profile: ops\n") });
    const seen: unknown[] = [];
    const { code, stdout } = await w.run(["doctor", "--profile", "aws-dev"], { services: { checkCloudCredentials: async (cloud, region, stackConfig) => (seen.push([cloud, region, stackConfig]), { status: "ok", detail: "arn:aws:sts::1:assumed-role/ops/asc" }) } });
    expect(code).toBe(0);
    expect(seen).toEqual([["aws", "eu-west-1", { "aws:profile": "ops" }]]);
    expect(stdout).toContain("✓ aws credential settings: asc reads what Pulumi's provider reads: aws:region (or AWS_REGION), aws:profile (or AWS_PROFILE), ");
    expect(stdout).toContain("aws:assumeRoles, aws:endpoints (sts), then the AWS SDK's default chain");
  });

  it("GIVEN no Pulumi CLI and no passphrase THEN each problem is printed with its fix (exit 2)", async () => {
    const w = world();
    const { code, stdout } = await w.run(["doctor", "--profile", "aws-dev"], {
      env: { PATH: "/nonexistent", PULUMI_CONFIG_PASSPHRASE: undefined },
      services: { checkCloudCredentials: async () => ({ status: "problem", detail: "no usable AWS credentials: Could not load credentials from any providers" }) },
    });
    expect(code).toBe(2);
    expect(stdout).toContain("✗ pulumi CLI: The Pulumi CLI was not found\n    fix: install the Pulumi CLI: curl -fsSL https://get.pulumi.com | sh");
    expect(stdout).toContain("- backend login: needs the Pulumi CLI");
    expect(stdout).toContain("✗ secrets provider (aws-dev): passphrase secrets provider, but neither PULUMI_CONFIG_PASSPHRASE nor PULUMI_CONFIG_PASSPHRASE_FILE is set\n    fix: export PULUMI_CONFIG_PASSPHRASE");
    expect(stdout).toContain("✗ aws credentials (eu-west-1): no usable AWS credentials: Could not load credentials from any providers\n    fix: aws sso login");
    expect(stdout).toContain("3 problem(s) found.");
    expect(w.invocations()).toEqual([]);
  });
});
