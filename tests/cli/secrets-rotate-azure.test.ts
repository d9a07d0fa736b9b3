/**
 * asc secrets rotate on Azure, in-process against the fake pulumi CLI: the Redis password is Azure's access key, so
 * naming redisAuthToken is refused before anything is written or run, and --all-generated leaves it out.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { GENERATED_SECRETS } from "../../src/config/schema.js";
import { unrotatableSecretProblems } from "../../src/cli/lib/rotation.js";
import { fakeServices } from "../helpers/fake-pulumi/fake-services.js";
import { fakePulumiWorld } from "../helpers/fake-pulumi/world.js";

const AZURE_DEV = `# Azure dev profile for tests
config:
  asc:cloud: azure
  asc:tier: dev
  asc:region: westeurope
  asc:name: asc-dev
  asc:images:
    api: ghcr.io/acme/api:v2
    web: ghcr.io/acme/web:v2
  asc:devOverrides:
    keyVaultPurgeProtection: false
`;
const SECRETS = { ASC_OPENAI_API_KEY: "sk-test-openai-KNOWN-0002" };
const profileText = (root: string) => readFileSync(path.join(root, "stacks", "Pulumi.azure-dev.yaml"), "utf8");

describe("asc secrets rotate on Azure", () => {
  it("GIVEN --secret redisAuthToken THEN exit 2 with the reason and the runbook, the file untouched and no pulumi call", async () => {
    const w = fakePulumiWorld({ "azure-dev": AZURE_DEV });
    const { code, stdout, stderr } = await w.run(["secrets", "rotate", "--profile", "azure-dev", "--secret", "redisAuthToken", "--secret", "databasePassword"], { env: SECRETS });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("Refusing to rotate redisAuthToken on the azure profile azure-dev; nothing was changed");
    expect(stderr).toContain("the Redis password is the Managed Redis access key, which Azure generates");
    expect(stderr).toContain('docs/runbooks/secret-rotation.md, "Redis on Azure"');
    expect(stderr).not.toContain("sk-test-openai-KNOWN-0002");
    expect(profileText(w.root)).toBe(AZURE_DEV);
    expect(w.invocations()).toEqual([]);
    expect(w.reports()).toEqual([]);
  });

  it("GIVEN --all-generated on Azure THEN every generated secret but redisAuthToken is bumped, with a note saying so", async () => {
    const w = fakePulumiWorld({ "azure-dev": AZURE_DEV });
    const { services } = fakeServices({ upCount: () => 0 });
    const { stderr } = await w.run(["secrets", "rotate", "--profile", "azure-dev", "--all-generated", "--yes"], { env: SECRETS, services });
    expect(stderr).toContain("--all-generated on azure: redisAuthToken cannot be rotated by epoch there and is left out (docs/runbooks/secret-rotation.md).");
    const rotated = GENERATED_SECRETS.filter((s) => s !== "redisAuthToken");
    expect(profileText(w.root)).toBe(`${AZURE_DEV}  asc:secrets:\n    rotation:\n${rotated.map((s) => `      ${s}: 1\n`).join("")}`);
  });

  it("GIVEN AWS THEN redisAuthToken is rotatable; GIVEN Azure THEN only it is refused", () => {
    expect(unrotatableSecretProblems("aws", ["redisAuthToken"])).toEqual([]);
    expect(unrotatableSecretProblems("azure", ["databasePassword", "redisAuthToken"]).map((p) => [p.path, p.value])).toEqual([["--secret", "redisAuthToken"]]);
  });
});
