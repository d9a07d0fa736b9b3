/**
 * The release is stack state. After `asc deploy --image …` the stack's `release` output holds the released images;
 * a plain `pulumi up` (src/program.ts main) reads that output through a StackReference to its own stack and
 * deploys it, so it changes no service; a deploy without --image keeps the release; and an asc:images edit that was
 * not deployed is "not applied" in asc preview. Each `up` and `preview` program runs under the offline mocks
 * (program-capture.ts). The plain `pulumi up` here is the program with the release the StackReference would return
 * (configForPlainUp); that the engine returns the stack's previous outputs to it is not exercised (no engine here;
 * tests/program-own-release.test.ts checks the StackReference the program makes).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadProfile } from "../../src/config/load.js";
import { readReleaseRecord } from "../../src/config/release-images.js";
import { configForPlainUp, defineStack } from "../../src/program.js";
import { runOfflinePreview } from "../../src/preview/offline.js";
import type { PlanV1 } from "../../src/preview/plan.js";
import { capturingPulumi } from "../helpers/fake-pulumi/program-capture.js";
import { fakeServices } from "../helpers/fake-pulumi/fake-services.js";
import { DIGEST_A, DIGEST_B, fakePulumiWorld, type FakePulumiWorld } from "../helpers/fake-pulumi/world.js";

const V1 = { api: "ghcr.io/acme/api:v1", web: "ghcr.io/acme/web:v1" };
const RELEASE = { api: `ghcr.io/acme/api@${DIGEST_A}`, web: `ghcr.io/acme/web@${DIGEST_B}` };
const V3_API = "ghcr.io/acme/api:v3-not-released";
const PROFILE = `# AWS dev; the images below are what a plain pulumi up deploys
config:
  asc:cloud: aws
  asc:tier: dev
  asc:region: eu-west-1
  asc:name: app
  asc:images:
    api: ${V1.api} # the api
    web: ${V1.web}
  asc:devOverrides:
    httpOnly: true
`;
const SECRETS = { ASC_OPENAI_API_KEY: "sk-test-openai-KNOWN-0001" };
/** The resources a service change would show in: task definitions (images, env, secrets) and the ECS services. */
const SERVICE_TYPES = ["aws:ecs/taskDefinition:TaskDefinition", "aws:ecs/service:Service"];
const serviceInputs = (plan: PlanV1) => Object.fromEntries(plan.resources.filter((r) => SERVICE_TYPES.includes(r.type)).map((r) => [r.name, r.inputs]));
const imagesOf = (plan: PlanV1) => plan.resources.filter((r) => r.type === SERVICE_TYPES[0]).map((r) => `${r.name}: ${(JSON.parse(r.inputs.containerDefinitions as string) as { image: string }[]).map((c) => c.image).join(",")}`).sort();
const profileFile = (w: FakePulumiWorld) => path.join(w.root, "stacks", "Pulumi.aws-dev.yaml");

/** `pulumi up -s aws-dev` in the project: the program with the stack file's config and the stack's `release` output. */
async function plainPulumiUp(w: FakePulumiWorld, releaseOutput?: unknown, warnings: string[] = []): Promise<PlanV1> {
  const profile = loadProfile({ root: w.root, profile: "aws-dev", env: SECRETS, now: new Date() });
  const released = readReleaseRecord(releaseOutput);
  return runOfflinePreview(profile, () => [], { program: (p) => defineStack(configForPlainUp(p.config, released, (m) => warnings.push(m)), { profile: p.profile, mode: "deploy" }) });
}

/** A stack released at V1 by an earlier deploy (its outputs as the program makes them). */
async function releasedAtV1() {
  const w = fakePulumiWorld({ "aws-dev": PROFILE });
  w.seedStack("aws-dev", (await plainPulumiUp(w)).outputs);
  const capture = capturingPulumi(w, "aws-dev", SECRETS);
  const { services } = fakeServices({ upCount: () => capture.updates.length });
  const run = (argv: string[]) => w.run(argv, { env: SECRETS, services: { ...services, pulumi: capture.pulumi } });
  return { w, capture, run };
}

