/**
 * Rotation epochs live in the profile file and the stack's `release` output records the epochs the release was
 * deployed with. A checkout whose epochs are behind (the rotated profile was never committed or pulled) is refused
 * in validate, against the fake pulumi: exit 2, the fix, and no `pulumi up`.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fakeServices } from "../helpers/fake-pulumi/fake-services.js";
import { awsStackOutputs, fakePulumiWorld, type FakePulumiWorld } from "../helpers/fake-pulumi/world.js";

const V1 = { api: "ghcr.io/acme/api:v1", web: "ghcr.io/acme/web:v1" };
const SECRETS = { ASC_OPENAI_API_KEY: "sk-test-openai-KNOWN-0001" };
const profileText = (epochs: string) => `config:
  asc:cloud: aws
  asc:tier: dev
  asc:region: eu-west-1
  asc:name: app
  asc:images:
    api: ${V1.api}
    web: ${V1.web}
  asc:devOverrides:
    httpOnly: true
${epochs}`;

/** A stack whose release was deployed with databasePassword at epoch 2 and signingSecret at 1. */
function rotatedStack(epochs: string): FakePulumiWorld {
  const w = fakePulumiWorld({ "aws-dev": profileText(epochs) });
  w.seedStack("aws-dev", { ...awsStackOutputs(), release: { services: V1, migration: V1.api, rotation: { databasePassword: 2, signingSecret: 1 } } });
  w.setUpOutputs(awsStackOutputs({ release: V1, taskRevision: 8 }));
  return w;
}
const ups = (w: FakePulumiWorld) => () => w.commands().filter((c) => c === "up").length;
const profileFile = (w: FakePulumiWorld) => readFileSync(path.join(w.root, "stacks", "Pulumi.aws-dev.yaml"), "utf8");

describe("rotation epochs behind the stack's release", () => {
  it("GIVEN a checkout with databasePassword at epoch 1 and a stack released at 2 WHEN deployed THEN exit 2 before anything changes, naming the epoch, the stack's and the fix", async () => {
    const epochs = "  asc:secrets:\n    rotation:\n      databasePassword: 1\n      signingSecret: 1\n";
    const w = rotatedStack(epochs);
    const { services, calls } = fakeServices({ upCount: ups(w) });
    const { code, stdout } = await w.run(["deploy", "--profile", "aws-dev"], { env: SECRETS, services });
    expect(code).toBe(2);
    expect(stdout).toContain("The rotation epochs of aws-dev are behind the stack's release");
    expect(stdout).toContain("asc:secrets.rotation.databasePassword");
    expect(stdout).toContain("the stack's release was deployed with epoch 2; deploying 1 would generate yet another value and roll the services to it");
    expect(stdout).toContain("fix:     commit the rotated profile from where asc secrets rotate ran (or pull it), so stacks/Pulumi.aws-dev.yaml has databasePassword: 2");
    expect(stdout).not.toContain("asc:secrets.rotation.signingSecret");
    expect(w.commands()).not.toContain("up");
    expect(calls.migrations).toEqual([]);
    expect(w.reports()[0].json.phases.map((p: { name: string; result: string }) => `${p.name}:${p.result}`)).toEqual(["validate:failed", "provision:skipped", "migrate:skipped", "release:skipped", "verify:skipped"]);
    expect(profileFile(w)).toBe(profileText(epochs));
  });

  it("GIVEN a checkout with no epochs at all (the profile predates the rotation) WHEN deployed THEN both recorded secrets are named and nothing is updated", async () => {
    const w = rotatedStack("");
    const { services } = fakeServices({ upCount: ups(w) });
    const { code, stdout } = await w.run(["deploy", "--profile", "aws-dev"], { env: SECRETS, services });
    expect(code).toBe(2);
    expect(stdout).toContain("so stacks/Pulumi.aws-dev.yaml has databasePassword: 2");
    expect(stdout).toContain("so stacks/Pulumi.aws-dev.yaml has signingSecret: 1");
    expect(w.commands()).not.toContain("up");
  });

  it("GIVEN epochs equal to the stack's WHEN deployed THEN the deploy runs", async () => {
    const w = rotatedStack("  asc:secrets:\n    rotation:\n      databasePassword: 2\n      signingSecret: 1\n");
    const { services } = fakeServices({ upCount: ups(w) });
    const { code } = await w.run(["deploy", "--profile", "aws-dev"], { env: SECRETS, services });
    expect(code).toBe(0);
    expect(w.commands()).toContain("up");
  });

  it("GIVEN a stale checkout WHEN asc secrets rotate bumps databasePassword to 1 THEN it is refused (the stack is at 2), nothing is updated, and the file is restored", async () => {
    const w = rotatedStack("");
    const { services } = fakeServices({ upCount: ups(w) });
    const { code, stdout, stderr } = await w.run(["secrets", "rotate", "--profile", "aws-dev", "--secret", "databasePassword"], { env: SECRETS, services });
    expect(code).toBe(2);
    expect(stdout).toContain("deploying 1 would generate yet another value");
    expect(stderr).toBe("stacks/Pulumi.aws-dev.yaml: asc:secrets.rotation.databasePassword 0 → 1\nThe rotation was refused before anything changed; stacks/Pulumi.aws-dev.yaml is restored.\n");
    expect(w.commands()).not.toContain("up");
    expect(profileFile(w)).toBe(profileText(""));
  });
});
