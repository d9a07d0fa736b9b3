import * as pulumi from "@pulumi/pulumi";
import { KEYSET_SECRET_NAME, KEY_VAULT_TYPE, KeyVault, SIGNING_SECRET_NAME, resolveKeyVaultArgs, type KeyVaultArgs } from "../../../src/components/azure/key-vault.js";
import { buildEd25519Keyset, serializeKeyset } from "../../../src/components/shared/keyset.js";
import { MOCK_RANDOM_PREFIX } from "../../../src/preview/mocks.js";
import { snapshotGraph, type GraphSnapshot } from "../../helpers/graph-snapshot.js";
import { promiseOf, unwrapSecret, usePulumiMocks } from "../../helpers/pulumi.js";

const plaintext = new Map<string, Record<string, unknown>>();
const mocked = usePulumiMocks({ region: "westeurope", onNewResource: (args) => plaintext.set(args.name, args.inputs) });
const SEED = serializeKeyset(buildEd25519Keyset({ kid: "ed25519-0123456789ab", now: new Date("2026-12-05T16:00:00Z") }));
const TAGS = { project: "asc", tier: "production" };
const OPENAI_VALUE = "sk-operator-known-value-4242";
const BASE: KeyVaultArgs = {
  resourceGroupName: "rg",
  location: "westeurope",
  vaultName: "asc-prod-kv",
  tenantId: "tenant-1",
  privateEndpoint: { subnetId: "/subnets/private-endpoints", privateDnsZoneId: "/zones/privatelink.vaultcore.azure.net" },
  generated: [
    { variable: "SECRET_KEY", epoch: 0 },
    { variable: "AUTH_PASSWORD_PEPPER", epoch: 3 },
  ],
  operatorSecrets: { OPENAI_API_KEY: pulumi.secret(OPENAI_VALUE) },
  signingSecretEpoch: 2,
  keysetSeed: pulumi.secret(SEED),
  tags: TAGS,
};
/** The versioned URI the contract references (a new value, a new version). */
const SECRET_URI = (name: string) => expect.stringMatching(new RegExp(`^https://asc-prod-kv\\.vault\\.azure\\.net/secrets/${name}/[0-9a-f]{32}$`));

async function build(name: string, overrides: Partial<KeyVaultArgs> = {}): Promise<{ vault: KeyVault; urn: string; graph: GraphSnapshot }> {
  const vault = new KeyVault(name, { ...BASE, ...overrides });
  const [urn] = await Promise.all([promiseOf(vault.urn), promiseOf(vault.vaultUri), promiseOf(vault.keysetSecretId), promiseOf(vault.signingSecretId), ...Object.values(vault.secretUris).map((o) => promiseOf(o!))]);
  return { vault, urn, graph: await snapshotGraph(mocked.graph) };
}

describe("resolveKeyVaultArgs", () => {
  it("GIVEN no options WHEN resolved THEN purge protection is on, the vault private, and the signing epoch 0", () => {
    const { purgeProtection, publicNetworkAccess, signingSecretEpoch, tags } = resolveKeyVaultArgs({ ...BASE, signingSecretEpoch: undefined, tags: undefined });
    expect({ purgeProtection, publicNetworkAccess, signingSecretEpoch, tags }).toEqual({ purgeProtection: true, publicNetworkAccess: false, signingSecretEpoch: 0, tags: {} });
  });

  it.each<[string, Partial<KeyVaultArgs>, string]>([
    ["a vault name that is too long", { vaultName: "a-vault-name-that-is-far-too-long" }, 'KeyVault vaultName: "a-vault-name-that-is-far-too-long" is not a Key Vault name; allowed: 3-24 letters, digits and single hyphens, starting with a letter.'],
    ["a variable generated twice", { generated: [{ variable: "SECRET_KEY", epoch: 0 }, { variable: "SECRET_KEY", epoch: 1 }] }, "KeyVault generated: SECRET_KEY is listed twice; list each generated secret once."],
    ["a fractional epoch", { generated: [{ variable: "SECRET_KEY", epoch: 0.5 }] }, "KeyVault generated SECRET_KEY: epoch 0.5 is not a non-negative integer; bump epochs by whole numbers from 0."],
    ["a variable both generated and supplied", { generated: [{ variable: "OPENAI_API_KEY", epoch: 0 }] }, "KeyVault: OPENAI_API_KEY is both generated and operator-supplied; keep it in only one of generated and operatorSecrets."],
    ["a negative signing epoch", { signingSecretEpoch: -1 }, "KeyVault signingSecretEpoch: -1 is not a non-negative integer; bump epochs by whole numbers from 0."],
  ])("GIVEN %s WHEN resolved THEN it throws the exact message", (_label, overrides, message) => {
    expect(() => resolveKeyVaultArgs({ ...BASE, ...overrides })).toThrow(message);
  });
});

