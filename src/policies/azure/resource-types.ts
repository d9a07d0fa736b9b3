/** Pulumi type tokens of the Azure resources asc rules look at (@pulumi/azure-native v3). */
export const AZURE = {
  managedEnvironment: ["azure-native:app:ManagedEnvironment"],
  containerApp: ["azure-native:app:ContainerApp"],
  containerAppsJob: ["azure-native:app:Job"],
  /** The environment's HTTP route configuration (rule-based routing). */
  httpRouteConfig: ["azure-native:app:HttpRouteConfig"],
  postgresServer: ["azure-native:dbforpostgresql:Server"],
  postgresConfiguration: ["azure-native:dbforpostgresql:Configuration"],
  /** Azure Managed Redis: the cluster and its database. */
  redisCluster: ["azure-native:redisenterprise:RedisEnterprise"],
  redisDatabase: ["azure-native:redisenterprise:Database"],
  storageAccount: ["azure-native:storage:StorageAccount"],
  keyVault: ["azure-native:keyvault:Vault"],
} as const satisfies Record<string, readonly string[]>;
