/**
 * Vault access is granted with Azure RBAC, not access policies.
 * @severity medium
 */
import { AZURE } from "../resource-types.js";
import { expectInput, isTrue } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

export const keyVaultRbac = defineRule({
  name: "asc-azure-keyvault-rbac",
  cloud: "azure",
  description: "A Key Vault uses the RBAC permission model (properties.enableRbacAuthorization true).",
  severity: "medium",
  frameworks: { azurePolicy: ["Azure Key Vault should use RBAC permission model"], mcsb: ["PA-7"] },
  mandatoryTiers: EVERY_TIER,
  remediation: "Set properties.enableRbacAuthorization: true and grant identities Key Vault Secrets User / Officer role assignments.",
  resourceTypes: AZURE.keyVault,
  check: (_type, props) =>
    expectInput(props, { path: "properties.enableRbacAuthorization", ok: isTrue, must: "true", missingNote: "the vault uses access policies" }),
});
