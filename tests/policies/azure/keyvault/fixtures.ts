export const KEY_VAULT_TYPE = "azure-native:keyvault:Vault";
export const compliantVault = {
  resourceGroupName: "asc-prod",
  properties: {
    tenantId: "00000000-0000-0000-0000-000000000000",
    sku: { family: "A", name: "standard" },
    enableRbacAuthorization: true,
    enableSoftDelete: true,
    softDeleteRetentionInDays: 90,
    enablePurgeProtection: true,
    publicNetworkAccess: "Disabled",
  },
};
