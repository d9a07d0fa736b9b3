/** Which Azure locations can host production, and the config rule that refuses the others. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { AZURE_CAPABILITIES_CHECKED, AZURE_CAPABILITY_SOURCES, AZURE_LOCATION_CAPABILITIES, AZURE_PRODUCTION_LOCATIONS, missingProductionCapabilities } from "../../src/config/azure-capabilities.js";
import { NEAREST_PRODUCTION_LOCATION } from "../../src/config/azure-rules.js";
import { AZURE_LOCATIONS } from "../../src/config/regions.js";
import { isAscUserError, type AscUserError } from "../../src/errors.js";
import { azureConfig } from "../helpers/azure-config.js";
import { REPO_ROOT } from "../helpers/cli.js";

const errorOf = (fn: () => unknown): AscUserError => {
  try {
    fn();
  } catch (e) {
    if (isAscUserError(e)) return e;
    throw e;
  }
  throw new Error("expected an AscUserError");
};

describe("the production locations", () => {
  it("GIVEN the capability table THEN it has one row per accepted location, a date and a Microsoft source per capability", () => {
    expect(Object.keys(AZURE_LOCATION_CAPABILITIES).sort()).toEqual([...AZURE_LOCATIONS].sort());
    expect(AZURE_CAPABILITIES_CHECKED).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const url of Object.values(AZURE_CAPABILITY_SOURCES)) expect(url).toMatch(/^https:\/\/learn\.microsoft\.com\//);
  });

  it("GIVEN each location THEN it hosts production exactly when it has zones, Postgres ZR-HA and geo-backup", () => {
    for (const location of AZURE_LOCATIONS) {
      const c = AZURE_LOCATION_CAPABILITIES[location];
      const all = c.availabilityZones && c.postgres.zoneRedundantHa && c.postgres.geoRedundantBackup;
      expect({ location, production: AZURE_PRODUCTION_LOCATIONS.includes(location) }).toEqual({ location, production: all });
    }
  });

  it.each([
    ["australiasoutheast", ["availability zones (a zone-redundant Container Apps environment and zone-redundant Managed Redis)", "Postgres zone-redundant HA"]],
    ["southindia", ["availability zones (a zone-redundant Container Apps environment and zone-redundant Managed Redis)"]],
    ["japanwest", ["Postgres zone-redundant HA"]],
    ["polandcentral", ["Postgres geo-redundant backup"]],
    ["westeurope", []],
  ] as const)("GIVEN %s THEN it lacks %j", (location, missing) => {
    expect(missingProductionCapabilities(location)).toEqual(missing);
  });

  it("GIVEN the shipped Azure production profile THEN its region can host production", () => {
    const text = readFileSync(path.join(REPO_ROOT, "stacks/Pulumi.azure-production.yaml"), "utf8");
    const region = (parse(text) as { config: Record<string, string> }).config["asc:region"];
    expect(AZURE_PRODUCTION_LOCATIONS).toContain(region);
  });

  it("GIVEN every suggested fix location THEN it can host production", () => {
    for (const [from, to] of Object.entries(NEAREST_PRODUCTION_LOCATION)) {
      expect({ from, to, production: AZURE_PRODUCTION_LOCATIONS.includes(to!) }).toEqual({ from, to, production: true });
      expect({ from, production: AZURE_PRODUCTION_LOCATIONS.includes(from as never) }).toEqual({ from, production: false });
    }
  });
});

describe("asc:region for Azure production", () => {
  it("GIVEN production in australiasoutheast THEN config refuses it, listing what it lacks, the allowed locations and a fix", () => {
    const problems = errorOf(() => azureConfig("production", { region: "australiasoutheast" })).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      path: "asc:region",
      value: "australiasoutheast",
      allowed: AZURE_PRODUCTION_LOCATIONS.join(", "),
      fix: "set asc:region to a location that has all three, such as australiaeast; a staging or dev profile may stay in australiasoutheast",
    });
    expect(problems[0].message).toBe(`australiasoutheast cannot host production: it lacks availability zones (a zone-redundant Container Apps environment and zone-redundant Managed Redis), Postgres zone-redundant HA (Microsoft's region tables, checked ${AZURE_CAPABILITIES_CHECKED}; see docs/azure.md)`);
  });

  it("GIVEN staging in australiasoutheast THEN accepted (no zone features outside production)", () => {
    expect(azureConfig("staging", { region: "australiasoutheast" }).region).toBe("australiasoutheast");
  });

  it("GIVEN an unknown location in production THEN only the unknown-location problem is reported", () => {
    const problems = errorOf(() => azureConfig("production", { region: "marsnorth" })).problems;
    expect(problems.map((p) => [p.path, p.message])).toEqual([["asc:region", "not a known Azure location"]]);
  });

  it.each(AZURE_PRODUCTION_LOCATIONS.map((l) => [l]))("GIVEN production in %s THEN accepted", (location) => {
    expect(azureConfig("production", { region: location }).region).toBe(location);
  });
});
