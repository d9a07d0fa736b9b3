/**
 * Redis negotiates TLS 1.2 or newer.
 * @severity high
 */
import { AZURE } from "../resource-types.js";
import { asNumber, expectInput } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

export const redisMinTls = defineRule({
  name: "asc-azure-redis-min-tls",
  cloud: "azure",
  description: 'An Azure Managed Redis cluster sets minimumTlsVersion to "1.2" or newer.',
  severity: "high",
  frameworks: { mcsb: ["DP-3"] },
  mandatoryTiers: EVERY_TIER,
  remediation: 'Set minimumTlsVersion: "1.2".',
  resourceTypes: AZURE.redisCluster,
  check: (_type, props) =>
    expectInput(props, { path: "minimumTlsVersion", ok: (v) => (asNumber(v) ?? 0) >= 1.2, must: '"1.2" or newer', missingNote: "the service default is not pinned" }),
});
