/**
 * asc doctor's Azure subscription checks with an injected subscription API: resource providers registered, and no
 * soft-deleted Key Vault holding the stack's vault name; then through runDoctorChecks over a real profile file.
 */
import path from "node:path";
import { azureProfileChecks, postgresZoneCapabilityCheck, REQUIRED_RESOURCE_PROVIDERS, resourceProvidersCheck, sdkAzureSubscriptionApi, softDeletedVaultCheck, type AzureSubscriptionApi, type DeletedVaultInfo } from "../../src/cli/lib/azure-subscription-checks.js";
import { renderDoctor, runDoctorChecks } from "../../src/cli/lib/doctor-checks.js";
import { deriveKeyVaultName } from "../../src/components/azure/names.js";
import { loadProfile, readProfileFile } from "../../src/config/load.js";
import { REPO_ROOT, tempProject } from "../helpers/cli.js";

const SUB = "00000000-1111-2222-3333-444444444444";

function fakeApi(states: Record<string, string> = {}, deleted: DeletedVaultInfo[] = [], postgres: boolean | "no answer" = true): AzureSubscriptionApi & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async postgresZoneRedundantHaAndGeoBackup(location) {
      asked.push(`postgres ${location}`);
      return postgres === "no answer" ? undefined : postgres;
    },
    async providerRegistrationState(ns) {
      asked.push(ns);
      return states[ns] ?? "Registered";
    },
    async deletedVaults() {
      return deleted;
    },
  };
}
const input = (api: AzureSubscriptionApi, vaultName = "asc-prod-azure-1a2b3c4d") => ({ profile: "azure-production", subscriptionId: SUB, vaultName, api });

describe("resource providers", () => {
  it("GIVEN every provider registered THEN ok, after asking for each of the nine", async () => {
    const api = fakeApi();
    expect(await resourceProvidersCheck(input(api))).toEqual({ check: "Azure resource providers (azure-production)", status: "ok", detail: `all 9 registered in subscription ${SUB}` });
    expect(api.asked).toEqual([...REQUIRED_RESOURCE_PROVIDERS]);
  });

  it("GIVEN two unregistered and one registering THEN a problem naming each state, with az provider register for the two", async () => {
    const check = await resourceProvidersCheck(input(fakeApi({ "Microsoft.App": "NotRegistered", "Microsoft.Cache": "Registering", "Microsoft.Network": "Unregistered" })));
    expect(check).toEqual({
      check: "Azure resource providers (azure-production)",
      status: "problem",
      detail: `not registered in subscription ${SUB}: Microsoft.App (NotRegistered), Microsoft.Cache (Registering), Microsoft.Network (Unregistered)`,
      fix: `az provider register --namespace Microsoft.App --subscription ${SUB}; az provider register --namespace Microsoft.Network --subscription ${SUB}; wait for Microsoft.Cache to finish registering (az provider show -n <namespace> --query registrationState)`,
    });
  });

  it("GIVEN the API fails THEN a problem with the reason, not a crash", async () => {
    const api: AzureSubscriptionApi = { providerRegistrationState: async () => { throw new Error("AuthorizationFailed: no read access\nmore"); }, deletedVaults: async () => [], postgresZoneRedundantHaAndGeoBackup: async () => true };
    const check = await resourceProvidersCheck(input(api));
    expect(check.status).toBe("problem");
    expect(check.detail).toBe(`could not read the providers of subscription ${SUB}: AuthorizationFailed: no read access`);
  });
});

