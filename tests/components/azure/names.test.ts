import fc from "fast-check";
import {
  CONTAINER_APP_NAME,
  KEY_VAULT_NAME,
  STORAGE_ACCOUNT_NAME,
  containerAppFqdn,
  containerAppName,
  deriveKeyVaultName,
  deriveStorageAccountName,
  roleAssignmentName,
  uuidV5,
  vaultSecretName,
} from "../../../src/components/azure/names.js";
import { AZURE_ROLES, roleDefinitionId } from "../../../src/components/azure/roles.js";

const SUB = "00000000-0000-0000-0000-000000000000";
const projects = fc.stringMatching(/^[a-z][a-z0-9-]{1,14}[a-z0-9]$/);
const profiles = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,40}$/);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("derived global names", () => {
  it("GIVEN the production profile WHEN names are derived THEN they read like the profile and end in the same short hash", () => {
    const seed = { project: "asc-prod", profile: "azure-production", subscriptionId: SUB };
    expect(deriveStorageAccountName(seed)).toBe("ascprodazureprod1ad441b9");
    expect(deriveKeyVaultName(seed)).toBe("asc-prod-azure-1ad441b9");
  });

  it("GIVEN the same project and profile in two subscriptions WHEN names are derived THEN they differ", () => {
    const a = { project: "asc", profile: "azure-dev", subscriptionId: SUB };
    const b = { ...a, subscriptionId: "11111111-2222-3333-4444-555555555555" };
    expect(deriveStorageAccountName(a)).not.toBe(deriveStorageAccountName(b));
    expect(deriveKeyVaultName(a)).not.toBe(deriveKeyVaultName(b));
  });

  it("GIVEN any project and profile WHEN names are derived THEN Azure accepts them and the same seed gives the same names", () => {
    fc.assert(
      fc.property(projects, profiles, fc.uuid(), (project, profile, subscriptionId) => {
        const seed = { project, profile, subscriptionId };
        expect(deriveStorageAccountName(seed)).toMatch(STORAGE_ACCOUNT_NAME);
        expect(deriveKeyVaultName(seed)).toMatch(KEY_VAULT_NAME);
        expect(deriveStorageAccountName({ ...seed })).toBe(deriveStorageAccountName(seed));
        expect(deriveKeyVaultName({ ...seed })).toBe(deriveKeyVaultName(seed));
      }),
    );
  });
});

describe("roleAssignmentName", () => {
  it("GIVEN the RFC 4122 DNS example WHEN hashed THEN uuidV5 gives the published UUID", () => {
    expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe("2ed6657d-e927-568b-95e1-2665a8aea6a2");
  });

  it("GIVEN a scope, role and principal WHEN named THEN the name is a v5 GUID that ignores ARM's casing", () => {
    const name = roleAssignmentName("/subscriptions/S/resourceGroups/RG/providers/Microsoft.KeyVault/vaults/KV", AZURE_ROLES.keyVaultSecretsUser, "principal-1");
    expect(name).toMatch(GUID);
    expect(roleAssignmentName("/subscriptions/s/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv", AZURE_ROLES.keyVaultSecretsUser, "PRINCIPAL-1")).toBe(name);
  });

  it("GIVEN different scopes, roles or principals WHEN named THEN the names differ", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.constantFrom(...Object.values(AZURE_ROLES)), fc.constantFrom(...Object.values(AZURE_ROLES)), (a, b, r1, r2) => {
        fc.pre(a.toLowerCase() !== b.toLowerCase() || r1 !== r2);
        expect(roleAssignmentName(`/scope/${a}`, r1, "p")).not.toBe(roleAssignmentName(`/scope/${b}`, r2, "p"));
      }),
    );
  });

  it("GIVEN a role WHEN its definition id is built THEN it names the subscription and the built-in GUID", () => {
    expect(roleDefinitionId(SUB, "storageBlobDelegator")).toBe(`/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/db58b8e5-c6ad-4a2a-8342-4190687cbf4a`);
  });
});

describe("container app names and host names", () => {
  it.each([
    ["asc-prod-api", "abc.westeurope.azurecontainerapps.io", true, "asc-prod-api.abc.westeurope.azurecontainerapps.io"],
    ["asc-prod-api", "abc.westeurope.azurecontainerapps.io", false, "asc-prod-api.internal.abc.westeurope.azurecontainerapps.io"],
  ])("GIVEN %s on %s (external %s) WHEN its host is computed THEN it is %s", (app, domain, external, fqdn) => {
    expect(containerAppFqdn(app, domain, external)).toBe(fqdn);
  });

  it("GIVEN any valid project WHEN each service is named THEN the name is a valid container app name", () => {
    fc.assert(
      fc.property(projects, fc.constantFrom("api", "web", "worker", "migrate"), (project, service) => {
        fc.pre(!project.includes("--")); // refused for Azure profiles by the asc:name rule
        expect(containerAppName(project, service)).toMatch(CONTAINER_APP_NAME);
      }),
    );
  });

  it.each([
    ["a-very-long-project-name-x", "a-very-long-project-name-x-migrate"],
    ["asc--prod", "asc--prod-migrate"],
  ])("GIVEN the project %s WHEN named THEN Azure's refusal is raised with the fix", (project, name) => {
    expect(() => containerAppName(project, "migrate")).toThrow(
      `container app name "${name}" is not valid; allowed: 2-32 lowercase letters, digits and single hyphens, starting with a letter. Shorten asc:name.`,
    );
  });

  it("GIVEN a contract variable WHEN its secret name is built THEN it is kebab-case", () => {
    expect(vaultSecretName("AUTH_EMAIL_VERIFICATION_TOKEN_PEPPER")).toBe("auth-email-verification-token-pepper");
  });
});
