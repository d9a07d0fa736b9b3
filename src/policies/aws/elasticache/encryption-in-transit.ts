/**
 * Clients reach the cache over TLS only.
 * @severity high
 */
import { AWS } from "../resource-types.js";
import { expectInput, isTrue } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

export const elasticacheEncryptionInTransit = defineRule({
  name: "asc-aws-elasticache-encryption-in-transit",
  cloud: "aws",
  description: 'An ElastiCache replication group encrypts traffic in transit (and does not accept plaintext: transitEncryptionMode is not "preferred").',
  severity: "high",
  frameworks: { checkov: ["CKV_AWS_30"], securityHub: ["ElastiCache.5"] },
  mandatoryTiers: EVERY_TIER,
  remediation: 'Set transitEncryptionEnabled: true and leave transitEncryptionMode unset or "required"; clients use rediss://.',
  resourceTypes: AWS.elasticacheReplicationGroup,
  check: (_type, props) => [
    ...expectInput(props, { path: "transitEncryptionEnabled", ok: isTrue, must: "true" }),
    ...expectInput(props, { path: "transitEncryptionMode", ok: (v) => v === "required", must: '"required" or unset', whenMissing: "compliant" }),
  ],
});
