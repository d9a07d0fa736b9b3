/**
 * Redis is reachable only through a private endpoint.
 * @severity high
 */
import { AZURE } from "../resource-types.js";
import { equalsIgnoreCase, expectInput } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

export const redisNoPublicNetwork = defineRule({
  name: "asc-azure-redis-no-public-network",
  cloud: "azure",
  description: 'An Azure Managed Redis cluster disables public network access (publicNetworkAccess "Disabled").',
  severity: "high",
  frameworks: { mcsb: ["NS-2"] },
  mandatoryTiers: EVERY_TIER,
  remediation: 'Set publicNetworkAccess: "Disabled" and reach the cache through a private endpoint in asc\'s VNet.',
  resourceTypes: AZURE.redisCluster,
  check: (_type, props) =>
    expectInput(props, { path: "publicNetworkAccess", ok: equalsIgnoreCase("Disabled"), must: '"Disabled"', missingNote: "the property is required; an old API version left it unset" }),
});
