/**
 * Postgres refuses connections without TLS.
 * @severity high
 */
import { AZURE } from "../resource-types.js";
import { equalsIgnoreCase } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";
import { checkServerParameter } from "./server-parameter.js";

export const postgresSecureTransport = defineRule({
  name: "asc-azure-postgres-secure-transport",
  cloud: "azure",
  description: 'A require_secure_transport server parameter, when asc sets one, is "on" (the flexible server default).',
  severity: "high",
  frameworks: { azurePolicy: ["Enforce SSL connection should be enabled for PostgreSQL database servers"], mcsb: ["DP-3"] },
  mandatoryTiers: EVERY_TIER,
  remediation: 'Set the dbforpostgresql.Configuration "require_secure_transport" to value "on" (source "user-override"), or remove it to keep the default.',
  resourceTypes: AZURE.postgresConfiguration,
  check: (_type, props) => checkServerParameter(props, "require_secure_transport", equalsIgnoreCase("on"), '"on"'),
});
