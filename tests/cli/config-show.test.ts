import { runAsc } from "../helpers/cli.js";

describe("asc config show", () => {
  it("GIVEN a flag, an env var and the file THEN each key shows its value and source, and secrets are redacted", async () => {
    const result = await runAsc(["config", "show", "--profile", "aws-staging", "--json", "--set", "services.web.replicas=4"], {
      env: { ASC_SERVICES__API__REPLICAS: "3", ASC_OPENAI_API_KEY: "sk-very-secret-123" },
    });
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as Record<string, { value: unknown; source: string }>;
    expect(rows["services.web.replicas"]).toEqual({ value: 4, source: "flag --set services.web.replicas" });
    expect(rows["services.api.replicas"]).toEqual({ value: 3, source: "env ASC_SERVICES__API__REPLICAS" });
    expect(rows["region"]).toEqual({ value: "eu-west-1", source: "stacks/Pulumi.aws-staging.yaml:7" });
    expect(rows["database.highAvailability"]).toEqual({ value: false, source: "default (staging)" });
    expect(rows["openaiApiKey"]).toEqual({ value: "[secret]", source: "env ASC_OPENAI_API_KEY", state: "set", required: true });
    expect(result.stdout).not.toContain("sk-very-secret-123");
  });

  it("GIVEN a secret passed as --set THEN it is refused without echoing the value", async () => {
    const result = await runAsc(["config", "show", "--profile", "aws-dev", "--set", "openaiApiKey=sk-oops"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("secrets cannot be passed as flags");
    expect(result.stderr).not.toContain("sk-oops");
  });

  it("GIVEN an unknown ASC_ variable THEN it is refused with a suggestion", async () => {
    const result = await runAsc(["config", "show", "--profile", "aws-dev"], { env: { ASC_TEIR: "production" } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("ASC_TEIR: unknown asc variable; did you mean ASC_TIER?");
  });

  it("GIVEN a copy of the shipped profiles WHEN asc profiles THEN each is listed with cloud, tier, region and asc:name", async () => {
    const path = await import("node:path");
    const { REPO_ROOT, tempProject } = await import("../helpers/cli.js");
    const shipped = ["aws-dev", "aws-production", "azure-staging"];
    const cwd = tempProject(Object.fromEntries(shipped.map((p) => [p, { copyFrom: path.join(REPO_ROOT, `stacks/Pulumi.${p}.yaml`) }])));
    const result = await runAsc(["profiles", "--json"], { cwd });
    expect(result).toEqual({ code: 0, stderr: "", stdout: expect.any(String) });
    expect(JSON.parse(result.stdout)).toEqual([
      { profile: "aws-dev", cloud: "aws", tier: "dev", region: "eu-west-1", name: "asc-dev" },
      { profile: "aws-production", cloud: "aws", tier: "production", region: "eu-west-1", name: "asc-prod" },
      { profile: "azure-staging", cloud: "azure", tier: "staging", region: "westeurope", name: "asc-stg" },
    ]);
  });
});

describe("asc policy config", () => {
  it("GIVEN a staging profile with an exemption THEN the pack config carries the tier, enforcement and exemption", async () => {
    const { readFileSync } = await import("node:fs");
    const path = await import("node:path");
    const { tempProject } = await import("../helpers/cli.js");
    const cwd = tempProject({ "aws-staging": { copyFrom: path.join(process.cwd(), "stacks/Pulumi.aws-staging.yaml") } });
    const result = await runAsc(["policy", "config", "--profile", "aws-staging", "--set", 'policyExemptions=[{"policy":"asc-aws-rds-iam-auth","resource":"asc-stg-db-instance","reason":"legacy clients use passwords","expires":"2027-06-30"}]'], { cwd });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("wrote var/policy/aws-staging.json (tier staging, 1 exemption(s))\nrun: pulumi preview -s aws-staging --policy-pack " + path.relative(cwd, path.join(process.cwd(), "policy-pack")) + " --policy-pack-config var/policy/aws-staging.json\n");
    const config = JSON.parse(readFileSync(path.join(cwd, "var/policy/aws-staging.json"), "utf8"));
    expect(config["asc-aws-rds-iam-auth"]).toEqual({ enforcementLevel: "advisory", tier: "staging", exposeApi: true, browserUploads: false, exemptions: [{ policy: "asc-aws-rds-iam-auth", resource: "asc-stg-db-instance", reason: "legacy clients use passwords", expires: "2027-06-30" }] });
    expect(config["asc-aws-rds-not-public"]).toMatchObject({ enforcementLevel: "mandatory", exemptions: [] });
  });
});

describe("asc config show: images from the stack's release", () => {
  const V1 = { api: "ghcr.io/acme/api:v1", web: "ghcr.io/acme/web:v1" };
  const profile = (api: string) => `config:\n  asc:cloud: aws\n  asc:tier: dev\n  asc:region: eu-west-1\n  asc:name: app\n  asc:images:\n    api: ${api}\n    web: ${V1.web}\n  asc:devOverrides:\n    httpOnly: true\n`;

  it("GIVEN a released stack and an edited asc:images.api WHEN shown THEN images come from the release and the edit is not applied", async () => {
    const { awsStackOutputs, fakePulumiWorld } = await import("../helpers/fake-pulumi/world.js");
    const w = fakePulumiWorld({ "aws-dev": profile("ghcr.io/acme/api:v2") });
    w.seedStack("aws-dev", awsStackOutputs({ release: V1 }));
    const json = await w.run(["config", "show", "--profile", "aws-dev", "--json"]);
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.stdout);
    expect(rows["images.api"]).toEqual({
      value: V1.api,
      source: "stack aws-dev: release output",
      notApplied: { value: "ghcr.io/acme/api:v2", source: "stacks/Pulumi.aws-dev.yaml:7", message: `asc:images.api ghcr.io/acme/api:v2 in the profile is not applied: the stack's release runs ${V1.api} (release it with asc deploy --image api=ghcr.io/acme/api:v2)` },
    });
    expect(rows["images.web"]).toEqual({ value: V1.web, source: "stack aws-dev: release output" });
    const text = await w.run(["config", "show", "--profile", "aws-dev"]);
    expect(text.stdout).toMatch(/asc:images\.api +"ghcr\.io\/acme\/api:v1" +stack aws-dev: release output/);
    expect(text.stdout).toContain("not applied: asc:images.api ghcr.io/acme/api:v2 in the profile is not applied");
    // Reading the release takes no update and no preview.
    expect(w.commands().filter((c) => c === "up" || c === "preview")).toEqual([]);
  });

  it("GIVEN --image api=… WHEN shown THEN that image is the one the next deploy releases", async () => {
    const { awsStackOutputs, fakePulumiWorld } = await import("../helpers/fake-pulumi/world.js");
    const w = fakePulumiWorld({ "aws-dev": profile(V1.api) });
    w.seedStack("aws-dev", awsStackOutputs({ release: V1 }));
    const rows = JSON.parse((await w.run(["config", "show", "--profile", "aws-dev", "--json", "--image", "api=ghcr.io/acme/api:v3"])).stdout);
    expect(rows["images.api"]).toEqual({ value: "ghcr.io/acme/api:v3", source: `flag --image api (the next asc deploy releases it; the stack runs ${V1.api})` });
  });

  it("GIVEN a stack not deployed yet, or --offline THEN the profile's images show, saying why", async () => {
    const { fakePulumiWorld } = await import("../helpers/fake-pulumi/world.js");
    const w = fakePulumiWorld({ "aws-dev": profile(V1.api) });
    const missing = JSON.parse((await w.run(["config", "show", "--profile", "aws-dev", "--json"])).stdout);
    expect(missing["images.api"]).toEqual({ value: V1.api, source: "stacks/Pulumi.aws-dev.yaml:7 (seeds the first release: the stack does not exist on the current backend)" });
    // No Pulumi CLI at all (PATH without the fake): the images are the profile's, and the output says the release was not read.
    const noCli = await w.run(["config", "show", "--profile", "aws-dev"], { env: { PATH: "/nonexistent" } });
    expect(noCli.code).toBe(0);
    expect(noCli.stdout).toContain("images: the stack's release was not read (The Pulumi CLI was not found); pass --offline to skip it");
    const offline = await w.run(["config", "show", "--profile", "aws-dev", "--json", "--offline"]);
    expect(JSON.parse(offline.stdout)["images.api"]).toEqual({ value: V1.api, source: "stacks/Pulumi.aws-dev.yaml:7 (the stack was not read: --offline)" });
  });
});
