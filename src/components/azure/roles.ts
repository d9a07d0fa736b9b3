/** Built-in Azure role definition GUIDs asc assigns, and their full resource ids. Pure. */

export const AZURE_ROLES = {
  /** Read secret contents (Container Apps Key Vault references, the app's own reads). */
  keyVaultSecretsUser: "4633458b-17de-408a-b874-0445c86b69e6",
  /** Read and write secrets; scoped to the keyset and signing secrets only. */
  keyVaultSecretsOfficer: "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
  /** Read, write and delete blobs. */
  storageBlobDataContributor: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
  /** Get a user delegation key, to sign user-delegation SAS URLs. */
  storageBlobDelegator: "db58b8e5-c6ad-4a2a-8342-4190687cbf4a",
  /** Pull images from an Azure Container Registry (learn.microsoft.com/azure/role-based-access-control/built-in-roles/containers#acrpull). */
  acrPull: "7f951dda-4ed3-4680-a7ca-43fe172d538d",
} as const;

export type AzureRole = keyof typeof AZURE_ROLES;

/** `/subscriptions/<id>/providers/Microsoft.Authorization/roleDefinitions/<guid>`. */
export function roleDefinitionId(subscriptionId: string, role: AzureRole): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${AZURE_ROLES[role]}`;
}
