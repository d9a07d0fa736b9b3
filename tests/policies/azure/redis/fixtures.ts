export const REDIS_TYPE = "azure-native:redis:Redis";
export const compliantRedis = { resourceGroupName: "asc-prod", sku: { name: "Standard", family: "C", capacity: 1 }, enableNonSslPort: false, minimumTlsVersion: "1.2", publicNetworkAccess: "Disabled", redisVersion: "6" };
