/** asc:azure.postgresEntraAdmin: the Postgres Entra administrator, required in production on Azure. */
import { checkAzureEntraAdminPlaceholder } from "../../src/config/azure-rules.js";
import { ENTRA_PLACEHOLDER_OBJECT_ID } from "../../src/config/schema.js";
import { isAscUserError, type AscUserError } from "../../src/errors.js";
import { azureConfig, ENTRA_ADMIN } from "../helpers/azure-config.js";

const errorOf = (fn: () => unknown): AscUserError => {
  try {
    fn();
  } catch (e) {
    if (isAscUserError(e)) return e;
    throw e;
  }
  throw new Error("expected an AscUserError");
};

describe("asc:azure.postgresEntraAdmin", () => {
  it("GIVEN a production Azure profile without it THEN config refuses the profile, with what to set and how to find it", () => {
    const { problems } = errorOf(() => azureConfig("production", { azure: {} }));
    expect(problems).toEqual([{
      path: "asc:azure.postgresEntraAdmin",
      source: "test profile",
      message: "production turns on Microsoft Entra authentication for Postgres, which needs an Entra administrator",
      allowed: "{ objectId: <GUID>, principalName: <name>, principalType: Group | User | ServicePrincipal }",
      fix: `set asc:azure.postgresEntraAdmin to the group that administers the database, e.g. { objectId: <az ad group show --group <name> --query id -o tsv>, principalName: <name>, principalType: Group }; the shipped azure-production profile holds the placeholder ${ENTRA_PLACEHOLDER_OBJECT_ID} to replace`,
    }]);
  });

  it.each(["dev", "staging"] as const)("GIVEN a %s Azure profile without it THEN config accepts it (Entra authentication stays off)", (tier) => {
    expect(azureConfig(tier).azure.postgresEntraAdmin).toBeUndefined();
  });

  it("GIVEN an admin and Microsoft's documented placeholder THEN both are accepted as given", () => {
    expect(azureConfig("production").azure.postgresEntraAdmin).toEqual(ENTRA_ADMIN);
    const placeholder = { ...ENTRA_ADMIN, objectId: ENTRA_PLACEHOLDER_OBJECT_ID };
    expect(azureConfig("staging", { azure: { postgresEntraAdmin: placeholder } }).azure.postgresEntraAdmin).toEqual(placeholder);
  });

  it.each<[string, Record<string, unknown>, { path: string; value: unknown; message: string; allowed?: string }]>([
    ["an object id that is not a GUID", { objectId: "db-admins" }, { path: "asc:azure.postgresEntraAdmin.objectId", value: "db-admins", message: "must be a GUID such as 3f2b8c1e-5d4a-4e6f-9b7c-1a2b3c4d5e6f (the principal's Object ID in Entra)" }],
    ["the nil GUID", { objectId: "00000000-0000-0000-0000-000000000000" }, { path: "asc:azure.postgresEntraAdmin.objectId", value: "00000000-0000-0000-0000-000000000000", message: "is the nil GUID, which names no principal" }],
    ["an unknown principal type", { principalType: "ManagedIdentity" }, { path: "asc:azure.postgresEntraAdmin.principalType", value: "ManagedIdentity", message: "not an allowed value", allowed: "Group, User, ServicePrincipal" }],
    ["a name with a trailing space", { principalName: "db-admins " }, { path: "asc:azure.postgresEntraAdmin.principalName", value: "db-admins ", message: "has leading or trailing whitespace" }],
  ])("GIVEN %s THEN config refuses it with the path, the value, what is allowed and a fix", (_title, change, expected) => {
    const [p] = errorOf(() => azureConfig("staging", { azure: { postgresEntraAdmin: { ...ENTRA_ADMIN, ...change } } })).problems;
    expect(p).toMatchObject(expected);
    expect(p.allowed).toEqual(expect.any(String));
    expect(p.fix).toEqual(expect.stringContaining("asc:azure.postgresEntraAdmin."));
  });

  it("GIVEN an admin without a principal type THEN config says it is required and lists the types", () => {
    const { principalType: _omitted, ...partial } = ENTRA_ADMIN;
    const [p] = errorOf(() => azureConfig("staging", { azure: { postgresEntraAdmin: partial } })).problems;
    expect(p).toMatchObject({ path: "asc:azure.postgresEntraAdmin.principalType", message: "is required", allowed: "Group, User, ServicePrincipal", fix: "set asc:azure.postgresEntraAdmin.principalType to one of the allowed values" });
  });

  it("GIVEN the placeholder object ID THEN the deploy-time check names the path, the value and the az command; a real object ID passes", () => {
    const placeholder = azureConfig("production", { azure: { postgresEntraAdmin: { ...ENTRA_ADMIN, objectId: ENTRA_PLACEHOLDER_OBJECT_ID } } });
    expect(checkAzureEntraAdminPlaceholder(placeholder)).toEqual([{
      path: "asc:azure.postgresEntraAdmin.objectId",
      value: ENTRA_PLACEHOLDER_OBJECT_ID,
      message: "is the placeholder of the shipped profile, not the object ID of a Microsoft Entra principal",
      allowed: "the object ID (GUID) of the Entra group, user or service principal named by principalName",
      fix: `set it to the group's object ID: az ad group show --group ${ENTRA_ADMIN.principalName} --query id -o tsv (for a user: az ad user show --id <upn> --query id -o tsv; for a service principal: az ad sp show --id <app id> --query id -o tsv)`,
    }]);
    expect(checkAzureEntraAdminPlaceholder(azureConfig("production"))).toEqual([]);
    expect(checkAzureEntraAdminPlaceholder(azureConfig("staging"))).toEqual([]);
  });
});
