import * as pulumi from "@pulumi/pulumi";
import { promiseOf, usePulumiMocks } from "../../helpers/pulumi.js";
import { MOCK_RANDOM_PREFIX, mockRandomValue } from "../../../src/preview/mocks.js";
import { Cache, CACHE_TYPE, resolveCacheArgs, type CacheArgs } from "../../../src/components/aws/cache.js";

const mocked = usePulumiMocks({ region: "eu-west-1" });

const KMS = "arn:aws:kms:eu-west-1:123456789012:key/cache-key";
const TAGS = { project: "asc", profile: "test", tier: "staging", "managed-by": "asc" };

const baseArgs: CacheArgs = {
  subnetIds: ["subnet-a", "subnet-b"],
  securityGroupId: "sg-cache",
  kmsKeyArn: KMS,
  size: "small",
  engineVersion: "7.1",
  highAvailability: true,
  authTokenEpoch: 0,
  tags: TAGS,
};

async function build(name: string, overrides: Partial<CacheArgs> = {}): Promise<Cache> {
  const cache = new Cache(name, { ...baseArgs, ...overrides });
  await Promise.all([promiseOf(cache.redisUrlSecretArn), promiseOf(cache.primaryEndpointAddress)]);
  await new Promise((r) => setTimeout(r, 50));
  return cache;
}

/** The plaintext the mock provider received for a secret, read from the mock monitor (never from the captured graph). */
function storedSecretString(resourceName: string): string {
  const monitor = pulumi.runtime.getMonitor() as unknown as { getRegisteredResources(): Map<string, { state: Record<string, any> }> };
  const hit = [...monitor.getRegisteredResources()].find(([urn]) => urn.endsWith(`::${resourceName}`));
  if (!hit) throw new Error(`no registered resource ${resourceName}`);
  return hit[1].state.secretString.value;
}

describe("resolveCacheArgs", () => {
  it.each<[string, Partial<CacheArgs>, { snapshotRetentionDays: number; numCacheClusters: number; automaticFailover: boolean }]>([
    ["HA on, retention unset", { highAvailability: true }, { snapshotRetentionDays: 7, numCacheClusters: 2, automaticFailover: true }],
    ["HA off, retention unset", { highAvailability: false }, { snapshotRetentionDays: 0, numCacheClusters: 1, automaticFailover: false }],
    ["HA on, retention 1", { highAvailability: true, snapshotRetentionDays: 1 }, { snapshotRetentionDays: 1, numCacheClusters: 2, automaticFailover: true }],
    ["HA off, retention 3", { highAvailability: false, snapshotRetentionDays: 3 }, { snapshotRetentionDays: 3, numCacheClusters: 1, automaticFailover: false }],
    ["HA on, retention explicitly undefined", { highAvailability: true, snapshotRetentionDays: undefined }, { snapshotRetentionDays: 7, numCacheClusters: 2, automaticFailover: true }],
  ])("GIVEN %s WHEN resolved THEN retention, node count and failover follow", (_, overrides, expected) => {
    expect(resolveCacheArgs({ ...baseArgs, ...overrides })).toMatchObject(expected);
  });

  it.each<[CacheArgs["size"], string]>([
    ["small", "cache.t4g.small"],
    ["medium", "cache.t4g.medium"],
    ["large", "cache.m7g.large"],
  ])("GIVEN size %s WHEN resolved THEN the node type is %s", (size, nodeType) => {
    expect(resolveCacheArgs({ ...baseArgs, size }).nodeType).toBe(nodeType);
  });

  it("GIVEN no secretRecoveryWindowDays WHEN resolved THEN it defaults to 30", () => {
    expect(resolveCacheArgs(baseArgs).secretRecoveryWindowDays).toBe(30);
  });

  it.each<[string, Partial<CacheArgs>, string]>([
    ["retention above 35", { snapshotRetentionDays: 36 }, "Cache: snapshotRetentionDays is 36; ElastiCache keeps 0 to 35 whole days. Pick a value in that range, or leave it unset."],
    ["a negative retention", { snapshotRetentionDays: -1 }, "Cache: snapshotRetentionDays is -1; ElastiCache keeps 0 to 35 whole days. Pick a value in that range, or leave it unset."],
    ["a fractional epoch", { authTokenEpoch: 1.5 }, "Cache: authTokenEpoch is 1.5; it must be a whole number of 0 or more. Bump it by one to rotate the token."],
  ])("GIVEN %s WHEN resolved THEN it throws with the allowed values", (_, overrides, message) => {
    expect(() => resolveCacheArgs({ ...baseArgs, ...overrides })).toThrow(message);
  });
});

