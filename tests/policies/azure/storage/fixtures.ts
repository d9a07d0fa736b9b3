export const STORAGE_ACCOUNT_TYPE = "azure-native:storage:StorageAccount";
export const compliantAccount = {
  resourceGroupName: "asc-prod",
  kind: "StorageV2",
  sku: { name: "Standard_ZRS" },
  minimumTlsVersion: "TLS1_2",
  enableHttpsTrafficOnly: true,
  allowBlobPublicAccess: false,
  allowSharedKeyAccess: false,
  networkRuleSet: { defaultAction: "Deny", bypass: "AzureServices" },
};
