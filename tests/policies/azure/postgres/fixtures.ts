/** A compliant production Postgres flexible server and server parameters. */
export const POSTGRES_SERVER_TYPE = "azure-native:dbforpostgresql:Server";
export const POSTGRES_CONFIGURATION_TYPE = "azure-native:dbforpostgresql:Configuration";

export const compliantServer = {
  resourceGroupName: "asc-prod",
  version: "16",
  administratorLogin: "asc",
  administratorLoginPassword: "[secret]",
  authConfig: { activeDirectoryAuth: "Enabled", passwordAuth: "Enabled", tenantId: "aaaabbbb-0000-cccc-1111-dddd2222eeee" },
  network: { publicNetworkAccess: "Disabled" },
  backup: { backupRetentionDays: 14, geoRedundantBackup: "Enabled" },
  highAvailability: { mode: "ZoneRedundant", standbyAvailabilityZone: "" },
};

export const serverParameter = (configurationName: string, value: unknown) => ({ resourceGroupName: "asc-prod", serverName: "asc-prod-pg", configurationName, value, source: "user-override" });
