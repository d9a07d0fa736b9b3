/** Every AWS rule, in documentation order. */
import { albAccessLogs } from "./alb/access-logs.js";
import { albDeletionProtection } from "./alb/deletion-protection.js";
import { albDesyncMode } from "./alb/desync-mode.js";
import { albDropInvalidHeaders } from "./alb/drop-invalid-headers.js";
import { albHttpRedirectOnly } from "./alb/http-redirect-only.js";
import { albTargetGroupDeregistrationDelay } from "./alb/target-group-deregistration-delay.js";
import { albTls13Policy } from "./alb/tls13-policy.js";
import { cloudwatchLogGroupKms } from "./cloudwatch/log-group-kms.js";
import { cloudwatchLogRetention } from "./cloudwatch/log-retention.js";
import { cloudwatchProductionLogRetention } from "./cloudwatch/production-log-retention.js";
import { ecsCircuitBreakerRollback } from "./ecs/circuit-breaker-rollback.js";
import { ecsLogConfiguration } from "./ecs/log-configuration.js";
import { ecsNoSecretsInEnvironment } from "./ecs/no-secrets-in-environment.js";
import { ecsNonRootUser } from "./ecs/non-root-user.js";
import { ecsNotPrivileged } from "./ecs/not-privileged.js";
import { ecsReadonlyRootFilesystem } from "./ecs/readonly-root-filesystem.js";
import { ecsSeparateExecutionRole } from "./ecs/separate-execution-role.js";
import { ecsServiceMinTasks } from "./ecs/service-min-tasks.js";
import { ecsServiceNoPublicIp } from "./ecs/service-no-public-ip.js";
import { elasticacheAuthToken } from "./elasticache/auth-token.js";
import { elasticacheAutomaticFailover } from "./elasticache/automatic-failover.js";
import { elasticacheEncryptionAtRest } from "./elasticache/encryption-at-rest.js";
import { elasticacheEncryptionInTransit } from "./elasticache/encryption-in-transit.js";
import { kmsKeyRotation } from "./kms/key-rotation.js";
import { rdsBackupRetention } from "./rds/backup-retention.js";
import { rdsDeletionProtection } from "./rds/deletion-protection.js";
import { rdsEnhancedMonitoring } from "./rds/enhanced-monitoring.js";
import { rdsForceSsl } from "./rds/force-ssl.js";
import { rdsIamAuth } from "./rds/iam-auth.js";
import { rdsMultiAz } from "./rds/multi-az.js";
import { rdsNotPublic } from "./rds/not-public.js";
import { rdsStorageEncrypted } from "./rds/storage-encrypted.js";
import { s3BucketProtections } from "./s3/bucket-protections.js";
import { s3NoForceDestroy } from "./s3/no-force-destroy.js";
import { s3PublicAccessBlock } from "./s3/public-access-block.js";
import { s3SseKms } from "./s3/sse-kms.js";
import { s3TlsOnlyPolicy } from "./s3/tls-only-policy.js";
import { s3Versioning } from "./s3/versioning.js";
import { secretsManagerCustomerManagedKey } from "./secretsmanager/customer-managed-key.js";
import { vpcNoPublicIngress } from "./vpc/no-public-ingress.js";
import type { PolicyRule } from "../rule.js";

export const AWS_RULES: readonly PolicyRule[] = [
  albHttpRedirectOnly,
  albTls13Policy,
  albDropInvalidHeaders,
  albDesyncMode,
  albDeletionProtection,
  albAccessLogs,
  albTargetGroupDeregistrationDelay,
  ecsServiceNoPublicIp,
  ecsServiceMinTasks,
  ecsReadonlyRootFilesystem,
  ecsNonRootUser,
  ecsNotPrivileged,
  ecsLogConfiguration,
  ecsNoSecretsInEnvironment,
  ecsSeparateExecutionRole,
  ecsCircuitBreakerRollback,
  rdsStorageEncrypted,
  rdsNotPublic,
  rdsForceSsl,
  rdsMultiAz,
  rdsDeletionProtection,
  rdsBackupRetention,
  rdsIamAuth,
  rdsEnhancedMonitoring,
  elasticacheEncryptionAtRest,
  elasticacheEncryptionInTransit,
  elasticacheAuthToken,
  elasticacheAutomaticFailover,
  s3PublicAccessBlock,
  s3SseKms,
  s3Versioning,
  s3TlsOnlyPolicy,
  s3BucketProtections,
  s3NoForceDestroy,
  kmsKeyRotation,
  secretsManagerCustomerManagedKey,
  cloudwatchLogRetention,
  cloudwatchProductionLogRetention,
  cloudwatchLogGroupKms,
  vpcNoPublicIngress,
];
