/**
 * Postgres negotiates TLS 1.2 or newer.
 * @severity high
 */
import { AZURE } from "../resource-types.js";
import { defineRule, EVERY_TIER } from "../../rule.js";
import { checkServerParameter } from "./server-parameter.js";

const ALLOWED = ["tlsv1.2", "tlsv1.3"];

export const postgresTlsVersion = defineRule({
  name: "asc-azure-postgres-tls-version",
  cloud: "azure",
  description: 'An ssl_min_protocol_version server parameter, when asc sets one, is "TLSv1.2" or "TLSv1.3" (TLSv1.2 is the flexible server default).',
  severity: "high",
  frameworks: { mcsb: ["DP-3"] },
  mandatoryTiers: EVERY_TIER,
  remediation: 'Set the dbforpostgresql.Configuration "ssl_min_protocol_version" to "TLSv1.2" (or "TLSv1.3"), or remove it to keep the default.',
  resourceTypes: AZURE.postgresConfiguration,
  check: (_type, props) =>
    checkServerParameter(props, "ssl_min_protocol_version", (v) => typeof v === "string" && ALLOWED.includes(v.toLowerCase()), '"TLSv1.2" or "TLSv1.3"'),
});
