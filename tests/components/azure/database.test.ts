import { DATABASE_TYPE, Database, resolveDatabaseArgs, type DatabaseArgs } from "../../../src/components/azure/database.js";
import { MOCK_RANDOM_PREFIX } from "../../../src/preview/mocks.js";
import { snapshotGraph, type GraphSnapshot } from "../../helpers/graph-snapshot.js";
import { promiseOf, usePulumiMocks } from "../../helpers/pulumi.js";

const mocked = usePulumiMocks({ region: "westeurope" });
const TAGS = { project: "asc", tier: "production" };
const BASE: DatabaseArgs = {
  resourceGroupName: "rg",
  location: "westeurope",
  size: "large",
  storageGiB: 100,
  engineVersion: "16",
  highAvailability: true,
  geoRedundantBackup: true,
  backupRetentionDays: 14,
  deletionProtection: true,
  databaseName: "app",
  username: "app_admin",
  passwordEpoch: 2,
  delegatedSubnetId: "/subnets/postgres",
  privateDnsZoneId: "/zones/asc.private.postgres.database.azure.com",
  vaultName: "asc-prod-kv",
  tags: TAGS,
};

async function build(name: string, overrides: Partial<DatabaseArgs> = {}): Promise<{ db: Database; urn: string; graph: GraphSnapshot }> {
  const db = new Database(name, { ...BASE, ...overrides });
  const [urn] = await Promise.all([promiseOf(db.urn), promiseOf(db.databaseUrlSecretUri), promiseOf(db.fqdn)]);
  return { db, urn, graph: await snapshotGraph(mocked.graph) };
}

describe("resolveDatabaseArgs", () => {
  it("GIVEN a size and storage WHEN resolved THEN the SKU and the Flexible Server storage size follow, private access by default", () => {
    const resolved = resolveDatabaseArgs({ ...BASE, geoRedundantBackup: undefined, tags: undefined });
    const defaults = resolveDatabaseArgs({ ...BASE, deletionProtection: undefined });
    expect([resolved.sku, resolved.storageSizeGB, resolved.geoRedundantBackup, resolved.publicAccess, resolved.tags, defaults.deletionProtection]).toEqual([{ name: "Standard_D2ds_v5", tier: "GeneralPurpose" }, 128, false, false, {}, false]);
  });

  it.each<[string, Partial<DatabaseArgs>, string]>([
    ["HA on a Burstable size", { size: "small" }, 'Database: highAvailability needs a General Purpose server, but size "small" is Standard_B1ms (Burstable). Use size "large" or "xlarge", or turn highAvailability off.'],
    ["6 days of backups", { backupRetentionDays: 6 }, "Database: backupRetentionDays is 6; Flexible Server keeps backups 7 to 35 days. Pass a whole number in that range."],
    ["a negative password epoch", { passwordEpoch: -1 }, "Database: passwordEpoch is -1; it must be a whole number of 0 or more. Bump it by one to rotate the password."],
    ["an Entra admin without a tenant", { entraAdmin: { objectId: "3f2b8c1e-5d4a-4e6f-9b7c-1a2b3c4d5e6f", principalName: "db-admins", principalType: "Group" } }, "Database: entraAdmin needs tenantId, the Entra tenant the principal belongs to. Pass the subscription's tenant (authorization.getClientConfigOutput().tenantId)."],
  ])("GIVEN %s WHEN resolved THEN it throws the exact message", (_label, overrides, message) => {
    expect(() => resolveDatabaseArgs({ ...BASE, ...overrides })).toThrow(message);
  });
});

