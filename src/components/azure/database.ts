/**
 * Database: Azure Database for PostgreSQL Flexible Server in the VNet's delegated subnet (private access through
 * private DNS), TLS 1.2+ only, with the app's database and its DATABASE_URL kept in Key Vault. The admin password
 * comes from `@pulumi/random`; bump `passwordEpoch` to rotate it. The password exists nowhere else. With an Entra
 * administrator, Microsoft Entra authentication is on beside password authentication
 * (https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-azure-ad-authentication).
 */
import * as dbforpostgresql from "@pulumi/azure-native/dbforpostgresql/index.js";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { postgresSku, postgresStorageSizeGB, type DatabaseSize, type PostgresSku } from "../../sizing/azure-instances.js";
import { definedOnly, type AzureTags } from "./args.js";
import { createVaultSecret } from "./vault-secret.js";

export const DATABASE_TYPE = "asc:azure:Database";
export const POSTGRES_PORT = 5432;
export const DATABASE_URL_SECRET_NAME = "database-url";

/**
 * Server parameters asc sets, one at a time (the server is busy otherwise): TLS only, nothing older than TLS 1.2,
 * and the audit trail of the CIS Azure benchmark's Postgres flexible server controls — every connection and
 * disconnection logged, and connection throttling (temporary lockout after repeated failed logins) on.
 */
export const SERVER_PARAMETERS = [
  { part: "require-secure-transport", name: "require_secure_transport", value: "on" },
  { part: "ssl-min-protocol-version", name: "ssl_min_protocol_version", value: "TLSv1.2" },
  { part: "log-connections", name: "log_connections", value: "on" },
  { part: "log-disconnections", name: "log_disconnections", value: "on" },
  { part: "connection-throttle", name: "connection_throttle.enable", value: "on" },
] as const;

/** A Microsoft Entra principal that administers the server (ARM `flexibleServers/administrators/{objectId}`). */
export interface PostgresEntraAdminArgs {
  /** Object ID of the principal in Entra. @example "3f2b8c1e-5d4a-4e6f-9b7c-1a2b3c4d5e6f" */
  readonly objectId: string;
  /** The principal's name (a group's display name, a user's UPN). @example "asc-prod-db-admins" */
  readonly principalName: string;
  readonly principalType: "Group" | "User" | "ServicePrincipal";
}

export interface DatabaseArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  /** Azure location. @example "westeurope" */
  readonly location: string;
  /** Mapped to a SKU by `postgresSku` (small/medium: Burstable, large/xlarge: General Purpose). */
  readonly size: DatabaseSize;
  /** Storage in GiB, rounded up to the next Flexible Server size (32, 64, 128 …). */
  readonly storageGiB: number;
  /** Postgres major version. */
  readonly engineVersion: "15" | "16" | "17";
  /** Zone-redundant HA (a standby in another zone); needs a General Purpose size. */
  readonly highAvailability: boolean;
  /** Keep backups in the paired region too. Fixed at creation. @default false */
  readonly geoRedundantBackup?: boolean;
  /** Backup retention in days (7 to 35). */
  readonly backupRetentionDays: number;
  /** The app's database. */
  readonly databaseName: string;
  /** Admin login. */
  readonly username: string;
  /** Rotation epoch of the admin password: a new number generates a new password (and DATABASE_URL). */
  readonly passwordEpoch: number;
  /** The subnet delegated to Microsoft.DBforPostgreSQL/flexibleServers. */
  readonly delegatedSubnetId: pulumi.Input<string>;
  /** The private DNS zone (ending in .postgres.database.azure.com) linked to the VNet. */
  readonly privateDnsZoneId: pulumi.Input<string>;
  /**
   * Dev only: public access with a firewall rule open to every address, instead of the delegated subnet.
   * @default false
   */
  readonly publicAccess?: boolean;
  /**
   * Protect the server in Pulumi (`protect`): `pulumi destroy` refuses to delete it until the flag is turned off.
   * Flexible Server has no deletion protection of its own.
   * @default false
   */
  readonly deletionProtection?: boolean;
  /**
   * Turn on Microsoft Entra authentication beside password authentication (DATABASE_URL keeps its password) and make
   * this principal an administrator. Without it Entra authentication stays off: with no Entra administrator, no Entra
   * identity could sign in.
   * @default - password authentication only
   */
  readonly entraAdmin?: PostgresEntraAdminArgs;
  /** The Entra tenant of `entraAdmin` (the subscription's tenant); required with it. */
  readonly tenantId?: pulumi.Input<string>;
  /** The vault DATABASE_URL is stored in. */
  readonly vaultName: pulumi.Input<string>;
  /** Tags for every taggable child. @default {} */
  readonly tags?: AzureTags;
}

