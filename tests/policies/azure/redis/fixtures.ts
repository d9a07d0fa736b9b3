export const REDIS_CLUSTER_TYPE = "azure-native:redisenterprise:RedisEnterprise";
export const REDIS_DATABASE_TYPE = "azure-native:redisenterprise:Database";
export const compliantCluster = { resourceGroupName: "asc-prod", sku: { name: "Balanced_B1" }, highAvailability: "Enabled", minimumTlsVersion: "1.2", publicNetworkAccess: "Disabled" };
export const compliantDatabase = { resourceGroupName: "asc-prod", clusterName: "asc-prod-cache", databaseName: "default", clientProtocol: "Encrypted", clusteringPolicy: "EnterpriseCluster", accessKeysAuthentication: "Enabled", port: 10000 };
