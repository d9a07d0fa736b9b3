/**
 * Redis is reachable over TLS only.
 * @severity high
 */
import { AZURE } from "../resource-types.js";
import { expectInput, isNotTrue } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

export const redisNonSslPortDisabled = defineRule({
  name: "asc-azure-redis-non-ssl-port-disabled",
  cloud: "azure",
  description: "An Azure Cache for Redis keeps the non-TLS port 6379 closed (enableNonSslPort false; unset means false).",
  severity: "high",
  frameworks: { checkov: ["CKV_AZURE_91"], azurePolicy: ["Only secure connections to your Azure Cache for Redis should be enabled"], mcsb: ["DP-3"] },
  mandatoryTiers: EVERY_TIER,
  remediation: "Set enableNonSslPort: false; clients connect with rediss:// on port 6380.",
  resourceTypes: AZURE.redis,
  check: (_type, props) => expectInput(props, { path: "enableNonSslPort", ok: isNotTrue, must: "false", whenMissing: "compliant" }),
});
