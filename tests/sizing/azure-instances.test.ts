import fc from "fast-check";
import {
  LOG_ANALYTICS_MAX_RETENTION_DAYS,
  LOG_ANALYTICS_MIN_RETENTION_DAYS,
  POSTGRES_STORAGE_SIZES_GB,
  isBurstableDatabase,
  logAnalyticsRetentionDays,
  postgresSku,
  postgresStorageSizeGB,
  redisSku,
  type CacheSize,
  type DatabaseSize,
} from "../../src/sizing/azure-instances.js";

describe("postgresSku", () => {
  it.each<[DatabaseSize, string, string, boolean]>([
    ["small", "Standard_B1ms", "Burstable", true],
    ["medium", "Standard_B2s", "Burstable", true],
    ["large", "Standard_D2ds_v5", "GeneralPurpose", false],
    ["xlarge", "Standard_D4ds_v5", "GeneralPurpose", false],
  ])("GIVEN database size %s WHEN mapped THEN the SKU is %s (%s)", (size, name, tier, burstable) => {
    expect(postgresSku(size)).toEqual({ name, tier });
    expect(isBurstableDatabase(size)).toBe(burstable);
  });

  it("GIVEN an unknown size WHEN mapped THEN it throws naming the value and the allowed sizes", () => {
    expect(() => postgresSku("huge" as DatabaseSize)).toThrow('database size "huge" is not supported on Azure; allowed: "small", "medium", "large", "xlarge"');
  });
});

describe("redisSku", () => {
  it.each<[CacheSize, string]>([
    ["small", "Balanced_B0"],
    ["medium", "Balanced_B1"],
    ["large", "Balanced_B5"],
  ])("GIVEN cache size %s WHEN mapped THEN the Managed Redis SKU is %s", (size, name) => {
    expect(redisSku(size)).toEqual({ name });
  });

  it("GIVEN an unknown size WHEN mapped THEN it throws naming the value and the allowed sizes", () => {
    expect(() => redisSku("tiny" as CacheSize)).toThrow('cache size "tiny" is not supported on Azure; allowed: "small", "medium", "large"');
  });
});

describe("postgresStorageSizeGB", () => {
  it.each([
    [20, 32],
    [32, 32],
    [33, 64],
    [100, 128],
    [16384, 16384],
  ])("GIVEN %i GiB WHEN mapped THEN the Flexible Server size is %i GiB", (given, expected) => {
    expect(postgresStorageSizeGB(given)).toBe(expected);
  });

  it("GIVEN more than the largest size WHEN mapped THEN it throws naming the limit", () => {
    expect(() => postgresStorageSizeGB(40000)).toThrow("database storage 40000 GiB does not fit a Flexible Server storage size; allowed: up to 32768 GiB");
  });

  it("GIVEN any size the schema allows WHEN mapped THEN the result is an offered size that holds it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 16384 }), (gib) => {
        const size = postgresStorageSizeGB(gib);
        expect((POSTGRES_STORAGE_SIZES_GB as readonly number[]).includes(size)).toBe(true);
        expect(size).toBeGreaterThanOrEqual(gib);
        expect(size).toBeLessThan(gib * 2 + 32);
      }),
    );
  });
});

describe("logAnalyticsRetentionDays", () => {
  it.each([
    [1, 30],
    [7, 30],
    [30, 30],
    [90, 90],
    [731, 730],
  ])("GIVEN %i days WHEN mapped THEN Log Analytics keeps %i", (given, expected) => {
    expect(logAnalyticsRetentionDays(given)).toBe(expected);
  });

  it("GIVEN any retention WHEN mapped THEN it lies within what Log Analytics accepts", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), (days) => {
        const kept = logAnalyticsRetentionDays(days);
        expect(kept).toBeGreaterThanOrEqual(LOG_ANALYTICS_MIN_RETENTION_DAYS);
        expect(kept).toBeLessThanOrEqual(LOG_ANALYTICS_MAX_RETENTION_DAYS);
      }),
    );
  });
});
