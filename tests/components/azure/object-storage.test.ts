import { OBJECT_STORAGE_TYPE, ObjectStorage, resolveObjectStorageArgs, type ObjectStorageArgs } from "../../../src/components/azure/object-storage.js";
import { snapshotGraph } from "../../helpers/graph-snapshot.js";
import { promiseOf, usePulumiMocks } from "../../helpers/pulumi.js";

const mocked = usePulumiMocks({ region: "westeurope" });
const TAGS = { project: "asc" };
const BASE: ObjectStorageArgs = {
  resourceGroupName: "rg",
  location: "westeurope",
  accountName: "ascprodfiles",
  redundancy: "Standard_GRS",
  corsOrigins: ["https://app.example.com", "https://admin.example.com"],
  softDeleteDays: 30,
  privateEndpoint: { subnetId: "/subnets/private-endpoints", privateDnsZoneId: "/zones/privatelink.blob.core.windows.net" },
  tags: TAGS,
};

describe("resolveObjectStorageArgs", () => {
  it("GIVEN no options WHEN resolved THEN LRS, an `app` container and 7 days of soft delete apply", () => {
    const { redundancy, containerName, softDeleteDays } = resolveObjectStorageArgs({ ...BASE, redundancy: undefined, softDeleteDays: undefined });
    expect({ redundancy, containerName, softDeleteDays }).toEqual({ redundancy: "Standard_LRS", containerName: "app", softDeleteDays: 7 });
  });

  it.each<[Partial<ObjectStorageArgs>, string]>([
    [{ accountName: "Asc_Files" }, 'ObjectStorage accountName: "Asc_Files" is not a storage account name; allowed: 3-24 lowercase letters and digits.'],
    [{ containerName: "A" }, 'ObjectStorage containerName: "A" is not a blob container name; allowed: 3-63 lowercase letters, digits and single hyphens.'],
    [{ softDeleteDays: 0 }, "ObjectStorage softDeleteDays: 0 is out of range; Blob soft delete keeps whole days from 1 to 365."],
  ])("GIVEN %j WHEN resolved THEN it throws the exact message", (overrides, message) => {
    expect(() => resolveObjectStorageArgs({ ...BASE, ...overrides })).toThrow(message);
  });
});

describe("ObjectStorage", () => {
  it("GIVEN publicBlobEndpoint (browser uploads) THEN the Blob endpoint takes internet traffic, still keyless and not anonymous", async () => {
    const storage = new ObjectStorage("u", { ...BASE, publicBlobEndpoint: true });
    await promiseOf(storage.blobEndpoint);
    const graph = await snapshotGraph(mocked.graph);
    expect(graph.byName("u-account").inputs).toMatchObject({
      publicNetworkAccess: "Enabled",
      networkRuleSet: { defaultAction: "Allow", bypass: "AzureServices" },
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: false,
    });
  });

  it("GIVEN the component WHEN created THEN the account is TLS 1.2, HTTPS only, keyless, not public, and reachable only through a blob private endpoint", async () => {
    const storage = new ObjectStorage("s", BASE);
    const [urn, endpoint, container] = await Promise.all([promiseOf(storage.urn), promiseOf(storage.blobEndpoint), promiseOf(storage.containerName)]);
    const graph = await snapshotGraph(mocked.graph);
    expect(graph.byName("s").type).toBe(OBJECT_STORAGE_TYPE);
    expect(graph.resources.filter((r) => r.urn !== urn).every((r) => r.parent === urn)).toBe(true);
    expect(graph.byName("s-account").inputs).toEqual({
      resourceGroupName: "rg",
      accountName: "ascprodfiles",
      location: "westeurope",
      kind: "StorageV2",
      sku: { name: "Standard_GRS" },
      accessTier: "Hot",
      minimumTlsVersion: "TLS1_2",
      enableHttpsTrafficOnly: true,
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: false,
      defaultToOAuthAuthentication: true,
      allowCrossTenantReplication: false,
      publicNetworkAccess: "Disabled",
      networkRuleSet: { defaultAction: "Deny", bypass: "AzureServices" },
      tags: TAGS,
    });
    expect(graph.byName("s-blob-service").inputs).toEqual({
      resourceGroupName: "rg",
      accountName: "ascprodfiles",
      blobServicesName: "default",
      isVersioningEnabled: true,
      deleteRetentionPolicy: { enabled: true, days: 30 },
      containerDeleteRetentionPolicy: { enabled: true, days: 30 },
      cors: {
        corsRules: [{ allowedOrigins: ["https://app.example.com", "https://admin.example.com"], allowedMethods: ["PUT", "GET", "HEAD"], allowedHeaders: ["*"], exposedHeaders: ["ETag"], maxAgeInSeconds: 3600 }],
      },
    });
    expect(graph.byName("s-container").inputs).toEqual({ resourceGroupName: "rg", accountName: "ascprodfiles", containerName: "app", publicAccess: "None" });
    expect(graph.byName("s-container").dependencies).toContain(graph.byName("s-blob-service").urn);
    expect(graph.byName("s-pe").inputs.privateLinkServiceConnections).toEqual([
      { name: "blob", privateLinkServiceId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/storage/StorageAccount/ascprodfiles", groupIds: ["blob"] },
    ]);
    expect(graph.byName("s-pe-dns").inputs.privateDnsZoneConfigs).toEqual([{ name: "blob", privateDnsZoneId: "/zones/privatelink.blob.core.windows.net" }]);
    expect([endpoint, container]).toEqual(["https://ascprodfiles.blob.core.windows.net/", "app"]);
  });
});
