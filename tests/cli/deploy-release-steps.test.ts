/**
 * asc:migrations.steps: one-off steps after the migration, each on its own task definition (from the stack's
 * releaseSteps output), in order, each with its own result in the report; a failed step stops the release (exit 5)
 * before the services move. The runner is the fake one (tests/deploy/migration covers the ECS runner itself).
 */
import type { MigrationRequest } from "../../src/deploy/types.js";
import { fakeServices, migrationResult } from "../helpers/fake-pulumi/fake-services.js";
import { awsStackOutputs, fakePulumiWorld } from "../helpers/fake-pulumi/world.js";

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
  asc:migrations:
    steps:
      - name: seed
        command: ["python", "-m", "app.seed"]
      - name: catalog
        image: ghcr.io/acme/ops:1
        command: ["starter-console", "stripe", "sync"]
`;
const SECRETS = { ASC_OPENAI_API_KEY: "sk-test-openai-KNOWN-0001" };

const stepTarget = (name: string) => ({ ...(awsStackOutputs().migration as object), taskDefinitionArn: `arn:aws:ecs:eu-west-1:123456789012:task-definition/app-step-${name}:3` });
const withSteps = (outputs: Record<string, unknown>, api: string) => ({
  ...outputs,
  releaseSteps: [
    { name: "seed", image: api, command: ["python", "-m", "app.seed"], target: stepTarget("seed") },
    { name: "catalog", image: "ghcr.io/acme/ops:1", command: ["starter-console", "stripe", "sync"], target: stepTarget("catalog") },
  ],
});

function world() {
  const w = fakePulumiWorld({ "aws-dev": PROFILE });
  w.seedStack("aws-dev", withSteps(awsStackOutputs({ release: V1 }), V1.api));
  w.setUpOutputs(withSteps(awsStackOutputs({ release: V2, taskRevision: 8 }), V2.api));
  return w;
}

const ups = (w: ReturnType<typeof world>) => () => w.commands().filter((c) => c === "up").length;

describe("release steps after the migration", () => {
  it("GIVEN two steps THEN they run in order after the migration, each on its own task definition, and the report has each result", async () => {
    const w = world();
    const seen: MigrationRequest[] = [];
    const { services } = fakeServices({ upCount: ups(w), migration: async (request) => (seen.push(request), migrationResult("succeeded", [`ran ${request.command.join(" ")}`])) });
    const result = await w.run(["deploy", "--profile", "aws-dev", "--image", `api=${V2.api}`, "--image", `web=${V2.web}`], { env: SECRETS, services });
    expect(result.code).toBe(0);
    expect(seen.map((r) => [r.command.join(" "), r.image, (r.target as { taskDefinitionArn: string }).taskDefinitionArn.split("/").pop()])).toEqual([
      ["alembic -c alembic.ini upgrade heads", V2.api, "app-migrate:8"],
      ["python -m app.seed", V2.api, "app-step-seed:3"],
      ["starter-console stripe sync", "ghcr.io/acme/ops:1", "app-step-catalog:3"],
    ]);
    const report = w.reports()[0];
    expect(report.json.releaseSteps.map((s: { name: string; status: string; logTail: string[] }) => [s.name, s.status, s.logTail])).toEqual([
      ["seed", "succeeded", ["ran python -m app.seed"]],
      ["catalog", "succeeded", ["ran starter-console stripe sync"]],
    ]);
    expect(report.markdown).toContain("### catalog\n\nsucceeded, exit code 0");
    expect(result.stdout).toContain("migrate: release step seed succeeded");
  });

  it("GIVEN the first step fails THEN exit 5, the second never runs, and the services stay on the released images", async () => {
    const w = world();
    const seen: string[] = [];
    const { services, calls } = fakeServices({ upCount: ups(w), migration: async (request) => (seen.push(request.command[0]), migrationResult(request.command[0] === "python" ? "failed" : "succeeded")) });
    const result = await w.run(["deploy", "--profile", "aws-dev", "--image", `api=${V2.api}`, "--image", `web=${V2.web}`], { env: SECRETS, services });
    expect(result.code).toBe(5);
    expect(seen).toEqual(["alembic", "python"]);
    const report = w.reports()[0].json;
    expect(report.releaseSteps.map((s: { name: string; status: string }) => `${s.name}:${s.status}`)).toEqual(["seed:failed"]);
    expect(report.phases.map((p: { name: string; result: string }) => `${p.name}:${p.result}`)).toEqual(["validate:succeeded", "provision:succeeded", "migrate:failed", "release:skipped", "verify:skipped"]);
    expect(report.error).toBe('migrate: release step "seed" failed with exit code 1: EssentialContainerExited; the steps after it did not run; the services were not updated');
    expect(calls.verifications).toEqual([]);
  });

  it("GIVEN a step the stack does not have yet THEN exit 5 naming it, before any step runs", async () => {
    const w = fakePulumiWorld({ "aws-dev": PROFILE });
    w.seedStack("aws-dev", awsStackOutputs({ release: V1 }));
    w.setUpOutputs(awsStackOutputs({ release: V2, taskRevision: 8 }));
    const seen: string[] = [];
    const { services } = fakeServices({ upCount: ups(w), migration: async (request) => (seen.push(request.command[0]), migrationResult("succeeded")) });
    const result = await w.run(["deploy", "--profile", "aws-dev", "--image", `api=${V2.api}`, "--image", `web=${V2.web}`], { env: SECRETS, services });
    expect(result.code).toBe(5);
    expect(seen).toEqual(["alembic"]);
    expect(w.reports()[0].json.error).toContain('release step "seed" is in asc:migrations.steps but not in the stack');
  });
});
