/** A compliant production ElastiCache replication group. */
export const REPLICATION_GROUP_TYPE = "aws:elasticache/replicationGroup:ReplicationGroup";

export const compliantReplicationGroup = {
  description: "asc prod cache",
  engine: "redis",
  engineVersion: "7.1",
  nodeType: "cache.t4g.medium",
  numCacheClusters: 2,
  atRestEncryptionEnabled: true,
  transitEncryptionEnabled: true,
  authToken: "[secret]",
  automaticFailoverEnabled: true,
  multiAzEnabled: true,
};