describe("soft-deleted Key Vault", () => {
  const held = (purgeProtectionEnabled: boolean): DeletedVaultInfo => ({ name: "ASC-prod-azure-1a2b3c4d", location: "westeurope", purgeProtectionEnabled, scheduledPurgeDate: "2027-03-01T10:00:00.000Z" });

  it("GIVEN other soft-deleted vaults only THEN ok", async () => {
    const check = await softDeletedVaultCheck(input(fakeApi({}, [{ name: "someone-else", location: "westeurope", purgeProtectionEnabled: false }])));
    expect(check).toEqual({ check: "Key Vault name asc-prod-azure-1a2b3c4d (azure-production)", status: "ok", detail: `no soft-deleted vault of that name in subscription ${SUB}` });
  });

  it("GIVEN a soft-deleted vault of that name (any case) without purge protection THEN a problem with the purge and recover commands", async () => {
    const check = await softDeletedVaultCheck(input(fakeApi({}, [held(false)])));
    expect(check.status).toBe("problem");
    expect(check.detail).toBe("a soft-deleted vault named ASC-prod-azure-1a2b3c4d (westeurope) holds the name until 2027-03-01; creating the stack's vault would fail");
    expect(check.fix).toBe(`if it holds nothing you need, purge it (az keyvault purge --name ASC-prod-azure-1a2b3c4d --location westeurope --subscription ${SUB}); otherwise recover it (az keyvault recover --name ASC-prod-azure-1a2b3c4d --subscription ${SUB}) and import it into the stack, or set asc:azure.keyVaultName to another name`);
  });

  it("GIVEN purge protection on the held vault THEN the fix does not offer a purge", async () => {
    const check = await softDeletedVaultCheck(input(fakeApi({}, [held(true)])));
    expect(check.fix).toBe(`purge protection forbids purging it: recover it (az keyvault recover --name ASC-prod-azure-1a2b3c4d --subscription ${SUB}) and import it into the stack, or set asc:azure.keyVaultName to another name`);
  });
});

describe("Postgres zone-redundant HA with geo-backup", () => {
  it.each([
    [true, "ok", `subscription ${SUB} may create such a server there`],
    [false, "problem", `Postgres reports zoneRedundantHaAndGeoBackupSupported Disabled for subscription ${SUB} in westeurope: the production server would be refused`],
    ["no answer", "warning", "the capabilities answer has no zoneRedundantHaAndGeoBackupSupported"],
  ] as const)("GIVEN the capabilities say %s THEN %s", async (answer, status, detail) => {
    const check = await postgresZoneCapabilityCheck({ ...input(fakeApi({}, [], answer)), location: "westeurope" });
    expect(check).toMatchObject({ check: "Postgres zone-redundant HA with geo-backup in westeurope (azure-production)", status, detail });
  });

  const credential = { getToken: async () => ({ token: "tok-123", expiresOnTimestamp: Date.now() + 60_000 }) };
  const respond = (status: number, body: unknown) => {
    const calls: { url: string; auth: string | undefined }[] = [];
    const fakeFetch = (async (url: string, init?: RequestInit) => {
      calls.push({ url, auth: (init?.headers as Record<string, string> | undefined)?.authorization });
      return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
    }) as unknown as typeof fetch;
    return { calls, api: sdkAzureSubscriptionApi(SUB, { credential, fetch: fakeFetch }) };
  };

  it("GIVEN ARM answers Enabled (or true, in older API versions) THEN the REST adapter reports true, having called the capabilities URL with the token", async () => {
    const { calls, api } = respond(200, { value: [{ name: "FlexibleServerCapabilities", zoneRedundantHaSupported: "Enabled", zoneRedundantHaAndGeoBackupSupported: "Enabled" }] });
    expect(await api.postgresZoneRedundantHaAndGeoBackup("westeurope")).toBe(true);
    expect(calls).toEqual([{ url: `https://management.azure.com/subscriptions/${SUB}/providers/Microsoft.DBforPostgreSQL/locations/westeurope/capabilities?api-version=2024-08-01`, auth: "Bearer tok-123" }]);
    expect(await respond(200, { value: [{ zoneRedundantHaAndGeoBackupSupported: true }] }).api.postgresZoneRedundantHaAndGeoBackup("westeurope")).toBe(true);
  });

  it("GIVEN Disabled, no field, or an ARM error THEN false, undefined, or a thrown error with ARM's code", async () => {
    expect(await respond(200, { value: [{ zoneRedundantHaAndGeoBackupSupported: "Disabled" }] }).api.postgresZoneRedundantHaAndGeoBackup("eastus")).toBe(false);
    expect(await respond(200, { value: [{ name: "x" }] }).api.postgresZoneRedundantHaAndGeoBackup("eastus")).toBeUndefined();
    await expect(respond(403, { error: { code: "AuthorizationFailed", message: "no access" } }).api.postgresZoneRedundantHaAndGeoBackup("eastus")).rejects.toThrow("403 AuthorizationFailed: no access");
  });
});

