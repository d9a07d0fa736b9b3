import { checkListenerRuleLimits, resolveAwsRouting, resolveInternalApi } from "../../../src/components/aws/routing.js";
import { testConfig } from "../../helpers/config.js";

describe("resolveAwsRouting", () => {
  it("GIVEN staging with billing on WHEN resolved THEN the api host serves only the contract's public api paths", () => {
    const routing = resolveAwsRouting(testConfig({ billing: { enabled: true, productPriceMap: "starter=price_1" } }));
    expect(routing.api).toEqual({ priority: 10, hostHeaders: ["api.example.com"], pathPatterns: ["/health", "/health/ready", "/.well-known/jwks.json", "/webhooks/stripe"] });
    expect(routing.web).toEqual({ priority: 20, hostHeaders: ["app.example.com"] });
  });

  it("GIVEN staging with billing off WHEN resolved THEN the Stripe webhook is not public", () => {
    expect(resolveAwsRouting(testConfig()).api.pathPatterns).toEqual(["/health", "/health/ready", "/.well-known/jwks.json"]);
  });

  it("GIVEN dev with a domain WHEN resolved THEN the api host keeps every path", () => {
    expect(resolveAwsRouting(testConfig({ tier: "dev" })).api).toEqual({ priority: 10, hostHeaders: ["api.example.com"] });
  });

  it("GIVEN dev without a domain WHEN resolved THEN only health, webhook and well-known paths reach the api, never /api/v1/*", () => {
    const routing = resolveAwsRouting(testConfig({ tier: "dev", domain: undefined, devOverrides: { httpOnly: true } }));
    expect(routing.scheme).toBe("http");
    expect(routing.api).toEqual({ priority: 10, pathPatterns: ["/health", "/health/*", "/webhooks/*", "/.well-known/*"] });
    expect(routing.web).toEqual({ priority: 100, pathPatterns: ["/*"] });
  });

  it("GIVEN a profile name WHEN the internal api is resolved THEN the web's API_BASE_URL is the Service Connect alias", () => {
    expect(resolveInternalApi({ name: "asc-prod" })).toEqual({ namespace: "asc-prod.internal", portName: "http", discoveryName: "api", host: "api.asc-prod.internal", port: 8000, url: "http://api.asc-prod.internal:8000" });
  });
});

describe("checkListenerRuleLimits", () => {
  it("GIVEN one host and four paths WHEN checked THEN it is within every ALB per-rule quota", () => {
    expect(() => checkListenerRuleLimits("api", { hostHeaders: ["a.example.com"], pathPatterns: ["/a", "/b", "/c", "/d"] })).not.toThrow();
  });

  it.each<[string, { hostHeaders?: string[]; pathPatterns?: string[] }, string]>([
    ["six condition values", { pathPatterns: ["/a", "/b", "/c", "/d", "/e", "/f"] }, "api listener rule: 6 condition values (limit 5), 6 match evaluations (limit 5); the ALB refuses the rule. Split the rule or use fewer values."],
    ["six wildcards", { pathPatterns: ["/a*", "/b*", "/c*", "/d*", "/e/*/*"] }, "api listener rule: 6 wildcards (limit 5); the ALB refuses the rule. Split the rule or use fewer values."],
    ["two hosts by three paths", { hostHeaders: ["a.example.com", "b.example.com"], pathPatterns: ["/a", "/b", "/c"] }, "api listener rule: 6 match evaluations (limit 5); the ALB refuses the rule. Split the rule or use fewer values."],
  ])("GIVEN %s WHEN checked THEN it throws the exact message", (_label, rule, message) => {
    expect(() => checkListenerRuleLimits("api", rule)).toThrow(message);
  });
});