describe("KeyVault (production defaults)", () => {
  let built: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    built = await build("kv");
  });

  it("GIVEN the component WHEN created THEN the vault uses RBAC, soft delete for 90 days, purge protection, and no public network access", () => {
    const { graph, urn } = built;
    expect(graph.byName("kv").type).toBe(KEY_VAULT_TYPE);
    expect(graph.byName("kv-vault")).toMatchObject({ type: "azure-native:keyvault:Vault", parent: urn });
    expect(graph.byName("kv-vault").inputs).toEqual({
      resourceGroupName: "rg",
      vaultName: "asc-prod-kv",
      location: "westeurope",
      properties: {
        tenantId: "tenant-1",
        sku: { family: "A", name: "standard" },
        enableRbacAuthorization: true,
        enableSoftDelete: true,
        softDeleteRetentionInDays: 90,
        enablePurgeProtection: true,
        publicNetworkAccess: "Disabled",
        networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
        // The SDK's defaults: the vault serves no VMs, disk encryption or ARM template deployments.
        enabledForDeployment: false,
        enabledForDiskEncryption: false,
        enabledForTemplateDeployment: false,
      },
      tags: TAGS,
    });
    expect(graph.resources.filter((r) => r.urn !== urn).every((r) => r.parent === urn)).toBe(true);
  });

  it("GIVEN the component WHEN created THEN a private endpoint in the endpoints subnet registers the vault in the vaultcore zone", () => {
    const { graph } = built;
    expect(graph.byName("kv-pe").inputs).toEqual({
      resourceGroupName: "rg",
      location: "westeurope",
      // The subnet policies are the SDK's defaults for a subnet reference.
      subnet: { id: "/subnets/private-endpoints", privateEndpointNetworkPolicies: "Disabled", privateLinkServiceNetworkPolicies: "Enabled" },
      privateLinkServiceConnections: [{ name: "vault", privateLinkServiceId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/keyvault/Vault/asc-prod-kv", groupIds: ["vault"] }],
      tags: TAGS,
    });
    expect(graph.byName("kv-pe-dns").inputs).toEqual({
      resourceGroupName: "rg",
      privateEndpointName: "kv-pe-mock",
      privateDnsZoneGroupName: "default",
      privateDnsZoneConfigs: [{ name: "vault", privateDnsZoneId: "/zones/privatelink.vaultcore.azure.net" }],
    });
  });

  it("GIVEN generated and operator secrets WHEN stored THEN each is a named vault secret whose value is secret, generated ones keyed by their epoch", async () => {
    const { graph, vault } = built;
    expect(graph.byName("kv-auth-password-pepper-random").inputs).toEqual({ length: 64, special: false, keepers: { epoch: "3" } });
    expect(graph.byName("kv-signing-secret-random").inputs).toEqual({ length: 64, special: false, keepers: { epoch: "2" } });
    for (const [logical, secretName] of [["kv-secret-key", "secret-key"], ["kv-auth-password-pepper", "auth-password-pepper"], ["kv-openai-api-key", "openai-api-key"], ["kv-signing-secret", SIGNING_SECRET_NAME]]) {
      const secret = graph.byName(logical);
      expect(secret.type).toBe("azure-native:keyvault:Secret");
      expect(secret.inputs).toEqual({ resourceGroupName: "rg", vaultName: "asc-prod-kv", secretName, properties: { value: "[secret]", contentType: "text/plain" }, tags: TAGS });
      expect(secret.secretInputs).toEqual(["properties"]);
    }
    expect(graph.byName("kv-secret-key").propertyDependencies.properties).toEqual([graph.byName("kv-secret-key-random").urn]);
    expect(await promiseOf(vault.secretUris.SECRET_KEY!)).toEqual(SECRET_URI("secret-key"));
    expect(await promiseOf(vault.secretUris.OPENAI_API_KEY!)).toEqual(SECRET_URI("openai-api-key"));
    expect(vault.secretNames).toEqual({ SECRET_KEY: "secret-key", AUTH_PASSWORD_PEPPER: "auth-password-pepper", OPENAI_API_KEY: "openai-api-key" });
    expect(await promiseOf(vault.vaultUri)).toBe("https://asc-prod-kv.vault.azure.net/");
  });

  it("GIVEN a keyset seed WHEN stored THEN the secret holds exactly the seed, as a secret, and Pulumi ignores its value afterwards", () => {
    const { graph, vault } = built;
    expect((unwrapSecret(plaintext.get("kv-keyset")?.properties) as { value: string }).value).toBe(SEED);
    const keyset = graph.byName("kv-keyset");
    expect(keyset.inputs).toEqual({ resourceGroupName: "rg", vaultName: "asc-prod-kv", secretName: KEYSET_SECRET_NAME, properties: { value: "[secret]", contentType: "text/plain" }, tags: TAGS });
    expect(keyset.ignoreChanges).toEqual(["properties.value"]);
    expect([vault.keysetSecretName, vault.signingSecretName]).toEqual(["auth-keyset", "auth-signing-secret"]);
  });

  it("GIVEN an operator secret and random values WHEN created THEN no value appears anywhere in the graph", () => {
    const dump = JSON.stringify(built.graph.resources) + JSON.stringify([...mocked.graph.componentOutputs.values()]);
    expect(dump).not.toContain(OPENAI_VALUE);
    expect(dump).not.toContain(MOCK_RANDOM_PREFIX);
  });
});

describe("KeyVault (dev overrides)", () => {
  it("GIVEN purge protection off and public access on WHEN created THEN enablePurgeProtection is left out (Azure refuses false) and the vault allows public traffic", async () => {
    const { graph } = await build("kvdev", { purgeProtection: false, publicNetworkAccess: true });
    const properties = graph.byName("kvdev-vault").inputs.properties as Record<string, unknown>;
    expect(properties).not.toHaveProperty("enablePurgeProtection");
    expect(properties.publicNetworkAccess).toBe("Enabled");
    expect(properties.networkAcls).toEqual({ defaultAction: "Allow", bypass: "AzureServices" });
  });
});
