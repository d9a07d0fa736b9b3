/**
 * No second staging or production stack: `asc deploy` of such a profile against a backend without the stack exits 2
 * and creates nothing, unless --init says this is the first deploy; then the stack is created with the profile
 * file's secretsprovider. Dev creates its stack anyway. In-process against the fake pulumi, which records every call.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fakeServices } from "../helpers/fake-pulumi/fake-services.js";
import { awsStackOutputs, DIGEST_A, DIGEST_B, fakePulumiWorld, type FakePulumiWorld } from "../helpers/fake-pulumi/world.js";

const IMAGES = { api: `ghcr.io/acme/api@${DIGEST_A}`, web: `ghcr.io/acme/web@${DIGEST_B}` };
const KMS = "awskms://alias/asc-prod?region=eu-west-1";
const profile = (tier: string, secretsProvider?: string) => `${secretsProvider ? `secretsprovider: ${secretsProvider}\n` : ""}config:
  asc:cloud: aws
  asc:tier: ${tier}
  asc:region: eu-west-1
  asc:name: app
  asc:domain:
    web: app.example.com
    api: api.example.com
    certificateArn: arn:aws:acm:eu-west-1:123456789012:certificate/7a6b5c4d-3e2f-1a0b-9c8d-7e6f5a4b3c2d
  asc:images:
    api: ${IMAGES.api}
    web: ${IMAGES.web}
`;
const DEV = `config:
  asc:cloud: aws
  asc:tier: dev
  asc:region: eu-west-1
  asc:name: app
  asc:images:
    api: ghcr.io/acme/api:v2
    web: ghcr.io/acme/web:v2
  asc:devOverrides:
    httpOnly: true
`;
const ENV = { ASC_OPENAI_API_KEY: "sk-test", ASC_STRIPE_SECRET_KEY: "sk_live_x", ASC_STRIPE_WEBHOOK_SECRET: "whsec_x", PULUMI_BACKEND_URL: "s3://acme-state?region=eu-west-1" };

async function deploy(world: FakePulumiWorld, argv: string[]) {
  const { services, calls } = fakeServices({ upCount: () => world.commands().filter((c) => c === "up").length });
  return { ...(await world.run(["deploy", ...argv], { env: ENV, services })), calls };
}

const stackFile = (world: FakePulumiWorld, stack: string) => path.join(world.state, "stacks", `${stack}.json`);
const phasesOf = (report: Record<string, any>) => report.phases.map((p: { name: string; result: string }) => `${p.name}:${p.result}`);

describe("asc deploy: no second staging or production stack", () => {
  it.each(["staging", "production"])("GIVEN a %s profile whose stack is not on the backend WHEN deployed with --yes THEN exit 2 names --init, and nothing is created or previewed", async (tier) => {
    const world = fakePulumiWorld({ [`aws-${tier}`]: profile(tier, KMS) });
    const { code, stdout, stderr, calls } = await deploy(world, ["--profile", `aws-${tier}`, "--yes"]);
    expect(code).toBe(2);
    const text = stdout + stderr;
    expect(text).toContain(`The stack aws-${tier} does not exist on this backend`);
    expect(text).toContain("✗ --init:");
    expect(text).toContain('got:     "s3://acme-state?region=eu-west-1"');
    expect(text).toContain(`run asc deploy --profile aws-${tier} --init`);
    expect(world.commands()).toContain("stack select");
    for (const c of ["stack init", "preview", "up"]) expect(world.commands()).not.toContain(c);
    expect(existsSync(stackFile(world, `aws-${tier}`))).toBe(false);
    expect(calls.migrations).toEqual([]);
    const report = world.reports()[0].json;
    expect(report).toMatchObject({ status: "failed", exitCode: 2 });
    expect(phasesOf(report)).toEqual(["validate:failed", "provision:skipped", "migrate:skipped", "release:skipped", "verify:skipped"]);
  });

  it("GIVEN --init THEN the production stack is created with the profile's secretsprovider, and the first deploy runs", async () => {
    const world = fakePulumiWorld({ "aws-production": profile("production", KMS) });
    world.setUpOutputs(awsStackOutputs({ release: IMAGES, taskRevision: 8 }));
    const { code, calls } = await deploy(world, ["--profile", "aws-production", "--yes", "--init"]);
    expect(code).toBe(0);
    const init = world.invocations().filter((i) => i.argv[0] === "stack" && i.argv[1] === "init");
    expect(init).toHaveLength(1);
    expect(init[0].argv.slice(0, 5)).toEqual(["stack", "init", "aws-production", "--secrets-provider", KMS]);
    expect(JSON.parse(readFileSync(stackFile(world, "aws-production"), "utf8")).secretsProvider).toBe(KMS);
    expect(world.commands().filter((c) => c === "up")).toHaveLength(2);
    expect(calls.migrations).toHaveLength(1);
  });

  it("GIVEN --init and a stack that exists THEN it is selected, not created again", async () => {
    const world = fakePulumiWorld({ "aws-production": profile("production", KMS) });
    world.seedStack("aws-production", awsStackOutputs({ release: IMAGES }));
    world.setUpOutputs(awsStackOutputs({ release: IMAGES }));
    const { code } = await deploy(world, ["--profile", "aws-production", "--yes", "--init"]);
    expect(code).toBe(0);
    expect(world.commands()).not.toContain("stack init");
  });

  it("GIVEN a dev profile without a stack THEN the deploy still creates it (no --init needed)", async () => {
    const world = fakePulumiWorld({ "aws-dev": DEV });
    world.setUpOutputs(awsStackOutputs({ release: { api: "ghcr.io/acme/api:v2", web: "ghcr.io/acme/web:v2" }, taskRevision: 8 }));
    const { services } = fakeServices({ upCount: () => world.commands().filter((c) => c === "up").length });
    const { code } = await world.run(["deploy", "--profile", "aws-dev"], { env: { ASC_OPENAI_API_KEY: "sk-test" }, services });
    expect(code).toBe(0);
    expect(world.commands()).toContain("stack init");
    // No secretsprovider in the profile: the passphrase provider, no flag.
    expect(world.invocations().find((i) => i.argv[1] === "init")!.argv).not.toContain("--secrets-provider");
  });
});
