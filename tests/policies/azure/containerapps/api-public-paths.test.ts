import { containerAppsApiPublicPaths } from "../../../../src/policies/azure/containerapps/api-public-paths.js";
import { describeRule, withInput } from "../../../helpers/policy-rules.js";

const ROUTE_CONFIG_TYPE = "azure-native:app:HttpRouteConfig";
const exact = (path: string) => ({ match: { path, caseSensitive: true } });
const compliantRoutes = {
  resourceGroupName: "asc-prod",
  environmentName: "asc-prod-env",
  httpRouteName: "asc-prod-api-public",
  properties: {
    rules: [{ description: "api", routes: ["/health", "/health/ready", "/.well-known/jwks.json", "/webhooks/stripe"].map(exact), targets: [{ containerApp: "asc-prod-api" }] }],
  },
};
const ALLOWED = "/health, /health/ready, /.well-known/jwks.json, /webhooks/stripe";

describeRule(containerAppsApiPublicPaths, {
  type: ROUTE_CONFIG_TYPE,
  compliant: compliantRoutes,
  passes: [
    { title: "billing off: no webhook route", props: withInput(compliantRoutes, "properties.rules[0].routes", ["/health", "/health/ready", "/.well-known/jwks.json"].map(exact)) },
    { title: "rules not known yet", props: withInput(compliantRoutes, "properties.rules", "[unknown]") },
  ],
  violations: [
    { title: "/metrics routed", props: withInput(compliantRoutes, "properties.rules[0].routes[1].match.path", "/metrics"), expected: [`properties.rules[0].routes[1].match.path is "/metrics"; it must be one of ${ALLOWED}`] },
    {
      title: "a prefix route",
      props: withInput(compliantRoutes, "properties.rules[0].routes[0].match", { prefix: "/api", caseSensitive: true }),
      expected: ['properties.rules[0].routes[0].match.prefix is "/api"; only exact paths may be public (match.path)'],
    },
    {
      title: "a path-separated prefix route",
      props: withInput(compliantRoutes, "properties.rules[0].routes[0].match", { pathSeparatedPrefix: "/health" }),
      expected: ['properties.rules[0].routes[0].match.pathSeparatedPrefix is "/health"; only exact paths may be public (match.path)'],
    },
    { title: "a route without a match", props: withInput(compliantRoutes, "properties.rules[0].routes[0].match", undefined), expected: ["properties.rules[0].routes[0].match has no path; a route without a match takes every path"] },
    { title: "case-insensitive", props: withInput(compliantRoutes, "properties.rules[0].routes[2].match.caseSensitive", false), expected: ["properties.rules[0].routes[2].match.caseSensitive is false; it must be true, so no other spelling of the path matches"] },
    { title: "a rewrite", props: withInput(compliantRoutes, "properties.rules[0].routes[0].action", { prefixRewrite: "/metrics" }), expected: ['properties.rules[0].routes[0].action.prefixRewrite is "/metrics"; a public path must reach the api unchanged'] },
    { title: "a rule without routes", props: withInput(compliantRoutes, "properties.rules[0].routes", []), expected: ["properties.rules[0] has no routes"] },
  ],
});
