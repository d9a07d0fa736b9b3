/** The human offline preview's summary and contract grouping, from hand-made plans (pure functions). */
import { componentCounts, renderPlan } from "../../src/preview/render.js";
import type { PlanResource, PlanV1 } from "../../src/preview/plan.js";
import { planPoliciesRun } from "../../src/policies/plan-policies.js";

const res = (name: string, type: string, parent: string | null): PlanResource => ({ urn: `urn:${name}`, type, name, parent: parent ? `urn:${parent}` : null, dependencies: [], inputs: {} });

const resources = [
  res("p", "asc:aws:Blueprint", null),
  res("p-db", "asc:aws:Database", "p"),
  res("p-db-instance", "aws:rds/instance:Instance", "p-db"),
  res("p-db-params", "aws:rds/parameterGroup:ParameterGroup", "p-db"),
  res("p-api", "asc:aws:FargateService", "p"),
  res("p-api-service", "aws:ecs/service:Service", "p-api"),
  res("p-cluster", "aws:ecs/cluster:Cluster", "p"),
];

const plan = (contract: PlanV1["contract"]): PlanV1 => ({
  version: 1, profile: "x", stack: "x", cloud: "aws", tier: "staging", region: "eu-west-1",
  images: { api: "ghcr.io/a/api:1", migrate: "ghcr.io/a/api:1" }, resources, outputs: { urls: { api: "https://api.x" } }, contract,
  policies: [{ policy: "asc-aws-x", urn: "urn:p-db-instance", enforcement: "advisory", message: "m" }],
  summary: { resources: resources.length, byType: {}, violations: { mandatory: 0, advisory: 1 } },
});

describe("the offline preview summary", () => {
  it("GIVEN a blueprint with components THEN resources are counted per component without the prefix, components not counted", () => {
    expect(componentCounts(resources)).toEqual([["db", 2], ["api", 1], ["other", 1]]);
  });

  it("GIVEN two services with the same contract THEN it is printed once under both names, a different one apart", () => {
    const entry = { name: "A", source: "literal" as const, value: "1" };
    const text = renderPlan(plan({ api: [entry], migrate: [entry], web: [{ ...entry, value: "2" }] }), { policiesRun: 7 });
    expect(text.match(/^Env contract: .*$/gm)).toEqual(["Env contract: api, migrate (identical)", "Env contract: web"]);
    expect(text).toContain("  policies:   7 run, 0 mandatory, 1 advisory violation(s)\n");
    expect(text.indexOf("  images:")).toBeLessThan(text.indexOf("\nResources\n"));
    expect(text).toContain("  images: the profile's asc:images (offline, the stack's release is not read;");
    expect(text).toMatch(/^ {4}api {6}https:\/\/api\.x$/m);
  });

  it("GIVEN an AWS plan THEN the policies that ran are AWS or shared ones that apply to its types", () => {
    const ran = planPoliciesRun({ resources }, "aws");
    expect(ran.length).toBeGreaterThan(0);
    expect(ran.some((n) => n.startsWith("asc-azure-"))).toBe(false);
    expect(planPoliciesRun({ resources: [] }, "aws").every((n) => !n.startsWith("asc-azure-"))).toBe(true);
  });
});