describe("Database (private, production)", () => {
  let built: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    built = await build("db");
  });

  it("GIVEN the component WHEN created THEN the server is private through the delegated subnet and DNS zone, zone-redundant, geo-backed-up, with a secret password", () => {
    const { graph, urn } = built;
    expect(graph.byName("db").type).toBe(DATABASE_TYPE);
    const server = graph.byName("db-server");
    expect(server).toMatchObject({ type: "azure-native:dbforpostgresql:Server", parent: urn });
    expect(server.inputs).toEqual({
      resourceGroupName: "rg",
      location: "westeurope",
      version: "16",
      sku: { name: "Standard_D2ds_v5", tier: "GeneralPurpose" },
      administratorLogin: "app_admin",
      administratorLoginPassword: "[secret]",
      // tenantId, availabilityZone and standbyAvailabilityZone "" are the SDK's defaults ("no preference").
      authConfig: { passwordAuth: "Enabled", activeDirectoryAuth: "Disabled", tenantId: "" },
      availabilityZone: "",
      storage: { storageSizeGB: 128, autoGrow: "Enabled" },
      backup: { backupRetentionDays: 14, geoRedundantBackup: "Enabled" },
      highAvailability: { mode: "ZoneRedundant", standbyAvailabilityZone: "" },
      network: { delegatedSubnetResourceId: "/subnets/postgres", privateDnsZoneArmResourceId: "/zones/asc.private.postgres.database.azure.com", publicNetworkAccess: "Disabled" },
      tags: TAGS,
    });
    expect(server.secretInputs).toEqual(["administratorLoginPassword"]);
    expect(server.protect).toBe(true);
    expect(graph.byName("db-password").inputs).toEqual({ length: 40, special: false, keepers: { epoch: "2" } });
    expect(graph.byType("azure-native:dbforpostgresql:FirewallRule")).toEqual([]);
  });

  it("GIVEN the server WHEN configured THEN TLS is required and at least 1.2, applied one parameter after the other, and the database waits for both", () => {
    const { graph } = built;
    const tls = graph.byName("db-require-secure-transport");
    const minimum = graph.byName("db-ssl-min-protocol-version");
    expect(tls.inputs).toEqual({ resourceGroupName: "rg", serverName: "db-server-mock", configurationName: "require_secure_transport", value: "on", source: "user-override" });
    expect(minimum.inputs).toEqual({ resourceGroupName: "rg", serverName: "db-server-mock", configurationName: "ssl_min_protocol_version", value: "TLSv1.2", source: "user-override" });
    expect(minimum.dependencies).toContain(tls.urn);
    const database = graph.byName("db-database");
    expect(database.inputs).toEqual({ resourceGroupName: "rg", serverName: "db-server-mock", databaseName: "app", charset: "UTF8", collation: "en_US.utf8" });
    expect(database.dependencies).toContain(graph.byName("db-connection-throttle").urn);
  });

  it.each([
    ["db-log-connections", "log_connections", "db-ssl-min-protocol-version"],
    ["db-log-disconnections", "log_disconnections", "db-log-connections"],
    ["db-connection-throttle", "connection_throttle.enable", "db-log-disconnections"],
  ])("GIVEN the audit parameters WHEN configured THEN %s sets %s on, after %s", (logical, parameter, previous) => {
    const { graph } = built;
    expect(graph.byName(logical).inputs).toEqual({ resourceGroupName: "rg", serverName: "db-server-mock", configurationName: parameter, value: "on", source: "user-override" });
    expect(graph.byName(logical).dependencies).toContain(graph.byName(previous).urn);
  });

  it("GIVEN the server WHEN DATABASE_URL is stored THEN it is a secret in the vault, built from the password, host and database, and nowhere in plain text", async () => {
    const { graph, db } = built;
    const secret = graph.byName("db-database-url");
    expect(secret.inputs).toEqual({ resourceGroupName: "rg", vaultName: "asc-prod-kv", secretName: "database-url", properties: { value: "[secret]", contentType: "text/plain" }, tags: TAGS });
    expect(secret.propertyDependencies.properties.sort()).toEqual([graph.byName("db-database").urn, graph.byName("db-password").urn, graph.byName("db-server").urn].sort());
    expect(await promiseOf(db.databaseUrlSecretUri)).toMatch(/^https:\/\/asc-prod-kv\.vault\.azure\.net\/secrets\/database-url\/[0-9a-f]{32}$/);
    expect(db.databaseUrlSecretName).toBe("database-url");
    expect(await promiseOf(db.fqdn)).toBe("db-server-mock.postgres.database.azure.com");
    expect(JSON.stringify(graph.resources) + JSON.stringify([...mocked.graph.componentOutputs.values()])).not.toContain(MOCK_RANDOM_PREFIX);
  });
});