describe("asc doctor on an Azure profile", () => {
  const project = () => tempProject({ "azure-production": { copyFrom: path.join(REPO_ROOT, "stacks/Pulumi.azure-production.yaml") } });
  const doctor = (root: string, env: Record<string, string>, api: AzureSubscriptionApi, credentials: "ok" | "problem" = "ok") =>
    runDoctorChecks({
      root,
      env,
      profiles: ["azure-production"],
      services: { checkCloudCredentials: async () => ({ status: credentials, detail: "fake" }) },
      pulumi: async () => { throw new Error("no pulumi in this test"); },
      loadProfile: (profile) => loadProfile({ root, profile, env, now: new Date("2026-12-06") }),
      readProfile: (profile) => readProfileFile(root, profile),
      configuredBackend: null,
      nodeVersion: "v22.12.0",
      azure: { api: () => api, deriveKeyVaultName },
    });

  it("GIVEN ARM_SUBSCRIPTION_ID and a soft-deleted vault with the derived name THEN both checks run and the vault is the problem", async () => {
    const vault = deriveKeyVaultName({ project: "asc-prod", profile: "azure-production", subscriptionId: SUB });
    const checks = await doctor(project(), { ARM_SUBSCRIPTION_ID: SUB, PULUMI_CONFIG_PASSPHRASE: "x" }, fakeApi({}, [{ name: vault, location: "westeurope", purgeProtectionEnabled: true }]));
    const text = renderDoctor(checks);
    expect(text).toContain(`✓ Azure resource providers (azure-production): all 9 registered in subscription ${SUB}`);
    expect(text).toContain(`✗ Key Vault name ${vault} (azure-production): a soft-deleted vault named ${vault} (westeurope) holds the name; creating the stack's vault would fail\n    fix: purge protection forbids purging it`);
    expect(text).toContain(`✓ Postgres zone-redundant HA with geo-backup in westeurope (azure-production): subscription ${SUB} may create such a server there`);
  });

  it("GIVEN no subscription configured THEN a warning with the fix, and the API is not called", async () => {
    const api = fakeApi();
    const checks = await doctor(project(), { PULUMI_CONFIG_PASSPHRASE: "x" }, api);
    expect(checks.find((c) => c.check === "Azure subscription (azure-production)")).toMatchObject({ status: "warning", fix: "pulumi config set azure-native:subscriptionId <id> -s azure-production (az account show --query id -o tsv), or export ARM_SUBSCRIPTION_ID" });
    expect(api.asked).toEqual([]);
  });

  it("GIVEN no Azure credentials THEN the subscription checks are not checked", async () => {
    const api = fakeApi();
    const checks = await doctor(project(), { ARM_SUBSCRIPTION_ID: SUB }, api, "problem");
    expect(checks.find((c) => c.check === "Azure subscription (azure-production)")).toEqual({ check: "Azure subscription (azure-production)", status: "not checked", detail: "needs Azure credentials (see above)" });
    expect(api.asked).toEqual([]);
  });

  it("GIVEN asc:azure.keyVaultName THEN that name is checked, not the derived one", async () => {
    const checks = await azureProfileChecks({ profile: "p", tier: "staging", region: "westeurope", name: "asc-prod", keyVaultName: "my-vault", otherNamespaces: { "azure-native:subscriptionId": SUB }, env: {}, api: () => fakeApi(), deriveKeyVaultName: () => { throw new Error("must not derive"); } });
    expect(checks.map((c) => c.check)).toEqual(["Azure resource providers (p)", "Key Vault name my-vault (p)"]); // staging: no Postgres zone check
  });
});
