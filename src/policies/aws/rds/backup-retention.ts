/**
 * Production backups are kept at least a week.
 * @severity medium
 */
import { AWS } from "../resource-types.js";
import { asNumber, expectInput } from "../../props.js";
import { defineRule, PRODUCTION_ONLY } from "../../rule.js";

export const MIN_BACKUP_RETENTION_DAYS = 7;

export const rdsBackupRetention = defineRule({
  name: "asc-aws-rds-backup-retention",
  cloud: "aws",
  description: `An RDS instance keeps automated backups for at least ${MIN_BACKUP_RETENTION_DAYS} days (mandatory in production).`,
  severity: "medium",
  frameworks: { checkov: ["CKV_AWS_133"], securityHub: ["RDS.11"] },
  mandatoryTiers: PRODUCTION_ONLY,
  remediation: `Set backupRetentionPeriod to ${MIN_BACKUP_RETENTION_DAYS} days or more (asc:database.backupRetentionDays).`,
  configKeys: ["database.backupRetentionDays"],
  resourceTypes: AWS.rdsInstance,
  check: (_type, props) =>
    expectInput(props, {
      path: "backupRetentionPeriod",
      ok: (v) => (asNumber(v) ?? 0) >= MIN_BACKUP_RETENTION_DAYS,
      must: `at least ${MIN_BACKUP_RETENTION_DAYS} days`,
      missingNote: "the AWS default is 1 day",
    }),
});
