/**
 * The vault is reachable only through a private endpoint.
 * @severity high
 */
import { AZURE } from "../resource-types.js";
import { equalsIgnoreCase, expectInput } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

export const keyVaultNoPublicNetwork = defineRule({
  name: "asc-azure-keyvault-no-public-network",
  cloud: "azure",
  description: 'A Key Vault disables public network access (properties.publicNetworkAccess "Disabled").',
  severity: "high",
  frameworks: { azurePolicy: ["Azure Key Vault should disable public network access"], mcsb: ["NS-2"] },
  mandatoryTiers: EVERY_TIER,
  remediation: 'Set properties.publicNetworkAccess: "Disabled" and reach the vault through a private endpoint (Container Apps resolve Key Vault references through the VNet).',
  resourceTypes: AZURE.keyVault,
  check: (_type, props) =>
    expectInput(props, { path: "properties.publicNetworkAccess", ok: equalsIgnoreCase("Disabled"), must: '"Disabled"', missingNote: "the Azure default is enabled" }),
});
