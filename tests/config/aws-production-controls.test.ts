/**
 * The AWS production controls config enforces before any deploy: a year of log retention and RDS Enhanced
 * Monitoring, with the tier defaults that satisfy them.
 */
import { isAscUserError, type AscUserError } from "../../src/errors.js";
import { testConfig } from "../helpers/config.js";
import { ENTRA_ADMIN } from "../helpers/azure-config.js";

const problemsOf = (fn: () => unknown): AscUserError["problems"] => {
  try {
    fn();
  } catch (e) {
    if (isAscUserError(e)) return e.problems;
    throw e;
  }
  throw new Error("expected an AscUserError");
};

describe("AWS production log retention and database monitoring", () => {
  it.each([
    ["dev", 7, 0],
    ["staging", 30, 60],
    ["production", 365, 60],
  ] as const)("GIVEN an AWS %s profile without them WHEN resolved THEN logs are kept %i days and Enhanced Monitoring samples every %i s", (tier, days, interval) => {
    const config = testConfig({ tier, ...(tier === "dev" ? { billing: { workerTopology: "inline" } } : {}) });
    expect([config.logs.retentionDays, config.database.monitoringIntervalSeconds]).toEqual([days, interval]);
  });

  it("GIVEN an Azure production profile WHEN resolved THEN its log retention default is unchanged (Log Analytics)", () => {
    expect(testConfig({ cloud: "azure", tier: "production", database: { size: "large" }, azure: { postgresEntraAdmin: ENTRA_ADMIN } }).logs.retentionDays).toBe(90);
  });

  it("GIVEN an AWS production profile keeping logs 180 days WHEN resolved THEN it is refused with the path, value, allowed values and fix", () => {
    expect(problemsOf(() => testConfig({ tier: "production", logs: { retentionDays: 180 } }))).toEqual([
      {
        path: "asc:logs.retentionDays",
        value: 180,
        message: "production logs must be kept at least 365 days on AWS",
        allowed: "365, 400, 545 or 731",
        fix: "set asc:logs.retentionDays to 365 or more, or remove it (production defaults to 365)",
        source: expect.any(String),
      },
    ]);
  });

  it("GIVEN an AWS production profile with Enhanced Monitoring off WHEN resolved THEN it is refused with the path, value, allowed values and fix", () => {
    expect(problemsOf(() => testConfig({ tier: "production", database: { monitoringIntervalSeconds: 0 } }))).toEqual([
      {
        path: "asc:database.monitoringIntervalSeconds",
        value: 0,
        message: "production databases run RDS Enhanced Monitoring",
        allowed: "1, 5, 10, 15, 30 or 60",
        fix: "set asc:database.monitoringIntervalSeconds to 60 (or a shorter interval), or remove it (production defaults to 60)",
        source: expect.any(String),
      },
    ]);
  });

  it("GIVEN staging with 30 days and no monitoring WHEN resolved THEN both are accepted", () => {
    const config = testConfig({ tier: "staging", logs: { retentionDays: 30 }, database: { monitoringIntervalSeconds: 0 } });
    expect([config.logs.retentionDays, config.database.monitoringIntervalSeconds]).toEqual([30, 0]);
  });

  it("GIVEN an interval RDS does not offer WHEN resolved THEN the schema refuses it", () => {
    expect(problemsOf(() => testConfig({ database: { monitoringIntervalSeconds: 20 } })).map((p) => p.path)).toEqual(["asc:database.monitoringIntervalSeconds"]);
  });
});
