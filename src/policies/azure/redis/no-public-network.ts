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
  description: 'An Azure Cache for Redis disables public network access (publicNetworkAccess "Disabled").',
  severity: "high",
  frameworks: { checkov: ["CKV_AZURE_89"], azurePolicy: ["Azure Cache for Redis should disable public network access"], mcsb: ["NS-2"] },
  mandatoryTiers: EVERY_TIER,
  remediation: 'Set publicNetworkAccess: "Disabled" and reach the cache through a private endpoint in asc\'s VNet.',
  resourceTypes: AZURE.redis,
  check: (_type, props) =>
    expectInput(props, { path: "publicNetworkAccess", ok: equalsIgnoreCase("Disabled"), must: '"Disabled"', missingNote: "the Azure default is Enabled" }),
});
