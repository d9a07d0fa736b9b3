/**
 * asc:migrations.steps in the plan: each step is a task definition (AWS) or Container Apps Job (Azure) of its own,
 * with the migration's env contract, its image (default: the api image) and command, and the stack's releaseSteps
 * output says where the runner starts it. Bad steps are refused in config.
 */
import { runAsc } from "../helpers/cli.js";
import type { PlanV1 } from "../../src/preview/plan.js";

const STEPS = JSON.stringify([{ name: "seed", command: ["python", "-m", "app.seed"] }, { name: "catalog", image: "ghcr.io/acme/ops:1", command: ["starter-console", "stripe", "sync"] }]);

async function plan(profile: string, steps = STEPS): Promise<PlanV1> {
  const result = await runAsc(["preview", "--profile", profile, "--offline", "--json", "--set", `migrations.steps=${steps}`]);
  expect(result.stderr).toBe("");
  return JSON.parse(result.stdout) as PlanV1;
}

describe("release steps in the plan", () => {
  it("GIVEN two steps on AWS THEN two more task definitions with their image and command, and releaseSteps in the outputs", async () => {
    const p = await plan("aws-dev");
    const defs = p.resources.filter((r) => r.type === "aws:ecs/taskDefinition:TaskDefinition");
    const step = (name: string) => JSON.parse(String(defs.find((d) => d.name.endsWith(`step-${name}-task-definition`))!.inputs.containerDefinitions))[0];
    const migrate = JSON.parse(String(defs.find((d) => d.name.endsWith("-migrate-task-definition"))!.inputs.containerDefinitions))[0];
    expect([step("seed").image, step("seed").command]).toEqual([migrate.image, ["python", "-m", "app.seed"]]);
    expect([step("catalog").image, step("catalog").command]).toEqual(["ghcr.io/acme/ops:1", ["starter-console", "stripe", "sync"]]);
    expect(step("seed").secrets).toEqual(migrate.secrets);
    expect(step("seed").environment).toEqual(migrate.environment);
    const outputs = p.outputs.releaseSteps as { name: string; image: string; target: { taskDefinitionArn: string } }[];
    expect(outputs.map((s) => [s.name, s.image])).toEqual([["seed", migrate.image], ["catalog", "ghcr.io/acme/ops:1"]]);
  });

  it("GIVEN two steps on Azure THEN two more jobs named <name>-step-<step>", async () => {
    const p = await plan("azure-dev");
    const jobs = p.resources.filter((r) => r.type === "azure-native:app:Job");
    expect(jobs.map((j) => j.inputs.jobName).sort()).toEqual(expect.arrayContaining([expect.stringMatching(/-step-catalog$/), expect.stringMatching(/-step-seed$/)]));
    const catalog = jobs.find((j) => String(j.inputs.jobName).endsWith("-step-catalog"))!;
    expect((catalog.inputs.template as { containers: { image: string; command: string[] }[] }).containers[0]).toMatchObject({ image: "ghcr.io/acme/ops:1", command: ["starter-console", "stripe", "sync"] });
    expect((p.outputs.releaseSteps as { name: string }[]).map((s) => s.name)).toEqual(["seed", "catalog"]);
  });

  it.each([
    [JSON.stringify([{ name: "api", command: ["x"] }]), "asc:migrations.steps[0].name", "must not be one of api, web, worker, migrate, migration"],
    [JSON.stringify([{ name: "seed", command: ["x"] }, { name: "seed", command: ["y"] }]), "asc:migrations.steps", "step names must be unique"],
    [JSON.stringify([{ name: "Seed_Data", command: ["x"] }]), "asc:migrations.steps[0].name", "must be 1-10 lowercase letters"],
    [JSON.stringify([{ name: "seed", command: [] }]), "asc:migrations.steps[0].command", "at least 1 item(s)"],
    [JSON.stringify([{ name: "seed", command: ["x"], image: "not an image" }]), "asc:migrations.steps[0].image", "not a usable image reference"],
  ])("GIVEN steps %s THEN exit 2 at %s", async (steps, path, message) => {
    const result = await runAsc(["preview", "--profile", "aws-dev", "--offline", "--set", `migrations.steps=${steps}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`✗ ${path}: `);
    expect(result.stderr).toContain(message);
  });

  it("GIVEN a production step image without a digest THEN exit 2", async () => {
    const result = await runAsc(["preview", "--profile", "aws-production", "--offline", "--set", `migrations.steps=${JSON.stringify([{ name: "seed", image: "ghcr.io/acme/ops:1", command: ["x"] }])}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("✗ asc:migrations.steps[0].image: production images must be pinned by digest");
  });
});
