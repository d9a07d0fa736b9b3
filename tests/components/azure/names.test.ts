import fc from "fast-check";
import {
  CONTAINER_APP_NAME,
  CONTAINER_APPS_ENVIRONMENT_NAME,
  DNS_NAME,
  KEY_VAULT_NAME,
  RESOURCE_GROUP_NAME,
  STORAGE_ACCOUNT_NAME,
  containerAppFqdn,
  containerAppName,
  containerAppsEnvironmentName,
  deriveKeyVaultName,
  deriveStorageAccountName,
  infrastructureResourceGroupName,
  postgresPrivateDnsZoneName,
  releaseStepJobName,
  roleAssignmentName,
  uuidV5,
  vaultSecretName,
} from "../../../src/components/azure/names.js";
import { AZURE_ROLES, roleDefinitionId } from "../../../src/components/azure/roles.js";
import { BlueprintConfigSchema, ReleaseStep } from "../../../src/config/schema.js";

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

/**
 * Every name asc gives an Azure resource, for the longest asc:name the schema accepts (16 characters; two hyphens in
 * a row are refused for Azure profiles) and the longest release step name (10). Limits: Microsoft's naming rules
 * (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules), as in names.ts.
 */
describe("the longest asc:name against every Azure name limit", () => {
  const LONGEST = 16;
  const longestNames = fc.stringMatching(new RegExp(`^[a-z][a-z0-9-]{${LONGEST - 2}}[a-z0-9]$`)).filter((n) => !n.includes("--"));
  const longestSteps = fc.stringMatching(/^[a-z][a-z0-9-]{8}[a-z0-9]$/).filter((n) => !n.includes("--"));
  const allNames = (project: string, step: string, profile: string, subscriptionId: string) => {
    const seed = { project, profile, subscriptionId };
    return {
      containerApps: ["api", "web", "worker", "migrate"].map((service) => containerAppName(project, service)),
      stepJob: releaseStepJobName(project, step),
      environment: containerAppsEnvironmentName(project),
      infrastructureResourceGroup: infrastructureResourceGroupName(seed),
      postgresDnsZone: postgresPrivateDnsZoneName(project),
      keyVault: deriveKeyVaultName(seed),
      storageAccount: deriveStorageAccountName(seed),
    };
  };

  it("GIVEN the schema WHEN asked THEN 16 characters is the longest asc:name and 10 the longest step name", () => {
    expect(BlueprintConfigSchema.shape.name.safeParse("a".repeat(LONGEST)).success).toBe(true);
    expect(BlueprintConfigSchema.shape.name.safeParse("a".repeat(LONGEST + 1)).success).toBe(false);
    expect(ReleaseStep.shape.name.safeParse("s".repeat(10)).success).toBe(true);
    expect(ReleaseStep.shape.name.safeParse("s".repeat(11)).success).toBe(false);
  });

  it("GIVEN the longest names WHEN every Azure name is derived THEN each stays within its limit", () => {
    fc.assert(
      fc.property(longestNames, longestSteps, profiles, fc.uuid(), (project, step, profile, subscriptionId) => {
        const names = allNames(project, step, profile, subscriptionId);
        for (const app of [...names.containerApps, names.stepJob]) expect(app).toMatch(CONTAINER_APP_NAME);
        expect(names.environment).toMatch(CONTAINER_APPS_ENVIRONMENT_NAME);
        expect(names.infrastructureResourceGroup).toMatch(RESOURCE_GROUP_NAME);
        expect(names.postgresDnsZone).toMatch(DNS_NAME);
        expect(names.keyVault).toMatch(KEY_VAULT_NAME);
        expect(names.storageAccount).toMatch(STORAGE_ACCOUNT_NAME);
      }),
    );
  });

  it("GIVEN one longest name WHEN derived THEN the names and their lengths are these, each under Azure's maximum", () => {
    const names = allNames("abcdefgh-ijklmno", "step-name0", "azure-production", SUB);
    expect(names).toEqual({
      containerApps: ["abcdefgh-ijklmno-api", "abcdefgh-ijklmno-web", "abcdefgh-ijklmno-worker", "abcdefgh-ijklmno-migrate"],
      stepJob: "abcdefgh-ijklmno-step-step-name0",
      environment: "abcdefgh-ijklmno-env",
      infrastructureResourceGroup: "abcdefgh-ijklmno-cae-infra-fe36c4cc",
      postgresDnsZone: "abcdefgh-ijklmno.private.postgres.database.azure.com",
      keyVault: "abcdefgh-ijklmn-fe36c4cc",
      storageAccount: "abcdefghijklmnoafe36c4cc",
    });
    // The step job is the tightest: exactly Azure's 32.
    expect([names.stepJob.length, names.environment.length, names.infrastructureResourceGroup.length]).toEqual([32, 20, 35]);
  });

  it.each<[string, () => string, string | RegExp]>([
    ["an environment name", () => containerAppsEnvironmentName("x".repeat(60)), `Container Apps environment name "${"x".repeat(60)}-env" is not valid; allowed: 2-60 lowercase letters, digits and hyphens, starting with a letter. Shorten asc:name.`],
    ["a resource group name", () => infrastructureResourceGroupName({ project: "x".repeat(80), profile: "p", subscriptionId: SUB }), /^resource group name "x{80}-cae-infra-[0-9a-f]{8}" is not valid; allowed: 1-90 letters, digits, '_', '-', '\.', '\(' and '\)', not ending in '\.'\. Shorten asc:name\.$/],
    ["a step job name", () => releaseStepJobName("abcdefgh-ijklmno", "s".repeat(11)), `container app name "abcdefgh-ijklmno-step-${"s".repeat(11)}" is not valid; allowed: 2-32 lowercase letters, digits and single hyphens, starting with a letter. Shorten asc:name.`],
  ])("GIVEN a name past Azure's limit (%s, not reachable from a valid profile) WHEN derived THEN it throws with the fix", (_what, derive, message) => {
    expect(derive).toThrow(message);
  });
});
