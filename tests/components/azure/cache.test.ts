import { CACHE_TYPE, Cache, resolveCacheArgs, type CacheArgs } from "../../../src/components/azure/cache.js";
import { snapshotGraph } from "../../helpers/graph-snapshot.js";
import { promiseOf, usePulumiMocks } from "../../helpers/pulumi.js";

const mocked = usePulumiMocks({ region: "westeurope" });
const TAGS = { project: "asc" };
const BASE: CacheArgs = {
  resourceGroupName: "rg",
  location: "westeurope",
  size: "medium",
  highAvailability: true,
  privateEndpoint: { subnetId: "/subnets/private-endpoints", privateDnsZoneId: "/zones/privatelink.redis.cache.windows.net" },
  vaultName: "asc-prod-kv",
  tags: TAGS,
};

describe("resolveCacheArgs", () => {
  it("GIVEN a size WHEN resolved THEN its SKU is attached and HA defaults to off", () => {
    const resolved = resolveCacheArgs({ ...BASE, highAvailability: undefined });
    expect([resolved.sku, resolved.highAvailability]).toEqual([{ name: "Standard", family: "C", capacity: 1 }, false]);
  });

  it("GIVEN HA on a Basic size WHEN resolved THEN it throws the exact message", () => {
    expect(() => resolveCacheArgs({ ...BASE, size: "small" })).toThrow('Cache: highAvailability needs a replica, but size "small" is Basic (no replica). Use size "medium" or "large", or turn highAvailability off.');
  });
});

describe("Cache", () => {
  it("GIVEN the component WHEN created THEN Redis is TLS 1.2 only, private behind an endpoint, and REDIS_URL is a vault secret", async () => {
    const cache = new Cache("c", BASE);
    const [urn, uri] = await Promise.all([promiseOf(cache.urn), promiseOf(cache.redisUrlSecretUri), promiseOf(cache.hostName)]);
    const graph = await snapshotGraph(mocked.graph);
    expect(graph.byName("c").type).toBe(CACHE_TYPE);
    expect(graph.resources.filter((r) => r.urn !== urn).every((r) => r.parent === urn)).toBe(true);
    expect(graph.byName("c-redis").inputs).toEqual({
      resourceGroupName: "rg",
      location: "westeurope",
      sku: { name: "Standard", family: "C", capacity: 1 },
      enableNonSslPort: false,
      minimumTlsVersion: "1.2",
      publicNetworkAccess: "Disabled",
      redisVersion: "6",
      disableAccessKeyAuthentication: false, // the SDK's default; REDIS_URL carries the access key
      tags: TAGS,
    });
    expect(graph.byName("c-pe").inputs.privateLinkServiceConnections).toEqual([
      { name: "redisCache", privateLinkServiceId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/redis/Redis/c-redis-mock", groupIds: ["redisCache"] },
    ]);
    expect(graph.byName("c-pe-dns").inputs.privateDnsZoneConfigs).toEqual([{ name: "redisCache", privateDnsZoneId: "/zones/privatelink.redis.cache.windows.net" }]);
    const secret = graph.byName("c-redis-url");
    expect(secret.inputs).toEqual({ resourceGroupName: "rg", vaultName: "asc-prod-kv", secretName: "redis-url", properties: { value: "[secret]", contentType: "text/plain" }, tags: TAGS });
    expect(secret.secretInputs).toEqual(["properties"]);
    expect(uri).toBe("https://asc-prod-kv.vault.azure.net/secrets/redis-url");
    expect([cache.sslPort, cache.redisUrlSecretName]).toEqual([6380, "redis-url"]);
  });
});
