/**
 * Every `pulumi up` of asc deploy is previewed first (the Automation API's up runs `up --skip-preview`,
 * automation/stack.js): the preview runs the policy pack, a mandatory violation stops the run before any up, the
 * production confirmation shows the previewed diff with stateful replacements named, and an update whose changes
 * differ from its preview is flagged. In-process against the fake pulumi, which records every call.
 */
import { fakeServices } from "../helpers/fake-pulumi/fake-services.js";
import { awsStackOutputs, DIGEST_A, DIGEST_B, fakePulumiWorld, type FakePulumiWorld } from "../helpers/fake-pulumi/world.js";

const V1 = { api: "ghcr.io/acme/api:v1", web: "ghcr.io/acme/web:v1" };
const V2 = { api: "ghcr.io/acme/api:v2", web: "ghcr.io/acme/web:v2" };
const DEV_PROFILE = `config:
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
const PROD_ENV = { PULUMI_BACKEND_URL: "s3://acme-state?region=eu-west-1", ASC_STRIPE_SECRET_KEY: "sk_live_x", ASC_STRIPE_WEBHOOK_SECRET: "whsec_x" };

function releasedWorld(): FakePulumiWorld {
  const world = fakePulumiWorld({ "aws-dev": DEV_PROFILE, "aws-production": PROD_PROFILE });
  world.seedStack("aws-dev", awsStackOutputs({ release: V1 }));
  world.seedStack("aws-production", awsStackOutputs({ release: V1 }));
  world.setUpOutputs(awsStackOutputs({ release: V2, taskRevision: 8 }));
  return world;
}

async function deploy(world: FakePulumiWorld, argv: string[], env: Record<string, string> = {}, prompt?: (q: string) => Promise<string>) {
  const { services, calls } = fakeServices({ upCount: () => world.commands().filter((c) => c === "up").length });
  const profile = argv.includes("--profile") ? [] : ["--profile", "aws-dev"];
  // The release is stack state: releasing the profile's V2 onto a stack at V1 takes --image.
  const images = argv.includes("--image") || argv.includes("--profile") ? [] : ["--image", `api=${V2.api}`, "--image", `web=${V2.web}`];
  const result = await world.run(["deploy", ...profile, ...images, ...argv], { env: { ...SECRETS, ...env }, services, ...(prompt ? { prompt } : {}) });
  return { ...result, calls };
}

const phasesOf = (report: Record<string, any>) => report.phases.map((p: { name: string; result: string }) => `${p.name}:${p.result}`);
const engineCalls = (w: FakePulumiWorld) => w.commands().filter((c) => c === "preview" || c === "up");
const events = (stdout: string) => stdout.trimEnd().split("\n").map((l) => JSON.parse(l));

const STATEFUL_STEPS = JSON.stringify([
  { op: "replace", type: "aws:rds/instance:Instance", name: "app-db-instance" },
  { op: "delete", type: "aws:s3/bucket:Bucket", name: "app-old-storage" },
  { op: "create", type: "aws:cloudwatch/logGroup:LogGroup", name: "app-audit-logs" },
  { op: "update", type: "aws:ecs/service:Service", name: "app-api-service" },
]);

describe("asc deploy: a preview before every up", () => {
  it("GIVEN a release-mode deploy THEN each of its two updates is previewed with the policy pack right before it", async () => {
    const world = releasedWorld();
    const { code } = await deploy(world, []);
    expect(code).toBe(0);
    expect(engineCalls(world)).toEqual(["preview", "up", "preview", "up"]);
    for (const call of world.invocations().filter((i) => i.argv[0] === "preview")) expect(call.argv).toContain("--policy-pack");
    const report = world.reports()[0].json;
    expect(Object.keys(report.previews)).toEqual(["provision", "release"]);
    expect(report.previews.provision.changes.map((c: { op: string; name: string }) => `${c.op} ${c.name}`)).toEqual(["update app-migrate-task", "update app-api-service"]);
    expect(report.drift).toEqual({});
  });

  it("GIVEN the policy pack reports a mandatory violation in the preview THEN exit 3, no up is called, and the engine's result is in the report", async () => {
    const world = releasedWorld();
    const policy = JSON.stringify([{ policy: "asc-aws-rds-encrypted", enforcement: "mandatory", message: "storage is not encrypted", name: "app-migrate-task" }]);
    const { code, stdout, calls } = await deploy(world, ["--json"], { FAKE_PULUMI_POLICY: policy });
    expect(code).toBe(3);
    expect(engineCalls(world)).toEqual(["preview"]);
    expect(calls.migrations).toEqual([]);
    const report = world.reports()[0].json;
    expect(phasesOf(report)).toEqual(["validate:succeeded", "provision:failed", "migrate:skipped", "release:skipped", "verify:skipped"]);
    expect(report.exitCode).toBe(3);
    expect(report.policies.engine).toEqual([{ policy: "asc-aws-rds-encrypted", urn: "urn:pulumi:aws-dev::asc::aws:ecs/taskDefinition:TaskDefinition::app-migrate-task", enforcement: "mandatory", message: "storage is not encrypted", name: "app-migrate-task" }]);
    expect(events(stdout).filter((e) => e.type === "policy")).toEqual([expect.objectContaining({ phase: "provision", policy: "asc-aws-rds-encrypted", enforcement: "mandatory", source: "engine" })]);
    expect(world.reports()[0].markdown).toContain("[mandatory, engine] asc-aws-rds-encrypted on app-migrate-task");
  });

  it("GIVEN an advisory engine result THEN the deploy goes on and the result is in the report", async () => {
    const world = releasedWorld();
    const policy = JSON.stringify([{ policy: "asc-aws-ecs-exec", enforcement: "advisory", message: "ECS exec is on", name: "app-api-service" }]);
    const { code } = await deploy(world, [], { FAKE_PULUMI_POLICY: policy });
    expect(code).toBe(0);
    expect(world.reports()[0].json.policies.engine.map((p: { policy: string; enforcement: string }) => `${p.enforcement} ${p.policy}`)).toEqual(["advisory asc-aws-ecs-exec", "advisory asc-aws-ecs-exec"]);
  });

  it("GIVEN production in a terminal THEN the confirmation shows the previewed diff and names the stateful replacement and deletion; yes goes on", async () => {
    const world = releasedWorld();
    const questions: string[] = [];
    const { code } = await deploy(world, ["--profile", "aws-production"], { ...PROD_ENV, FAKE_PULUMI_STEPS: STATEFUL_STEPS }, async (q) => {
      questions.push(q);
      return "y";
    });
    expect(code).toBe(0);
    expect(questions).toHaveLength(1);
    const q = questions[0];
    expect(q).toContain("pulumi preview of the provision update: 1 to create, 1 to update, 1 to replace, 1 to delete");
    expect(q).toContain("+- replace app-db-instance  aws:rds/instance:Instance  <- database: replacing it loses its data");
    expect(q).toContain("-  delete  app-old-storage  aws:s3/bucket:Bucket  <- bucket: deleting it loses its data");
    expect(q).toContain("+  create  app-audit-logs");
    expect(q).toContain("~  update  app-api-service");
    expect(q).toContain("WARNING: this replaces or deletes stateful resources, whose data is lost: app-db-instance (database, replace), app-old-storage (bucket, delete)");
    // The question came after the preview and before the first up.
    expect(engineCalls(world).slice(0, 2)).toEqual(["preview", "up"]);
    const report = world.reports()[0].json;
    expect(report.previews.provision.changes.find((c: { name: string }) => c.name === "app-db-instance")).toMatchObject({ op: "replace", stateful: "database" });
  });

  it("GIVEN production with --yes THEN nobody is asked, and the stateful replacement is a warning in the run's events", async () => {
    const world = releasedWorld();
    const { code, stdout } = await deploy(world, ["--profile", "aws-production", "--yes", "--json"], { ...PROD_ENV, FAKE_PULUMI_STEPS: STATEFUL_STEPS });
    expect(code).toBe(0);
    const warnings = events(stdout).filter((e) => e.type === "log" && e.level === "warn").map((e) => e.message);
    expect(warnings).toContain("the provision update replaces the database app-db-instance (aws:rds/instance:Instance): its data is lost");
  });

  it("GIVEN an update whose changes differ from its preview THEN the run warns and the report records the difference", async () => {
    const world = releasedWorld();
    const steps = JSON.stringify({
      preview: [{ op: "update", type: "aws:ecs/service:Service", name: "app-api-service" }],
      up: [{ op: "update", type: "aws:ecs/service:Service", name: "app-api-service" }, { op: "replace", type: "aws:elasticache/replicationGroup:ReplicationGroup", name: "app-cache" }],
    });
    const { code, stdout } = await deploy(world, ["--json", "--migrations", "after"], { FAKE_PULUMI_STEPS: steps });
    expect(code).toBe(0);
    const report = world.reports()[0];
    expect(report.json.drift).toEqual({ provision: { notPreviewed: ["replace app-cache (aws:elasticache/replicationGroup:ReplicationGroup)"], notApplied: [] } });
    expect(events(stdout).some((e) => e.type === "log" && e.level === "warn" && e.message.includes("differ from its preview") && e.message.includes("not previewed, applied: replace app-cache"))).toBe(true);
    expect(report.markdown).toContain("## Update differed from its preview");
    expect(report.markdown).toContain("- provision: not previewed, applied: replace app-cache");
  });
});
