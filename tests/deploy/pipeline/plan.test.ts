import { planProvision, planRun, type RunRequest } from "../../../src/deploy/pipeline/plan.js";
import { configForImages, lockedMessage, updateMessage } from "../../../src/deploy/pipeline/stack-update.js";
import { testConfig } from "../../helpers/config.js";

const staging = testConfig();
const production = testConfig({ tier: "production" });
const request = (overrides: Partial<RunRequest> = {}): RunRequest => ({ kind: "deploy", runId: "r1", profile: "p", config: staging, yes: false, interactive: false, rollbackOnFailure: false, ...overrides });

describe("planRun", () => {
  it.each([
    ["deploy", undefined, undefined, "release", ["validate", "provision", "migrate", "release", "verify"]],
    ["deploy", "after", undefined, "after", ["validate", "provision", "migrate", "verify"]],
    ["deploy", "skip", undefined, "skip", ["validate", "provision", "verify"]],
    ["rotate", undefined, undefined, "release", ["validate", "provision", "migrate", "release", "verify"]],
    ["rollback", undefined, undefined, "skip", ["validate", "provision", "verify"]],
    ["rollback", "after", undefined, "after", ["validate", "provision", "migrate", "verify"]],
    ["migrate", undefined, undefined, "after", ["validate", "migrate"]],
    ["migrate", undefined, "ghcr.io/acme/api:v3", "after", ["validate", "provision", "migrate"]],
    ["verify", undefined, undefined, "release", ["validate", "verify"]],
  ] as const)("GIVEN %s with --migrations %s and --image %s THEN mode %s and phases %j", (kind, migrations, migrationImage, mode, phases) => {
    const plan = planRun(request({ kind, ...(migrations ? { migrations } : {}), ...(migrationImage ? { migrationImage } : {}) }));
    expect(plan.migrations).toBe(mode);
    expect(plan.phases).toEqual(phases);
  });

  it.each([
    ["staging", "deploy", false, false, "not-needed"],
    ["production", "deploy", true, false, "given"],
    ["production", "deploy", false, true, "prompt"],
    ["production", "deploy", false, false, "refused"],
    ["production", "migrate", false, false, "refused"],
    ["production", "rollback", false, true, "prompt"],
    ["production", "verify", false, false, "not-needed"],
  ] as const)("GIVEN %s %s with --yes %s and a terminal %s THEN confirmation is %s", (tier, kind, yes, interactive, confirmation) => {
    expect(planRun(request({ kind, yes, interactive, config: tier === "production" ? production : staging })).confirmation).toBe(confirmation);
  });

  it("GIVEN a deploy with --init THEN it is plan v1 of the profile's stack with the target images, secrets and policies checked and the stack created on demand", () => {
    expect(planRun(request({ rollbackOnFailure: true, init: true }))).toEqual({
      version: 1,
      kind: "deploy",
      runId: "r1",
      profile: "p",
      stack: "p",
      cloud: "aws",
      tier: "staging",
      images: { api: staging.images.api, web: staging.images.web },
      requested: [],
      migrations: "release",
      migrationRunner: "platform",
      phases: ["validate", "provision", "migrate", "release", "verify"],
      validate: { secrets: true, policies: true, createStack: true },
      confirmation: "not-needed",
      rollbackOnFailure: true,
    });
  });

  it.each([
    ["dev", false, true],
    ["staging", false, false],
    ["staging", true, true],
    ["production", false, false],
    ["production", true, true],
  ] as const)("GIVEN a %s deploy with --init %s THEN a missing stack is created: %s", (tier, init, created) => {
    expect(planRun(request({ init, config: testConfig({ tier }) })).validate.createStack).toBe(created);
  });

  it("GIVEN verify or a migrate without --image THEN nothing is decrypted, evaluated or created, and there is no rollback", () => {
    for (const kind of ["verify", "migrate"] as const) {
      const plan = planRun(request({ kind, rollbackOnFailure: true }));
      expect([plan.validate, plan.rollbackOnFailure]).toEqual([{ secrets: false, policies: false, createStack: false }, false]);
    }
  });

  it("GIVEN rollback images THEN they are the plan's target", () => {
    expect(planRun(request({ kind: "rollback", images: { api: "a:1", web: "w:1" } })).images).toEqual({ api: "a:1", web: "w:1" });
    expect(planRun(request({ kind: "rollback", images: { api: "a:1", web: "w:1" } })).requested).toEqual(["api", "web"]);
    expect(planRun(request({ requestedImages: ["web"] })).requested).toEqual(["web"]);
  });
});