describe("the release is stack state", () => {
  it("GIVEN asc deploy --image api=…@sha256:A --image web=…@sha256:B WHEN a plain pulumi up of the same stack runs THEN it shows no service change", async () => {
    const { w, capture, run } = await releasedAtV1();
    const before = await plainPulumiUp(w);
    const { code, stdout } = await run(["deploy", "--profile", "aws-dev", "--image", `api=${RELEASE.api}`, "--image", `web=${RELEASE.web}`]);
    expect(code).toBe(0);
    const release = capture.updates.at(-1)!.plan;
    expect(release.outputs.release).toMatchObject({ services: RELEASE });
    // the profile file is not touched: the release lives in the stack
    expect(readFileSync(profileFile(w), "utf8")).toBe(PROFILE);
    expect(stdout).not.toContain("asc:images.api ghcr.io/acme/api:v1 in the profile is not applied");
    // a plain pulumi up now deploys exactly what the release update did, and says the file's images are not applied
    const warnings: string[] = [];
    const after = await plainPulumiUp(w, release.outputs.release, warnings);
    expect(imagesOf(after)).toEqual(imagesOf(release));
    expect(serviceInputs(after)).toEqual(serviceInputs(release));
    expect(imagesOf(before)).not.toEqual(imagesOf(release));
    expect(warnings).toEqual([
      `asc:images.api ${V1.api} in the profile is not applied: the stack's release runs ${RELEASE.api} (release it with asc deploy --image api=${V1.api})`,
      `asc:images.web ${V1.web} in the profile is not applied: the stack's release runs ${RELEASE.web} (release it with asc deploy --image web=${V1.web})`,
    ]);
  });

  it("GIVEN a released stack WHEN deployed without --image THEN the released images are kept; an undeployed asc:images edit is 'not applied' in asc preview and kept out of the next deploy", async () => {
    const { w, capture, run } = await releasedAtV1();
    expect((await run(["deploy", "--profile", "aws-dev", "--image", `api=${RELEASE.api}`, "--image", `web=${RELEASE.web}`])).code).toBe(0);
    const release = capture.updates.at(-1)!.plan;

    // GIVEN an edit of asc:images.api in the profile that is not deployed
    writeFileSync(profileFile(w), readFileSync(profileFile(w), "utf8").replace(V1.api, V3_API).replace(V1.web, RELEASE.web));
    const preview = await run(["preview", "--profile", "aws-dev", "--json"]);
    expect(preview.code).toBe(0);
    const result = JSON.parse(preview.stdout);
    expect(result.images).toEqual({ target: RELEASE, released: RELEASE, notApplied: [{ service: "api", profile: V3_API, released: RELEASE.api }] });
    // the preview's program deploys what asc deploy would: the release, so no service change
    expect(serviceInputs(capture.previews.at(-1)!.plan)).toEqual(serviceInputs(release));
    const text = await run(["preview", "--profile", "aws-dev"]);
    expect(text.stdout).toContain(`not applied: asc:images.api ${V3_API} in the profile is not applied: the stack's release runs ${RELEASE.api} (release it with --image api=${V3_API})`);

    // WHEN deployed without --image THEN the release is kept and the run says why
    const ups = capture.updates.length;
    const again = await run(["deploy", "--profile", "aws-dev"]);
    expect(again.code).toBe(0);
    expect(capture.updates.slice(ups).map((u) => u.message.replace(/^asc \S+ /, ""))).toEqual([`provision: services api=${RELEASE.api} web=${RELEASE.web}; migration ${RELEASE.api}`]);
    expect(again.stdout).toContain(`validate: warning: asc:images.api ${V3_API} in the profile is not applied: the stack's release runs ${RELEASE.api} (release it with --image api=${V3_API}); this deploy keeps ${RELEASE.api}`);
    expect(serviceInputs(capture.updates.at(-1)!.plan)).toEqual(serviceInputs(release));
    expect(w.reports().at(-1)!.json.images.target).toEqual(RELEASE);
    expect(readFileSync(profileFile(w), "utf8")).toContain(`api: ${V3_API} # the api`);
  });
});
