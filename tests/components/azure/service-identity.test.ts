import { roleAssignmentName } from "../../../src/components/azure/names.js";
import { AZURE_ROLES } from "../../../src/components/azure/roles.js";
import { SERVICE_IDENTITY_TYPE, ServiceIdentity, resolveServiceIdentityArgs, type ServiceIdentityArgs } from "../../../src/components/azure/service-identity.js";
import { snapshotGraph } from "../../helpers/graph-snapshot.js";
import { promiseOf, usePulumiMocks } from "../../helpers/pulumi.js";

const mocked = usePulumiMocks({ region: "westeurope" });
const SUB = "00000000-0000-0000-0000-000000000000";
const VAULT = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv`;
const KEYSET = `${VAULT}/secrets/auth-keyset`;
const BASE: ServiceIdentityArgs = {
  resourceGroupName: "rg",
  location: "westeurope",
  subscriptionId: SUB,
  grants: [
    { part: "vault-secrets-user", role: "keyVaultSecretsUser", scope: VAULT },
    { part: "keyset-secrets-officer", role: "keyVaultSecretsOfficer", scope: KEYSET },
  ],
  tags: { project: "asc" },
};

describe("resolveServiceIdentityArgs", () => {
  it("GIVEN no grants WHEN resolved THEN the identity has none", () => {
    expect(resolveServiceIdentityArgs({ ...BASE, grants: undefined, tags: undefined })).toMatchObject({ grants: [], tags: {} });
  });

  it.each<[ServiceIdentityArgs["grants"], string]>([
    [[{ part: "x", role: "keyVaultSecretsUser", scope: VAULT }, { part: "x", role: "storageBlobDelegator", scope: VAULT }], 'ServiceIdentity grants: part "x" is used twice; give each grant its own part.'],
    [[{ part: "Vault User", role: "keyVaultSecretsUser", scope: VAULT }], 'ServiceIdentity grants: part "Vault User" is not a kebab-case name suffix such as "vault-secrets-user".'],
  ])("GIVEN grants %j WHEN resolved THEN it throws the exact message", (grants, message) => {
    expect(() => resolveServiceIdentityArgs({ ...BASE, grants })).toThrow(message);
  });
});

describe("ServiceIdentity", () => {
  it("GIVEN two grants WHEN created THEN a tagged identity gets each role on its scope, as a service principal, under a deterministic GUID name", async () => {
    const identity = new ServiceIdentity("api-id", BASE);
    const [urn, clientId, id] = await Promise.all([promiseOf(identity.urn), promiseOf(identity.clientId), promiseOf(identity.id), ...identity.roleAssignments.map((a) => promiseOf(a.id))]);
    const graph = await snapshotGraph(mocked.graph);
    expect(graph.byName("api-id").type).toBe(SERVICE_IDENTITY_TYPE);
    expect(graph.byName("api-id-uami")).toMatchObject({ type: "azure-native:managedidentity:UserAssignedIdentity", parent: urn, inputs: { resourceGroupName: "rg", location: "westeurope", tags: { project: "asc" } } });
    expect(graph.byName("api-id-vault-secrets-user")).toMatchObject({ type: "azure-native:authorization:RoleAssignment", parent: urn });
    expect(graph.byName("api-id-vault-secrets-user").inputs).toEqual({
      scope: VAULT,
      roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${AZURE_ROLES.keyVaultSecretsUser}`,
      principalId: "principal-api-id-uami",
      principalType: "ServicePrincipal",
      roleAssignmentName: roleAssignmentName(VAULT, AZURE_ROLES.keyVaultSecretsUser, "principal-api-id-uami"),
    });
    expect(graph.byName("api-id-keyset-secrets-officer").inputs).toEqual({
      scope: KEYSET,
      roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${AZURE_ROLES.keyVaultSecretsOfficer}`,
      principalId: "principal-api-id-uami",
      principalType: "ServicePrincipal",
      roleAssignmentName: roleAssignmentName(KEYSET, AZURE_ROLES.keyVaultSecretsOfficer, "principal-api-id-uami"),
    });
    expect(graph.byName("api-id-keyset-secrets-officer").propertyDependencies.principalId).toEqual([graph.byName("api-id-uami").urn]);
    expect(identity.roleAssignments).toHaveLength(2);
    expect(clientId).toBe("client-api-id-uami");
    expect(id).toBe("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/managedidentity/UserAssignedIdentity/api-id-uami-mock");
  });
});
