/**
 * The production database fails over to a standby.
 * @severity medium
 */
import { AZURE } from "../resource-types.js";
import { expectInput } from "../../props.js";
import { defineRule, PRODUCTION_ONLY } from "../../rule.js";

const HA_MODES = ["zoneredundant", "samezone"];

export const postgresHighAvailability = defineRule({
  name: "asc-azure-postgres-high-availability",
  cloud: "azure",
  description: 'A Postgres flexible server has high availability (highAvailability.mode "ZoneRedundant" or "SameZone"; mandatory in production).',
  severity: "medium",
  frameworks: {},
  mandatoryTiers: PRODUCTION_ONLY,
  remediation: 'Set highAvailability: { mode: "ZoneRedundant" } (asc:database.highAvailability: true); it needs a General Purpose or Memory Optimized SKU.',
  configKeys: ["database.highAvailability"],
  resourceTypes: AZURE.postgresServer,
  check: (_type, props) =>
    expectInput(props, {
      path: "highAvailability.mode",
      ok: (v) => typeof v === "string" && HA_MODES.includes(v.toLowerCase()),
      must: '"ZoneRedundant" or "SameZone"',
      missingNote: "high availability is off by default",
    }),
});
