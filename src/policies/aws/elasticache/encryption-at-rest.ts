/**
 * Cache data and backups are encrypted at rest.
 * @severity high
 */
import { AWS } from "../resource-types.js";
import { expectInput, isTrue } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

export const elasticacheEncryptionAtRest = defineRule({
  name: "asc-aws-elasticache-encryption-at-rest",
  cloud: "aws",
  description: "An ElastiCache replication group encrypts data at rest.",
  severity: "high",
  frameworks: { checkov: ["CKV_AWS_29"], securityHub: ["ElastiCache.4"] },
  mandatoryTiers: EVERY_TIER,
  remediation: "Set atRestEncryptionEnabled: true (and kmsKeyId for a customer-managed key); changing it replaces the replication group.",
  resourceTypes: AWS.elasticacheReplicationGroup,
  check: (_type, props) => expectInput(props, { path: "atRestEncryptionEnabled", ok: isTrue, must: "true" }),
});