describe("Cache", () => {
  it("GIVEN HA WHEN built THEN the subnet group, token and replication group get exact inputs under the component", async () => {
    await build("cache", { authTokenEpoch: 2 });
    const { graph } = mocked;
    const component = graph.byName("cache");
    expect(component.type).toBe(CACHE_TYPE);
    const subnets = graph.byName("cache-subnets");
    expect(subnets.type).toBe("aws:elasticache/subnetGroup:SubnetGroup");
    expect(subnets.inputs).toEqual({ description: "Subnets of cache", subnetIds: ["subnet-a", "subnet-b"], tags: TAGS });
    const token = graph.byName("cache-auth-token");
    expect(token.type).toBe("random:index/randomPassword:RandomPassword");
    expect(token.inputs).toEqual({ length: 48, special: false, keepers: { epoch: "2" } });
    const group = graph.byName("cache-redis");
    expect(group.type).toBe("aws:elasticache/replicationGroup:ReplicationGroup");
    expect(group.inputs).toEqual({
      description: "Redis for cache",
      engine: "redis",
      engineVersion: "7.1",
      autoMinorVersionUpgrade: true,
      nodeType: "cache.t4g.small",
      port: 6379,
      numCacheClusters: 2,
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
      atRestEncryptionEnabled: true,
      kmsKeyId: KMS,
      transitEncryptionEnabled: true,
      authToken: "[secret]",
      authTokenUpdateStrategy: "ROTATE",
      securityGroupIds: ["sg-cache"],
      subnetGroupName: "cache-subnets-id",
      snapshotRetentionLimit: 7,
      tags: TAGS,
    });
    expect(group.secretInputs).toEqual(["authToken"]);
    expect([subnets, token, group].map((r) => r.parent)).toEqual([component.urn, component.urn, component.urn]);
    expect(group.propertyDependencies.subnetGroupName).toEqual([subnets.urn]);
    expect(group.propertyDependencies.authToken).toEqual([token.urn]);
  });

  it.each<[string, Partial<CacheArgs>, Record<string, unknown>]>([
    ["HA on", { highAvailability: true }, { numCacheClusters: 2, automaticFailoverEnabled: true, multiAzEnabled: true, snapshotRetentionLimit: 7 }],
    ["HA off", { highAvailability: false }, { numCacheClusters: 1, automaticFailoverEnabled: false, multiAzEnabled: false, snapshotRetentionLimit: 0 }],
    ["HA off with snapshots", { highAvailability: false, snapshotRetentionDays: 2 }, { numCacheClusters: 1, automaticFailoverEnabled: false, multiAzEnabled: false, snapshotRetentionLimit: 2 }],
    ["HA on, large, 7.0", { highAvailability: true, size: "large", engineVersion: "7.0" }, { numCacheClusters: 2, nodeType: "cache.m7g.large", engineVersion: "7.0" }],
  ])("GIVEN %s WHEN built THEN the replication group reflects it", async (_, overrides, expected) => {
    await build("cache", overrides);
    expect(mocked.graph.byName("cache-redis").inputs).toMatchObject(expected);
  });

  it("GIVEN the default args WHEN built THEN REDIS_URL is stored as a KMS-encrypted secret that is secret in the graph", async () => {
    await build("cache");
    const { graph } = mocked;
    const component = graph.byName("cache");
    const secret = graph.byName("cache-redis-url");
    expect(secret.type).toBe("aws:secretsmanager/secret:Secret");
    expect(secret.parent).toBe(component.urn);
    expect(secret.inputs).toEqual({ description: "REDIS_URL of cache", kmsKeyId: KMS, recoveryWindowInDays: 30, tags: TAGS });
    const version = graph.byName("cache-redis-url-version");
    expect(version.parent).toBe(component.urn);
    expect(version.inputs).toEqual({ secretId: "cache-redis-url-id", secretString: "[secret]" });
    expect(version.secretInputs).toEqual(["secretString"]);
    expect(version.propertyDependencies.secretId).toEqual([secret.urn]);
    expect([...version.propertyDependencies.secretString].sort()).toEqual([graph.byName("cache-auth-token").urn, graph.byName("cache-redis").urn].sort());
  });

  it("GIVEN the default args WHEN built THEN REDIS_URL is rediss:// with the token, the primary endpoint, 6379 and db 0", async () => {
    await build("cache");
    const token = mockRandomValue("cache-auth-token", 48, { epoch: "0" });
    expect(storedSecretString("cache-redis-url-version")).toBe(`rediss://:${token}@master.cache-redis.abcdef.eu-west-1.cache.amazonaws.com:6379/0`);
  });

  it("GIVEN the default args WHEN built THEN no random value appears anywhere in the captured graph or the component outputs", async () => {
    await build("cache");
    const serialized = JSON.stringify(mocked.graph.resources) + JSON.stringify([...mocked.graph.componentOutputs.values()]);
    expect(serialized).not.toContain(MOCK_RANDOM_PREFIX);
  });

  it("GIVEN the default args WHEN built THEN the outputs are the endpoint, port, secret ARN and group id", async () => {
    const cache = await build("cache");
    expect(await promiseOf(cache.primaryEndpointAddress)).toBe("master.cache-redis.abcdef.eu-west-1.cache.amazonaws.com");
    expect(await promiseOf(cache.port)).toBe(6379);
    expect(await promiseOf(cache.redisUrlSecretArn)).toBe("arn:aws:secretsmanager:eu-west-1:123456789012:secret:cache-redis-url-mock-AbCdEf");
    expect(await promiseOf(cache.replicationGroupId)).toBe("cache-redis-id");
    expect(Object.keys(mocked.graph.componentOutputs.get(mocked.graph.byName("cache").urn) ?? {}).sort()).toEqual(
      ["port", "primaryEndpointAddress", "redisUrlSecretArn", "replicationGroupId"],
    );
  });

  it("GIVEN a bad retention WHEN constructed THEN it throws before creating children", () => {
    expect(() => new Cache("cache-bad", { ...baseArgs, snapshotRetentionDays: 40 })).toThrow("Cache: snapshotRetentionDays is 40");
  });
});
