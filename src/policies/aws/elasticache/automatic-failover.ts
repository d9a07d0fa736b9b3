/**
 * The production cache fails over to a replica in another zone.
 * @severity medium
 */
import { AWS } from "../resource-types.js";
import { expectInput, isTrue } from "../../props.js";
import { defineRule, PRODUCTION_ONLY } from "../../rule.js";

export const elasticacheAutomaticFailover = defineRule({
  name: "asc-aws-elasticache-automatic-failover",
  cloud: "aws",
  description: "An ElastiCache replication group has automatic failover and Multi-AZ (mandatory in production).",
  severity: "medium",
  frameworks: { securityHub: ["ElastiCache.3"] },
  mandatoryTiers: PRODUCTION_ONLY,
  remediation: "Set automaticFailoverEnabled: true, multiAzEnabled: true and at least one replica (asc:cache.highAvailability: true).",
  configKeys: ["cache.highAvailability"],
  resourceTypes: AWS.elasticacheReplicationGroup,
  check: (_type, props) => [
    ...expectInput(props, { path: "automaticFailoverEnabled", ok: isTrue, must: "true", missingNote: "the AWS default is false" }),
    ...expectInput(props, { path: "multiAzEnabled", ok: isTrue, must: "true", missingNote: "the AWS default is false" }),
  ],
});
