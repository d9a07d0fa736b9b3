/**
 * The Redis database speaks TLS only.
 * @severity high
 */
import { AZURE } from "../resource-types.js";
import { equalsIgnoreCase, expectInput } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

export const redisEncryptedProtocol = defineRule({
  name: "asc-azure-redis-encrypted-protocol",
  cloud: "azure",
  description: 'An Azure Managed Redis database takes TLS connections only (clientProtocol "Encrypted"; unset means Encrypted).',
  severity: "high",
  frameworks: { mcsb: ["DP-3"] },
  mandatoryTiers: EVERY_TIER,
  remediation: 'Set clientProtocol: "Encrypted"; clients connect with rediss:// on port 10000.',
  resourceTypes: AZURE.redisDatabase,
  check: (_type, props) => expectInput(props, { path: "clientProtocol", ok: equalsIgnoreCase("Encrypted"), must: '"Encrypted"', whenMissing: "compliant" }),
});
