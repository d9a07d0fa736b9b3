/**
 * The production database accepts Microsoft Entra identities, so people sign in with their own (MFA-protected,
 * centrally revoked) accounts instead of sharing the admin password.
 * @severity medium
 */
import { AZURE } from "../resource-types.js";
import { equalsIgnoreCase, expectInput } from "../../props.js";
import { defineRule, PRODUCTION_ONLY } from "../../rule.js";

export const postgresEntraAuth = defineRule({
  name: "asc-azure-postgres-entra-auth",
  cloud: "azure",
  description: 'A Postgres flexible server has Microsoft Entra authentication on (authConfig.activeDirectoryAuth "Enabled"; mandatory in production).',
  severity: "medium",
  frameworks: { mcsb: ["IM-1"] },
  mandatoryTiers: PRODUCTION_ONLY,
  remediation:
    'Set asc:azure.postgresEntraAdmin.objectId (with its principalName and principalType) to the Entra group that administers the database: asc then sets authConfig { activeDirectoryAuth: "Enabled", passwordAuth: "Enabled", tenantId } and creates the Entra administrator.',
  configKeys: ["azure.postgresEntraAdmin.objectId"],
  resourceTypes: AZURE.postgresServer,
  check: (_type, props) =>
    expectInput(props, { path: "authConfig.activeDirectoryAuth", ok: equalsIgnoreCase("Enabled"), must: '"Enabled"', missingNote: "the Azure default is Disabled" }),
});
