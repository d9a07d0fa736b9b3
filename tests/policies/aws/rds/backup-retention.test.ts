import { rdsBackupRetention } from "../../../../src/policies/aws/rds/backup-retention.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { compliantInstance, RDS_INSTANCE_TYPE } from "./fixtures.js";

describeRule(rdsBackupRetention, {
  type: RDS_INSTANCE_TYPE,
  compliant: compliantInstance,
  passes: [{ title: "exactly 7 days", props: { ...compliantInstance, backupRetentionPeriod: 7 } }],
  violations: [
    { title: "6 days", props: { ...compliantInstance, backupRetentionPeriod: 6 }, expected: ["backupRetentionPeriod is 6; it must be at least 7 days"] },
    { title: "backups off", props: { ...compliantInstance, backupRetentionPeriod: 0 }, expected: ["backupRetentionPeriod is 0; it must be at least 7 days"] },
    { title: "no retention", props: { ...compliantInstance, backupRetentionPeriod: undefined }, expected: ["backupRetentionPeriod is not set (the AWS default is 1 day); it must be at least 7 days"] },
  ],
});
