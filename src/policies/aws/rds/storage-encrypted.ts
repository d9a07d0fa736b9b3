/**
 * Database storage, snapshots and backups are encrypted at rest.
 * @severity high
 */
import { AWS } from "../resource-types.js";
import { expectInput, isTrue } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

export const rdsStorageEncrypted = defineRule({
  name: "asc-aws-rds-storage-encrypted",
  cloud: "aws",
  description: "An RDS instance encrypts its storage (and so its snapshots and backups).",
  severity: "high",
  frameworks: { checkov: ["CKV_AWS_16"], securityHub: ["RDS.3"] },
  mandatoryTiers: EVERY_TIER,
  remediation: "Set storageEncrypted: true (and kmsKeyId for a customer-managed key); an existing instance must be restored from an encrypted snapshot copy.",
  resourceTypes: AWS.rdsInstance,
  check: (_type, props) => expectInput(props, { path: "storageEncrypted", ok: isTrue, must: "true", missingNote: "the AWS default is false" }),
});
