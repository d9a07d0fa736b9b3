import { CACHE_TYPE, Cache, managedRedisUrl, resolveCacheArgs, type CacheArgs } from "../../../src/components/azure/cache.js";
import { MOCK_RANDOM_PREFIX } from "../../../src/preview/mocks.js";
import { snapshotGraph } from "../../helpers/graph-snapshot.js";
import { promiseOf, usePulumiMocks } from "../../helpers/pulumi.js";

const mocked = usePulumiMocks({ region: "westeurope" });
const TAGS = { project: "asc" };
const BASE: CacheArgs = {
  resourceGroupName: "rg",
  location: "westeurope",
  size: "medium",
  highAvailability: true,
  privateEndpoint: { subnetId: "/subnets/private-endpoints", privateDnsZoneId: "/zones/privatelink.redis.azure.net" },
  vaultName: "asc-prod-kv",
  tags: TAGS,
};

describe("resolveCacheArgs", () => {
  it("GIVEN a size WHEN resolved THEN its Managed Redis SKU is attached and HA defaults to off", () => {
    const resolved = resolveCacheArgs({ ...BASE, highAvailability: undefined });
    expect([resolved.sku, resolved.highAvailability]).toEqual([{ name: "Balanced_B1" }, false]);
  });

  it("GIVEN HA on the smallest size WHEN resolved THEN it is kept (every Managed Redis SKU has a replica option)", () => {
    expect(resolveCacheArgs({ ...BASE, size: "small" }).highAvailability).toBe(true);
  });
});

describe("Cache", () => {
  it("GIVEN the component WHEN created THEN Managed Redis is TLS-only, private behind a redisEnterprise endpoint, and REDIS_URL is a vault secret", async () => {
    const cache = new Cache("c", BASE);
    const [urn, uri] = await Promise.all([promiseOf(cache.urn), promiseOf(cache.redisUrlSecretUri), promiseOf(cache.hostName)]);
    const graph = await snapshotGraph(mocked.graph);
    expect(graph.byName("c").type).toBe(CACHE_TYPE);
    expect(graph.resources.filter((r) => r.urn !== urn).every((r) => r.parent === urn)).toBe(true);
    expect(graph.byType("azure-native:redis:Redis")).toEqual([]);
    expect(graph.byName("c-cluster").type).toBe("azure-native:redisenterprise:RedisEnterprise");
    expect(graph.byName("c-cluster").inputs).toEqual({
      resourceGroupName: "rg",
      location: "westeurope",
      sku: { name: "Balanced_B1" },
      highAvailability: "Enabled",
      minimumTlsVersion: "1.2",
      publicNetworkAccess: "Disabled",
      tags: TAGS,
    });
    expect(graph.byName("c-database").inputs).toEqual({
      resourceGroupName: "rg",
      clusterName: "c-cluster-mock",
      databaseName: "default",
      clientProtocol: "Encrypted",
      clusteringPolicy: "EnterpriseCluster",
      accessKeysAuthentication: "Enabled",
      port: 10000,
    });
    expect(graph.byName("c-pe").inputs.privateLinkServiceConnections).toEqual([
      {
        name: "redisEnterprise",
        privateLinkServiceId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/redisenterprise/RedisEnterprise/c-cluster-mock",
        groupIds: ["redisEnterprise"],
      },
    ]);
    expect(graph.byName("c-pe-dns").inputs.privateDnsZoneConfigs).toEqual([{ name: "redisEnterprise", privateDnsZoneId: "/zones/privatelink.redis.azure.net" }]);
    const secret = graph.byName("c-redis-url");
    expect(secret.inputs).toEqual({ resourceGroupName: "rg", vaultName: "asc-prod-kv", secretName: "redis-url", properties: { value: "[secret]", contentType: "text/plain" }, tags: TAGS });
    expect(secret.secretInputs).toEqual(["properties"]);
    expect(JSON.stringify(graph.resources)).not.toContain(MOCK_RANDOM_PREFIX);
    expect(uri).toMatch(/^https:\/\/asc-prod-kv\.vault\.azure\.net\/secrets\/redis-url\/[0-9a-f]{32}$/);
    expect([cache.sslPort, cache.redisUrlSecretName]).toEqual([10000, "redis-url"]);
  });

  it("GIVEN HA off WHEN created THEN the cluster says Disabled", async () => {
    const cache = new Cache("u", { ...BASE, highAvailability: false });
    await promiseOf(cache.redisUrlSecretUri);
    const graph = await snapshotGraph(mocked.graph);
    expect(graph.byName("u-cluster").inputs.highAvailability).toBe("Disabled");
  });
});

describe("managedRedisUrl", () => {
  it("GIVEN a base64 access key WHEN REDIS_URL is built THEN it is rediss:// with the percent-encoded key, the host, port 10000 and database 0", () => {
    expect(managedRedisUrl("ab+c/d==", "x.westeurope.redis.azure.net")).toBe("rediss://:ab%2Bc%2Fd%3D%3D@x.westeurope.redis.azure.net:10000/0");
  });
});
