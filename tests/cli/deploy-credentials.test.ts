/**
 * The cloud credential is proven in validate, before anything changes: with the stack config Pulumi's provider
 * reads (aws:profile, aws:assumeRoles from the profile file), and a credential that gets no identity stops the run
 * with exit 2 and no `up`. The credential check itself is a fake here (no cloud); tests/deploy/credentials runs the
 * real one against a fake STS.
 */
import { fakeServices } from "../helpers/fake-pulumi/fake-services.js";
import { awsStackOutputs, fakePulumiWorld } from "../helpers/fake-pulumi/world.js";

const PROFILE = `config:
  aws:profile: ops
  aws:assumeRoles:
    - roleArn: arn:aws:iam::222222222222:role/deployer
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
const SECRETS = { ASC_OPENAI_API_KEY: "sk-test-openai-KNOWN-0001" };

function world() {
  const w = fakePulumiWorld({ "aws-dev": PROFILE });
  w.seedStack("aws-dev", awsStackOutputs({ release: { api: "ghcr.io/acme/api:v1", web: "ghcr.io/acme/web:v1" } }));
  w.setUpOutputs(awsStackOutputs({ release: { api: "ghcr.io/acme/api:v2", web: "ghcr.io/acme/web:v2" }, taskRevision: 8 }));
  return w;
}

describe("asc deploy proves its cloud credential before anything changes", () => {
  it("GIVEN aws:profile and aws:assumeRoles in the profile THEN the check receives them, before the first up", async () => {
    const w = world();
    const { services, calls } = fakeServices({ upCount: () => w.commands().filter((c) => c === "up").length });
    const result = await w.run(["deploy", "--profile", "aws-dev"], { env: SECRETS, services });
    expect(result.code).toBe(0);
    expect(calls.sessions).toEqual([{ cloud: "aws", region: "eu-west-1", stackConfig: { "aws:profile": "ops", "aws:assumeRoles": '[{"roleArn":"arn:aws:iam::222222222222:role/deployer"}]' } }]);
    expect(result.stdout).toContain("cloud credentials: arn:aws:sts::123456789012:assumed-role/deployer/asc");
  });

  it("GIVEN credentials that get no identity THEN exit 2 in validate, no up, no migration", async () => {
    const w = world();
    const { services, calls } = fakeServices({ upCount: () => 0, credentials: "fail" });
    const result = await w.run(["deploy", "--profile", "aws-dev"], { env: SECRETS, services });
    expect(result.code).toBe(2);
    expect(w.commands()).not.toContain("up");
    expect(calls.migrations).toEqual([]);
    const report = w.reports()[0].json;
    expect(report.phases.map((p: { name: string; result: string }) => `${p.name}:${p.result}`)[0]).toBe("validate:failed");
    expect(result.stdout + result.stderr).toContain("STS GetCallerIdentity failed");
  });

  it("GIVEN an empty PULUMI_CONFIG_PASSPHRASE for a passphrase stack THEN exit 2 before the stack is opened, no up", async () => {
    const w = world();
    const { services } = fakeServices({ upCount: () => 0 });
    const result = await w.run(["deploy", "--profile", "aws-dev"], { env: { ...SECRETS, PULUMI_CONFIG_PASSPHRASE: "" }, services });
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toContain("PULUMI_CONFIG_PASSPHRASE: is set but empty");
    expect(w.commands()).not.toContain("up");
    expect(w.commands()).not.toContain("stack select");
  });

  it("GIVEN asc:pulumiOrganization THEN every CLI call selects the fully qualified stack <org>/<project>/<profile>", async () => {
    const w = fakePulumiWorld({ "aws-dev": PROFILE.replace("  asc:cloud: aws", "  asc:pulumiOrganization: acme\n  asc:cloud: aws") });
    w.seedStack("acme/asc/aws-dev", awsStackOutputs({ release: { api: "ghcr.io/acme/api:v1", web: "ghcr.io/acme/web:v1" } }));
    w.setUpOutputs(awsStackOutputs({ release: { api: "ghcr.io/acme/api:v2", web: "ghcr.io/acme/web:v2" }, taskRevision: 8 }));
    const { services } = fakeServices({ upCount: () => w.commands().filter((c) => c === "up").length });
    const result = await w.run(["deploy", "--profile", "aws-dev"], { env: SECRETS, services });
    expect(result.code).toBe(0);
    const stacks = new Set(w.invocations().flatMap((i) => (i.argv.includes("--stack") ? [i.argv[i.argv.indexOf("--stack") + 1]] : [])));
    expect([...stacks]).toEqual(["acme/asc/aws-dev"]);
  });
});
