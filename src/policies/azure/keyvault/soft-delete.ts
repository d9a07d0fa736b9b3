/**
 * Deleted secrets can be recovered.
 * @severity high
 */
import { AZURE } from "../resource-types.js";
import { expectInput } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

export const keyVaultSoftDelete = defineRule({
  name: "asc-azure-keyvault-soft-delete",
  cloud: "azure",
  description: "A Key Vault keeps soft delete on (properties.enableSoftDelete is not false; unset means the Azure default, true).",
  severity: "high",
  frameworks: { checkov: ["CKV_AZURE_42"], azurePolicy: ["Key vaults should have soft delete enabled"], mcsb: ["DP-8"] },
  mandatoryTiers: EVERY_TIER,
  remediation: "Remove enableSoftDelete: false (soft delete cannot be turned off on new vaults anyway).",
  resourceTypes: AZURE.keyVault,
  check: (_type, props) =>
    expectInput(props, { path: "properties.enableSoftDelete", ok: (v) => v !== false, must: "true", whenMissing: "compliant" }),
});