describe("stack update helpers", () => {
  it("GIVEN services and a migration on different images THEN the config runs the services on theirs and sets migrationImage", () => {
    const c = configForImages({ ...staging, migrationImage: "stale:1" }, { services: { api: "api:1", web: "web:1" }, migration: "api:2" });
    expect([c.images, c.migrationImage]).toEqual([{ api: "api:1", web: "web:1" }, "api:2"]);
  });

  it("GIVEN the migration on the api image THEN migrationImage is left unset", () => {
    const c = configForImages({ ...staging, migrationImage: "stale:1" }, { services: { api: "api:2", web: "web:2" }, migration: "api:2" });
    expect(c.images).toEqual({ api: "api:2", web: "web:2" });
    expect("migrationImage" in c).toBe(false);
  });

  it("GIVEN a held update THEN asc:holdServices is set, and any stale value is dropped otherwise", () => {
    const images = { services: { api: "api:2", web: "web:2" }, migration: "api:2" };
    expect(configForImages(staging, images, { holdServices: true }).holdServices).toBe(true);
    expect("holdServices" in configForImages({ ...staging, holdServices: true }, images)).toBe(false);
    expect(updateMessage("r1", "provision", images, { holdServices: true })).toBe("asc r1 provision: services api=api:2 web=web:2 (held: not started); migration api:2");
  });

  it("GIVEN a phase THEN the update message carries the run id, the phase and the images", () => {
    expect(updateMessage("r1", "provision", { services: { api: "a:1", web: "w:1" }, migration: "a:2" })).toBe("asc r1 provision: services api=a:1 web=w:1; migration a:2");
  });

  it("GIVEN the DIY backend's lock message THEN the message names the lock file and the fix", () => {
    const detail = "error: the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with `pulumi cancel`.\n  s3://state/.pulumi/locks/organization/asc/dev/1.json: created by bob@ci (pid 7) at 2026-11-21T10:00:00Z";
    expect(lockedMessage("dev", detail)).toBe([
      "The stack dev is locked by another update: s3://state/.pulumi/locks/organization/asc/dev/1.json: created by bob@ci (pid 7) at 2026-11-21T10:00:00Z.",
      "Wait for that update to finish, then run asc again.",
      "If no update is running (a crashed run left the lock behind), remove it with: pulumi cancel --stack dev --yes",
    ].join("\n"));
  });

  it("GIVEN Pulumi Cloud's conflict message THEN the lock is named by that line", () => {
    expect(lockedMessage("prod", "Command failed with exit code 255: pulumi up\nerror: [409] Conflict: Another update is currently in progress.")).toContain("The stack prod is locked by another update: error: [409] Conflict: Another update is currently in progress.\n");
  });
});

describe("planProvision", () => {
  const v1 = { services: { api: "api:1", web: "web:1" }, migration: "api:1" };
  const target = { api: "api:2", web: "web:2" };
  const base = { kind: "deploy" as const, images: target, migrations: "release" as const };
  it.each([
    ["a first deploy (no release)", base, undefined, { images: { services: target, migration: "api:2" }, services: "held" }],
    ["a first rotation (no release)", { ...base, kind: "rotate" as const }, undefined, { images: { services: target, migration: "api:2" }, services: "held" }],
    ["new images on a released stack", base, v1, { images: { services: v1.services, migration: "api:2" }, services: "kept" }],
    ["the released images again (a rotation)", { ...base, images: v1.services }, v1, { images: { services: v1.services, migration: "api:1" }, services: "rolled" }],
    ["--migrations after", { ...base, migrations: "after" as const }, v1, { images: { services: target, migration: "api:2" }, services: "rolled" }],
    ["a rollback without a release", { ...base, kind: "rollback" as const }, undefined, { images: { services: target, migration: "api:2" }, services: "rolled" }],
    ["asc migrate --image", { ...base, kind: "migrate" as const, migrations: "after" as const, migrationImage: "api:3" }, v1, { images: { services: v1.services, migration: "api:3" }, services: "kept" }],
  ])("GIVEN %s THEN the provision update is %j", (_title, plan, previous, expected) => {
    expect(planProvision(plan, previous)).toEqual(expected);
  });
});
