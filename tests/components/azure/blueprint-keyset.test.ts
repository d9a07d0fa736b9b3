/**
 * The Azure blueprint seeds the signing keyset: the Key Vault keyset secret's first value is an Ed25519 keyset in the
 * app's format (keys.py at 50548aa, see src/components/shared/keyset.ts), and Pulumi never writes it again.
 */
import { createPrivateKey, createPublicKey } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { AzureBlueprint } from "../../../src/components/azure/blueprint.js";
import { azureConfig } from "../../helpers/azure-config.js";
import { snapshotGraph } from "../../helpers/graph-snapshot.js";
import { promiseOf, unwrapSecret, usePulumiMocks } from "../../helpers/pulumi.js";

const plaintext = new Map<string, Record<string, unknown>>();
const mocked = usePulumiMocks({ region: "westeurope", onNewResource: (args) => plaintext.set(args.name, args.inputs) });

describe("AzureBlueprint keyset seed", () => {
  it("GIVEN a production stack WHEN built THEN the keyset secret starts with one active Ed25519 key in the app's format, ignored by Pulumi afterwards", async () => {
    const blueprint = new AzureBlueprint("asc-prod", { config: azureConfig("production"), profile: "azure-production", operatorSecrets: { OPENAI_API_KEY: pulumi.secret("sk-x"), STRIPE_SECRET_KEY: pulumi.secret("sk_test"), STRIPE_WEBHOOK_SECRET: pulumi.secret("whsec") } });
    const outputs = (await promiseOf(pulumi.output(blueprint.outputs))) as unknown as Record<string, unknown>;
    const graph = await snapshotGraph(mocked.graph);

    const keysetSecret = graph.byName("asc-prod-vault-keyset");
    expect([keysetSecret.inputs.secretName, keysetSecret.ignoreChanges, keysetSecret.secretInputs]).toEqual(["auth-keyset", ["properties.value"], ["properties"]]);
    const keyset = JSON.parse((unwrapSecret(plaintext.get("asc-prod-vault-keyset")?.properties) as { value: string }).value);
    expect(Object.keys(keyset).sort()).toEqual(["active", "next", "schema_version"]);
    expect([keyset.schema_version, keyset.next, keyset.active.not_after]).toEqual([1, null, null]);
    expect(keyset.active.kid).toMatch(/^ed25519-[0-9a-f]{12}$/);
    expect(keyset.active.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
    const privateKey = createPrivateKey(keyset.active.private_key);
    expect(privateKey.asymmetricKeyType).toBe("ed25519");
    expect(keyset.active.public_jwk).toEqual({ kty: "OKP", crv: "Ed25519", kid: keyset.active.kid, x: createPublicKey(privateKey).export({ format: "jwk" }).x, use: "sig", alg: "EdDSA" });

    expect(outputs.keysetSeeded).toBe(true);
    expect(JSON.stringify(graph.resources) + JSON.stringify(outputs)).not.toContain("PRIVATE KEY");
  });
});
