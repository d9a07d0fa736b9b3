/**
 * The Pulumi entry point (`pulumi up -s <profile>` runs dist/program.js's default export): it resolves the profile from
 * Pulumi's runtime config, where the engine has already decrypted secrets and structured values arrive as JSON.
 */
import * as pulumi from "@pulumi/pulumi";
import main from "../src/program.js";
import { captureGraph, type GraphCapture } from "../src/preview/graph-capture.js";
import { offlineMocks } from "../src/preview/mocks.js";

const CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/7a6b5c4d-3e2f-1a0b-9c8d-7e6f5a4b3c2d";
const OPENAI = "sk-test-runtime-config-KNOWN-4242";
const STAGING = {
  "asc:cloud": "aws",
  "asc:tier": "staging",
  "asc:region": "eu-west-1",
  "asc:name": "asc-stg",
  "asc:domain": JSON.stringify({ web: "app.example.com", api: "api.example.com", certificateArn: CERT }),
  "asc:images": JSON.stringify({ api: "ghcr.io/acme/api:1.2.3", web: "ghcr.io/acme/web:1.2.3" }),
  "asc:services": JSON.stringify({ api: { cpu: 1, memoryGiB: 2, replicas: 2 } }),
  "aws:region": "eu-west-1",
};

let graph: GraphCapture;
beforeAll(async () => {
  // The engine always names the organization ("organization" on a DIY backend); the program reads its own release by it.
  await pulumi.runtime.setMocks(offlineMocks({ region: "eu-west-1" }), "asc", "aws-staging", false, "organization");
  graph = captureGraph();
});

describe("the Pulumi program's entry point", () => {
  it("GIVEN the stack config as the engine hands it over THEN the blueprint is built from it and the secret stays secret", async () => {
    pulumi.runtime.setAllConfig({ ...STAGING, "asc:openaiApiKey": OPENAI }, ["asc:openaiApiKey"]);
    const outputs = (await pulumi.runtime.runInPulumiStack(main)) as Record<string, any>;
    await graph.settled();
    expect(outputs.urls).toEqual({ web: "https://app.example.com", api: "https://api.example.com" });
    expect(outputs.release).toEqual({ services: { api: "ghcr.io/acme/api:1.2.3", web: "ghcr.io/acme/web:1.2.3" }, migration: "ghcr.io/acme/api:1.2.3", rotation: {} });
    const apiTask = graph.byName("asc-stg-api-task-definition");
    expect(JSON.parse(String(apiTask.inputs.cpu))).toBe(1024);
    const openai = graph.byName("asc-stg-keys-openai-api-key-version");
    expect(openai.inputs.secretString).toBe("[secret]");
    expect(JSON.stringify(graph.resources)).not.toContain(OPENAI);
  });

  it("GIVEN staging config without the OpenAI key THEN the program stops before any resource with the CLI's message, as a RunError (no stack trace)", async () => {
    graph.reset();
    pulumi.runtime.setAllConfig(STAGING);
    const failure = await main().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(pulumi.RunError);
    expect((failure as Error).message).toMatch(/^Missing secrets\n  ✗ asc:openaiApiKey: is required for OPENAI_API_KEY\n/);
    await graph.settled();
    expect(graph.resources).toEqual([]);
  });

  it("GIVEN a bad value in the stack config THEN the same path, key and fix as the CLI", async () => {
    pulumi.runtime.setAllConfig({ ...STAGING, "asc:services": JSON.stringify({ api: { cpu: 0.25, memoryGiB: 4 } }), "asc:openaiApiKey": OPENAI }, ["asc:openaiApiKey"]);
    const failure = (await main().then(() => undefined, (e: unknown) => e)) as Error;
    expect(failure).toBeInstanceOf(pulumi.RunError);
    expect(failure.message).toContain("✗ asc:services.api: 4 GiB is not allowed with 0.25 vCPU on Fargate");
    expect(failure.message).toContain("fix:     pick an allowed cpu/memoryGiB pair for asc:services.api");
  });

  it("GIVEN aws:profile and aws:assumeRoles in the stack config THEN the explicit provider gets them (it reads no aws:* config itself)", async () => {
    graph.reset();
    const roles = [{ roleArn: "arn:aws:iam::222222222222:role/deployer", externalId: "ext" }];
    pulumi.runtime.setAllConfig({ ...STAGING, "asc:openaiApiKey": OPENAI, "aws:profile": "ops", "aws:assumeRoles": JSON.stringify(roles) }, ["asc:openaiApiKey"]);
    await pulumi.runtime.runInPulumiStack(main);
    await graph.settled();
    const provider = graph.resources.find((r) => r.type === "pulumi:providers:aws")!;
    expect(provider.inputs.profile).toBe("ops");
    expect(JSON.stringify(provider.inputs.assumeRoles)).toContain("arn:aws:iam::222222222222:role/deployer");
  });
});
