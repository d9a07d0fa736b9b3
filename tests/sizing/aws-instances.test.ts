import fc from "fast-check";
import {
  CACHE_NODE_TYPE,
  POSTGRES_PARAMETER_GROUP_FAMILY,
  RDS_INSTANCE_CLASS,
  cacheNodeType,
  postgresParameterGroupFamily,
  rdsInstanceClass,
  type CacheSize,
  type DatabaseSize,
  type PostgresMajorVersion,
} from "../../src/sizing/aws-instances.js";

describe("rdsInstanceClass", () => {
  it.each<[DatabaseSize, string]>([
    ["small", "db.t4g.small"],
    ["medium", "db.t4g.medium"],
    ["large", "db.m7g.large"],
    ["xlarge", "db.m7g.xlarge"],
  ])("GIVEN database size %s WHEN mapped THEN the instance class is %s", (size, expected) => {
    expect(rdsInstanceClass(size)).toBe(expected);
  });

  it("GIVEN an unknown size WHEN mapped THEN it throws naming the value and the allowed sizes", () => {
    expect(() => rdsInstanceClass("huge" as DatabaseSize)).toThrow(
      'database size "huge" is not supported on AWS; allowed: "small", "medium", "large", "xlarge"',
    );
  });
});

describe("cacheNodeType", () => {
  it.each<[CacheSize, string]>([
    ["small", "cache.t4g.small"],
    ["medium", "cache.t4g.medium"],
    ["large", "cache.m7g.large"],
  ])("GIVEN cache size %s WHEN mapped THEN the node type is %s", (size, expected) => {
    expect(cacheNodeType(size)).toBe(expected);
  });

  it("GIVEN an unknown size WHEN mapped THEN it throws naming the value and the allowed sizes", () => {
    expect(() => cacheNodeType("xlarge" as CacheSize)).toThrow('cache size "xlarge" is not supported on AWS; allowed: "small", "medium", "large"');
  });
});

describe("postgresParameterGroupFamily", () => {
  it.each<[PostgresMajorVersion, string]>([
    ["15", "postgres15"],
    ["16", "postgres16"],
    ["17", "postgres17"],
  ])("GIVEN Postgres %s WHEN mapped THEN the family is %s", (version, expected) => {
    expect(postgresParameterGroupFamily(version)).toBe(expected);
  });

  it("GIVEN a minor version WHEN mapped THEN it throws naming the value and the allowed majors", () => {
    expect(() => postgresParameterGroupFamily("16.4" as PostgresMajorVersion)).toThrow(
      'Postgres engine version "16.4" is not supported on AWS; allowed: "15", "16", "17"',
    );
  });
});

describe("properties", () => {
  const mappers: [string, Record<string, string>, (key: string) => string][] = [
    ["rdsInstanceClass", RDS_INSTANCE_CLASS, (k) => rdsInstanceClass(k as DatabaseSize)],
    ["cacheNodeType", CACHE_NODE_TYPE, (k) => cacheNodeType(k as CacheSize)],
    ["postgresParameterGroupFamily", POSTGRES_PARAMETER_GROUP_FAMILY, (k) => postgresParameterGroupFamily(k as PostgresMajorVersion)],
  ];

  it.each(mappers)("GIVEN any string that is not a key WHEN %s maps it THEN it throws instead of returning undefined", (_, table, map) => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.constantFrom("constructor", "__proto__", "toString", "hasOwnProperty")).filter((s) => !Object.keys(table).includes(s)),
        (key) => {
          expect(() => map(key)).toThrow("is not supported on AWS; allowed:");
        },
      ),
    );
  });

  it.each(mappers)("GIVEN the keys of the table WHEN %s maps them THEN every value is distinct", (_, table, map) => {
    const values = Object.keys(table).map(map);
    expect(new Set(values).size).toBe(values.length);
  });

  it("GIVEN every database and cache size WHEN mapped THEN classes stay in the db./cache. families of the same generation", () => {
    for (const size of Object.keys(RDS_INSTANCE_CLASS)) expect(rdsInstanceClass(size as DatabaseSize)).toMatch(/^db\.(t4g|m7g)\.[a-z0-9]+$/);
    for (const size of Object.keys(CACHE_NODE_TYPE)) expect(cacheNodeType(size as CacheSize)).toMatch(/^cache\.(t4g|m7g)\.[a-z0-9]+$/);
  });
});
