/**
 * Production backups survive the loss of a region.
 * @severity medium
 */
import { AZURE } from "../resource-types.js";
import { equalsIgnoreCase, expectInput } from "../../props.js";
import { defineRule, PRODUCTION_ONLY } from "../../rule.js";

export const postgresGeoRedundantBackup = defineRule({
  name: "asc-azure-postgres-geo-redundant-backup",
  cloud: "azure",
  description: 'A Postgres flexible server has geo-redundant backups (backup.geoRedundantBackup "Enabled"; mandatory in production).',
  severity: "medium",
  frameworks: { azurePolicy: ["Geo-redundant backup should be enabled for Azure Database for PostgreSQL"], mcsb: ["BR-1"] },
  mandatoryTiers: PRODUCTION_ONLY,
  remediation: 'Set backup: { geoRedundantBackup: "Enabled", backupRetentionDays } when the server is created (it cannot be changed later).',
  resourceTypes: AZURE.postgresServer,
  check: (_type, props) =>
    expectInput(props, { path: "backup.geoRedundantBackup", ok: equalsIgnoreCase("Enabled"), must: '"Enabled"', missingNote: "the Azure default is Disabled" }),
});
