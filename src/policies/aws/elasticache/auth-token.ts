/**
 * Clients must authenticate to the cache.
 * @severity high
 */
import { AWS } from "../resource-types.js";
import { asArray, isNonEmptyString, lookup } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

export const elasticacheAuthToken = defineRule({
  name: "asc-aws-elasticache-auth-token",
  cloud: "aws",
  description: "An ElastiCache replication group requires authentication: an AUTH token (authToken or authTokenWo) or RBAC user groups (userGroupIds).",
  severity: "high",
  frameworks: { checkov: ["CKV_AWS_31"], securityHub: ["ElastiCache.6"] },
  mandatoryTiers: EVERY_TIER,
  remediation: "Set authToken to a generated password wrapped in pulumi.secret (it needs transitEncryptionEnabled: true), or attach an RBAC user group.",
  resourceTypes: AWS.elasticacheReplicationGroup,
  check: (_type, props) => {
    const sources = [lookup(props, "authToken"), lookup(props, "authTokenWo"), lookup(props, "userGroupIds")];
    if (sources.some((s) => s.state === "opaque")) return [];
    const present = sources.some((s) => s.state === "set" && (isNonEmptyString(s.value) || (asArray(s.value)?.length ?? 0) > 0));
    return present ? [] : ["authToken is not set; it must be set (Redis AUTH), or userGroupIds must name an RBAC user group"];
  },
});