export interface ResolvedDatabaseArgs extends DatabaseArgs {
  readonly geoRedundantBackup: boolean;
  readonly deletionProtection: boolean;
  readonly publicAccess: boolean;
  readonly tags: AzureTags;
  readonly sku: PostgresSku;
  readonly storageSizeGB: number;
}

/** Applies defaults and refuses conflicting args. Pure. */
export function resolveDatabaseArgs(args: DatabaseArgs): ResolvedDatabaseArgs {
  const base = { geoRedundantBackup: false, deletionProtection: false, publicAccess: false, tags: {}, ...definedOnly(args) } as DatabaseArgs & {
    geoRedundantBackup: boolean;
    deletionProtection: boolean;
    publicAccess: boolean;
    tags: AzureTags;
  };
  const resolved: ResolvedDatabaseArgs = { ...base, sku: postgresSku(base.size), storageSizeGB: postgresStorageSizeGB(base.storageGiB) };
  if (resolved.highAvailability && resolved.sku.tier === "Burstable") {
    throw new Error(`Database: highAvailability needs a General Purpose server, but size "${resolved.size}" is ${resolved.sku.name} (Burstable). Use size "large" or "xlarge", or turn highAvailability off.`);
  }
  if (!Number.isInteger(resolved.backupRetentionDays) || resolved.backupRetentionDays < 7 || resolved.backupRetentionDays > 35) {
    throw new Error(`Database: backupRetentionDays is ${resolved.backupRetentionDays}; Flexible Server keeps backups 7 to 35 days. Pass a whole number in that range.`);
  }
  if (resolved.entraAdmin && resolved.tenantId === undefined) {
    throw new Error("Database: entraAdmin needs tenantId, the Entra tenant the principal belongs to. Pass the subscription's tenant (authorization.getClientConfigOutput().tenantId).");
  }
  if (!Number.isInteger(resolved.passwordEpoch) || resolved.passwordEpoch < 0) {
    throw new Error(`Database: passwordEpoch is ${resolved.passwordEpoch}; it must be a whole number of 0 or more. Bump it by one to rotate the password.`);
  }
  return resolved;
}

export class Database extends pulumi.ComponentResource {
  readonly serverName: pulumi.Output<string>;
  /** Host name: a private address from inside the VNet. */
  readonly fqdn: pulumi.Output<string>;
  /** Unversioned Key Vault URI of DATABASE_URL (`postgresql+asyncpg://…?ssl=require`). */
  readonly databaseUrlSecretUri: pulumi.Output<string>;
  readonly databaseUrlSecretName: string;
  /** ARM id of the DATABASE_URL secret: the scope of a per-secret read grant. */
  readonly databaseUrlSecretId: pulumi.Output<string>;

  constructor(name: string, args: DatabaseArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(DATABASE_TYPE, name, {}, opts);
    const resolved = resolveDatabaseArgs(args);

    const password = this.createPassword(name, resolved);
    const server = this.createServer(name, resolved, password);
    const parameters = this.createParameters(name, resolved, server);
    const settled = this.createEntraAdmin(name, resolved, server, parameters);
    const database = new dbforpostgresql.Database(
      `${name}-database`,
      { resourceGroupName: resolved.resourceGroupName, serverName: server.name, databaseName: resolved.databaseName, charset: "UTF8", collation: "en_US.utf8" },
      { parent: this, dependsOn: settled },
    );
    const url = pulumi.interpolate`postgresql+asyncpg://${resolved.username}:${password}@${server.fullyQualifiedDomainName}:${POSTGRES_PORT}/${database.name}?ssl=require`;
    const secret = createVaultSecret(
      `${name}-database-url`,
      { resourceGroupName: resolved.resourceGroupName, vaultName: resolved.vaultName, secretName: DATABASE_URL_SECRET_NAME, value: url, tags: resolved.tags },
      this,
    );

    this.serverName = server.name;
    this.fqdn = server.fullyQualifiedDomainName;
    this.databaseUrlSecretUri = secret.versionedUri;
    this.databaseUrlSecretName = DATABASE_URL_SECRET_NAME;
    this.databaseUrlSecretId = secret.id;
    this.registerOutputs({ serverName: this.serverName, fqdn: this.fqdn, databaseUrlSecretUri: this.databaseUrlSecretUri, databaseUrlSecretName: this.databaseUrlSecretName });
  }

