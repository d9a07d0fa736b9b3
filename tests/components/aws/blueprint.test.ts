/**
 * AwsBlueprint end to end under mocks: what the whole blueprint wires between its children (the keyset seed, the
 * order of the services, the web's internal route to the api). Each config is built once in beforeAll.
 */
import * as pulumi from "@pulumi/pulumi";
import { AwsBlueprint, type AwsBlueprintArgs } from "../../../src/components/aws/blueprint.js";
import type { BlueprintConfig } from "../../../src/config/schema.js";
import { testConfig } from "../../helpers/config.js";
import { snapshotGraph, type GraphSnapshot } from "../../helpers/graph-snapshot.js";
import { promiseOf, usePulumiMocks } from "../../helpers/pulumi.js";

const mocked = usePulumiMocks({ region: "eu-west-1" });

interface Built {
  readonly graph: GraphSnapshot;
  readonly outputs: Record<string, unknown>;
}

async function build(config: BlueprintConfig, extra: Partial<AwsBlueprintArgs> = {}): Promise<Built> {
  mocked.graph.reset();
  const blueprint = new AwsBlueprint(config.name, { config, profile: "aws-test", operatorSecrets: { OPENAI_API_KEY: pulumi.secret("sk-test-openai-0000") }, ...extra });
  const outputs = (await promiseOf(pulumi.output(blueprint.outputs))) as unknown as Record<string, unknown>;
  return { graph: await snapshotGraph(mocked.graph), outputs };
}

const SEED_TYPE = "aws:secretsmanager/secretVersion:SecretVersion";

let seeded: Built;
let unseeded: Built;
beforeAll(async () => {
  seeded = await build(testConfig({ name: "bpx" }));
  unseeded = await build(testConfig({ name: "bpx" }), { seedKeyset: false });
});

describe("AwsBlueprint keyset seed", () => {
  it("GIVEN the default seedKeyset (true) WHEN built THEN the keyset secret gets one secret seed version, ignored on later ups and retained on delete", () => {
    const seed = seeded.graph.byName("bpx-keys-keyset-seed");
    expect(seed.type).toBe(SEED_TYPE);
    expect(seed.inputs).toEqual({ secretId: "bpx-keys-keyset-id", secretString: "[secret]" });
    expect(seed.ignoreChanges).toEqual(["secretString"]);
    expect(seed.retainOnDelete).toBe(true);
    expect(seeded.outputs.keysetSeeded).toBe(true);
  });

  it("GIVEN seedKeyset false (the stack already seeded) WHEN built THEN no version is registered for the keyset, the secret stays, and keysetSeeded stays true", () => {
    expect(unseeded.graph.resources.filter((r) => r.name === "bpx-keys-keyset-seed")).toEqual([]);
    expect(unseeded.graph.byType(SEED_TYPE).map((v) => v.inputs.secretId)).not.toContain("bpx-keys-keyset-id");
    expect(unseeded.graph.byName("bpx-keys-keyset").type).toBe("aws:secretsmanager/secret:Secret");
    expect(unseeded.outputs.keysetSeeded).toBe(true);
  });
});
