/**
 * Deleted secrets cannot be purged before their retention ends.
 * @severity high
 */
import { AZURE } from "../resource-types.js";
import { expectInput, isTrue } from "../../props.js";
import { defineRule, OUTSIDE_DEV } from "../../rule.js";

export const keyVaultPurgeProtection = defineRule({
  name: "asc-azure-keyvault-purge-protection",
  cloud: "azure",
  description: "A Key Vault has purge protection (properties.enablePurgeProtection true); only dev may turn it off.",
  severity: "high",
  frameworks: { checkov: ["CKV_AZURE_110"], azurePolicy: ["Key vaults should have deletion protection enabled"], mcsb: ["DP-8"] },
  mandatoryTiers: OUTSIDE_DEV,
  devOverride: "keyVaultPurgeProtection",
  remediation: "Set properties.enablePurgeProtection: true (it cannot be turned off again); in dev only, asc:devOverrides.keyVaultPurgeProtection: false relaxes this.",
  configKeys: ["devOverrides.keyVaultPurgeProtection"],
  resourceTypes: AZURE.keyVault,
  check: (_type, props) =>
    expectInput(props, { path: "properties.enablePurgeProtection", ok: isTrue, must: "true", missingNote: "deleted vaults and secrets can be purged at once" }),
});
