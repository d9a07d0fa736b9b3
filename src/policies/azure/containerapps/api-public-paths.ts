/**
 * Outside dev, the environment's HTTP route configuration forwards only the contract's public api paths.
 * @severity high
 */
import { API_JWKS_PATH, API_STRIPE_WEBHOOK_PATH, API_VERIFY_PATHS } from "../../../contract/public-surface.js";
import { AZURE } from "../resource-types.js";
import { asArray, asRecord, isOpaque, lookup, show } from "../../props.js";
import { defineRule, OUTSIDE_DEV } from "../../rule.js";

/** Every path the contract may publish on the api host, on both clouds (the webhook only with billing on). */
export const ROUTABLE_API_PATHS: readonly string[] = [...API_VERIFY_PATHS, API_JWKS_PATH, API_STRIPE_WEBHOOK_PATH];

export const containerAppsApiPublicPaths = defineRule({
  name: "asc-azure-containerapps-api-public-paths",
  cloud: "azure",
  description: `An HTTP route configuration of the Container Apps environment matches only exact paths the contract makes public (${ROUTABLE_API_PATHS.join(", ")}), without prefixes or rewrites, so /metrics and /api/v1/* stay unreachable from outside (mandatory in staging and production).`,
  severity: "high",
  frameworks: { mcsb: ["NS-2"] },
  mandatoryTiers: OUTSIDE_DEV,
  remediation: `Give every route of properties.rules a match.path from ${ROUTABLE_API_PATHS.join(", ")}, with caseSensitive true and no prefix, pathSeparatedPrefix or action.prefixRewrite; publish other api paths only through the web.`,
  resourceTypes: AZURE.httpRouteConfig,
  check: (_type, props) => {
    const rules = lookup(props, "properties.rules");
    if (rules.state === "opaque") return [];
    const list = asArray(rules.state === "set" ? rules.value : undefined) ?? [];
    const problems: string[] = [];
    list.forEach((rule, i) => {
      const routes = asArray(asRecord(rule)?.routes) ?? [];
      routes.forEach((route, j) => {
        const where = `properties.rules[${i}].routes[${j}]`;
        const match = asRecord(asRecord(route)?.match) ?? {};
        for (const key of ["prefix", "pathSeparatedPrefix"] as const) {
          if (match[key] !== undefined && !isOpaque(match[key])) problems.push(`${where}.match.${key} is ${show(match[key])}; only exact paths may be public (match.path)`);
        }
        const path = match.path;
        if (path === undefined && match.prefix === undefined && match.pathSeparatedPrefix === undefined) problems.push(`${where}.match has no path; a route without a match takes every path`);
        else if (path !== undefined && !isOpaque(path) && !ROUTABLE_API_PATHS.includes(String(path))) problems.push(`${where}.match.path is ${show(path)}; it must be one of ${ROUTABLE_API_PATHS.join(", ")}`);
        if (path !== undefined && match.caseSensitive !== true && !isOpaque(match.caseSensitive)) problems.push(`${where}.match.caseSensitive is ${show(match.caseSensitive ?? "unset")}; it must be true, so no other spelling of the path matches`);
        const rewrite = asRecord(asRecord(route)?.action)?.prefixRewrite;
        if (rewrite !== undefined && !isOpaque(rewrite)) problems.push(`${where}.action.prefixRewrite is ${show(rewrite)}; a public path must reach the api unchanged`);
      });
      if (routes.length === 0) problems.push(`properties.rules[${i}] has no routes`);
    });
    return problems;
  },
});
