/** A compliant production RDS Postgres instance. */
export const RDS_INSTANCE_TYPE = "aws:rds/instance:Instance";

export const compliantInstance = {
  engine: "postgres",
  engineVersion: "16",
  instanceClass: "db.t4g.medium",
  allocatedStorage: 100,
  storageEncrypted: true,
  kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000",
  publiclyAccessible: false,
  parameterGroupName: "asc-prod-postgres16",
  multiAz: true,
  deletionProtection: true,
  backupRetentionPeriod: 14,
  iamDatabaseAuthenticationEnabled: true,
  monitoringInterval: 60,
  monitoringRoleArn: "arn:aws:iam::123456789012:role/asc-prod-db-monitoring-role-1a2b3c4",
  username: "asc",
  password: "[secret]",
};