  /** Alphanumeric only, so the password needs no escaping inside DATABASE_URL. */
  private createPassword(name: string, args: ResolvedDatabaseArgs): pulumi.Output<string> {
    const password = new random.RandomPassword(`${name}-password`, { length: 40, special: false, keepers: { epoch: String(args.passwordEpoch) } }, { parent: this });
    return pulumi.secret(password.result);
  }

  private createServer(name: string, args: ResolvedDatabaseArgs, password: pulumi.Output<string>): dbforpostgresql.Server {
    const network = args.publicAccess
      ? { publicNetworkAccess: "Enabled" }
      : { delegatedSubnetResourceId: args.delegatedSubnetId, privateDnsZoneArmResourceId: args.privateDnsZoneId, publicNetworkAccess: "Disabled" };
    const server = new dbforpostgresql.Server(
      `${name}-server`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        version: args.engineVersion,
        sku: { name: args.sku.name, tier: args.sku.tier },
        administratorLogin: args.username,
        administratorLoginPassword: password,
        authConfig: args.entraAdmin
          ? { passwordAuth: "Enabled", activeDirectoryAuth: "Enabled", tenantId: args.tenantId }
          : { passwordAuth: "Enabled", activeDirectoryAuth: "Disabled" },
        storage: { storageSizeGB: args.storageSizeGB, autoGrow: "Enabled" },
        backup: { backupRetentionDays: args.backupRetentionDays, geoRedundantBackup: args.geoRedundantBackup ? "Enabled" : "Disabled" },
        highAvailability: { mode: args.highAvailability ? "ZoneRedundant" : "Disabled" },
        network,
        tags: args.tags,
      },
      { parent: this, protect: args.deletionProtection },
    );
    if (args.publicAccess) {
      new dbforpostgresql.FirewallRule(
        `${name}-public-access`,
        { resourceGroupName: args.resourceGroupName, serverName: server.name, firewallRuleName: "dev-override-public-access", startIpAddress: "0.0.0.0", endIpAddress: "255.255.255.255" },
        { parent: this },
      );
    }
    return server;
  }

  /**
   * The Entra administrator, after the server parameters: the server takes one change at a time. Microsoft documents
   * administrators as users, groups, service principals or managed identities, several per server, added through
   * the portal or ARM (https://learn.microsoft.com/azure/postgresql/flexible-server/how-to-manage-azure-ad-users).
   */
  private createEntraAdmin(name: string, args: ResolvedDatabaseArgs, server: dbforpostgresql.Server, after: pulumi.Resource[]): pulumi.Resource[] {
    if (!args.entraAdmin) return after;
    const admin = new dbforpostgresql.AdministratorsMicrosoftEntra(
      `${name}-entra-admin`,
      {
        resourceGroupName: args.resourceGroupName,
        serverName: server.name,
        objectId: args.entraAdmin.objectId,
        principalName: args.entraAdmin.principalName,
        principalType: args.entraAdmin.principalType,
        tenantId: args.tenantId,
      },
      { parent: this, dependsOn: after },
    );
    return [admin];
  }

  private createParameters(name: string, args: ResolvedDatabaseArgs, server: dbforpostgresql.Server): pulumi.Resource[] {
    const created: pulumi.Resource[] = [];
    for (const parameter of SERVER_PARAMETERS) {
      created.push(
        new dbforpostgresql.Configuration(
          `${name}-${parameter.part}`,
          { resourceGroupName: args.resourceGroupName, serverName: server.name, configurationName: parameter.name, value: parameter.value, source: "user-override" },
          { parent: this, dependsOn: created.slice(-1) },
        ),
      );
    }
    return created.slice(-1);
  }
}
