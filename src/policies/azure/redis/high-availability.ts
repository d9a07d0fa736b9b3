/**
 * The production cache keeps a replica and fails over.
 * @severity medium
 */
import { AZURE } from "../resource-types.js";
import { equalsIgnoreCase, expectInput } from "../../props.js";
import { defineRule, PRODUCTION_ONLY } from "../../rule.js";

export const redisHighAvailability = defineRule({
  name: "asc-azure-redis-high-availability",
  cloud: "azure",
  description: 'An Azure Managed Redis cluster has high availability (highAvailability "Enabled"; unset means Enabled; mandatory in production).',
  severity: "medium",
  frameworks: {},
  mandatoryTiers: PRODUCTION_ONLY,
  remediation: 'Set highAvailability: "Enabled" (asc:cache.highAvailability: true, the production default).',
  resourceTypes: AZURE.redisCluster,
  check: (_type, props) => expectInput(props, { path: "highAvailability", ok: equalsIgnoreCase("Enabled"), must: '"Enabled"', whenMissing: "compliant" }),
});
