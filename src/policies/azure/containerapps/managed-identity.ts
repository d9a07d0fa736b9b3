/**
 * Apps and jobs authenticate to Azure with a managed identity, never with keys.
 * @severity high
 */
import { AZURE } from "../resource-types.js";
import { expectInput, lookup } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

export const containerAppsManagedIdentity = defineRule({
  name: "asc-azure-containerapps-managed-identity",
  cloud: "azure",
  description: "A container app or Container Apps job has a managed identity (identity.type other than None).",
  severity: "high",
  frameworks: { azurePolicy: ["Managed Identity should be enabled for Container Apps"], mcsb: ["IM-3"] },
  mandatoryTiers: EVERY_TIER,
  remediation: 'Set identity: { type: "UserAssigned", userAssignedIdentities: [<identity id>] } and grant that identity Key Vault Secrets User and AcrPull.',
  resourceTypes: [...AZURE.containerApp, ...AZURE.containerAppsJob],
  check: (_type, props) =>
    lookup(props, "identity").state === "missing"
      ? ['identity is not set; it must be a managed identity ("UserAssigned" or "SystemAssigned")']
      : expectInput(props, { path: "identity.type", ok: (v) => typeof v === "string" && v !== "" && v !== "None", must: '"UserAssigned" or "SystemAssigned"' }),
});