describe("Database (Microsoft Entra administrator)", () => {
  const ADMIN = { objectId: "3f2b8c1e-5d4a-4e6f-9b7c-1a2b3c4d5e6f", principalName: "asc-prod-db-admins", principalType: "Group" } as const;
  const TENANT = "aaaabbbb-0000-cccc-1111-dddd2222eeee";
  let graph: GraphSnapshot;
  beforeAll(async () => {
    ({ graph } = await build("entradb", { entraAdmin: ADMIN, tenantId: TENANT }));
  });

  it("GIVEN an Entra admin WHEN created THEN Entra authentication is on beside password authentication, in the admin's tenant", () => {
    expect(graph.byName("entradb-server").inputs.authConfig).toEqual({ passwordAuth: "Enabled", activeDirectoryAuth: "Enabled", tenantId: TENANT });
    expect(graph.byName("entradb-server").inputs.administratorLoginPassword).toBe("[secret]");
  });

  it("GIVEN an Entra admin WHEN created THEN the administrator resource names the principal, after the last server parameter, and the database waits for it", () => {
    const admin = graph.byName("entradb-entra-admin");
    expect(admin).toMatchObject({ type: "azure-native:dbforpostgresql:AdministratorsMicrosoftEntra", parent: graph.byName("entradb").urn });
    expect(admin.inputs).toEqual({ resourceGroupName: "rg", serverName: "entradb-server-mock", objectId: ADMIN.objectId, principalName: "asc-prod-db-admins", principalType: "Group", tenantId: TENANT });
    expect(admin.dependencies).toContain(graph.byName("entradb-connection-throttle").urn);
    expect(graph.byName("entradb-database").dependencies).toContain(admin.urn);
  });

  it("GIVEN no Entra admin WHEN created THEN there is no administrator resource and Entra authentication stays off", async () => {
    const { graph: plain } = await build("plaindb", { tenantId: TENANT });
    expect(plain.byType("azure-native:dbforpostgresql:AdministratorsMicrosoftEntra")).toEqual([]);
    expect(plain.byName("plaindb-server").inputs.authConfig).toEqual({ passwordAuth: "Enabled", activeDirectoryAuth: "Disabled", tenantId: "" });
  });
});

describe("Database (dev public access)", () => {
  it("GIVEN publicAccess WHEN created THEN the server is public without the subnet, one firewall rule opens it, and HA and geo backups are off", async () => {
    const { graph } = await build("devdb", { size: "small", highAvailability: false, geoRedundantBackup: false, deletionProtection: undefined, backupRetentionDays: 7, publicAccess: true });
    expect(graph.byName("devdb-server").protect).toBe(false);
    const inputs = graph.byName("devdb-server").inputs;
    expect(inputs.network).toEqual({ publicNetworkAccess: "Enabled" });
    expect(inputs.sku).toEqual({ name: "Standard_B1ms", tier: "Burstable" });
    expect(inputs.highAvailability).toEqual({ mode: "Disabled", standbyAvailabilityZone: "" });
    expect(inputs.backup).toEqual({ backupRetentionDays: 7, geoRedundantBackup: "Disabled" });
    expect(graph.byName("devdb-public-access").inputs).toEqual({ resourceGroupName: "rg", serverName: "devdb-server-mock", firewallRuleName: "dev-override-public-access", startIpAddress: "0.0.0.0", endIpAddress: "255.255.255.255" });
  });
});
