/**
 * LogEncryptionKey: the customer-managed KMS key every CloudWatch log group asc creates is encrypted with (the
 * services' and migrations' log groups, the VPC flow logs, the RDS log exports). Its key policy lets the account's
 * IAM policies govern it and lets the regional CloudWatch Logs service use it for this account's log groups only.
 * A key of its own, so the app's secrets key never trusts another service principal.
 */
import * as aws from "./sdk.js";
import * as pulumi from "@pulumi/pulumi";
import { definedOnly } from "./task-definition.js";

export const LOG_ENCRYPTION_KEY_TYPE = "asc:aws:LogEncryptionKey";

/** What CloudWatch Logs may do with the key (CloudWatch Logs User Guide, "Encrypt log data in CloudWatch Logs using AWS KMS", step 2). */
export const CLOUDWATCH_LOGS_KEY_ACTIONS = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"] as const;

export interface LogEncryptionKeyArgs {
  /**
   * Days KMS waits before deleting the key once it is scheduled for deletion (7 to 30). Logs encrypted with a
   * deleted key can no longer be read.
   * @default 30
   */
  readonly deletionWindowDays?: number;
  /** Tags for the key. @default {} */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export interface ResolvedLogEncryptionKeyArgs {
  readonly deletionWindowDays: number;
  readonly tags: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** Applies defaults and refuses a deletion window KMS would refuse. Pure. */
export function resolveLogEncryptionKeyArgs(args: LogEncryptionKeyArgs): ResolvedLogEncryptionKeyArgs {
  const resolved = { deletionWindowDays: 30, tags: {}, ...definedOnly(args) } as ResolvedLogEncryptionKeyArgs;
  const days = resolved.deletionWindowDays;
  if (!Number.isInteger(days) || days < 7 || days > 30) {
    throw new Error(`LogEncryptionKey deletionWindowDays: ${days} is out of range; KMS allows whole days from 7 to 30. Pass a value in that range.`);
  }
  return resolved;
}

/**
 * The key policy. The first statement is KMS's default one (KMS Developer Guide, "Default key policy": the account
 * root, so IAM policies decide who else may use and manage the key, and the key can never become unmanageable). The
 * second is the statement the CloudWatch Logs User Guide gives for a log-group key
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html, step 2): the regional service
 * principal `logs.<region>.amazonaws.com`, limited by the encryption context `kms:EncryptionContext:aws:logs:arn` to
 * log groups of this account and region. Pure.
 */
export function cloudWatchLogsKeyPolicy(partition: string, region: string, accountId: string): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "EnableIamPolicies", Effect: "Allow", Principal: { AWS: `arn:${partition}:iam::${accountId}:root` }, Action: "kms:*", Resource: "*" },
      {
        Sid: "AllowCloudWatchLogs",
        Effect: "Allow",
        Principal: { Service: `logs.${region}.amazonaws.com` },
        Action: [...CLOUDWATCH_LOGS_KEY_ACTIONS],
        Resource: "*",
        Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:${partition}:logs:${region}:${accountId}:*` } },
      },
    ],
  };
}

export class LogEncryptionKey extends pulumi.ComponentResource {
  /** ARN of the key: the `kmsKeyId` of every log group asc creates. */
  readonly keyArn: pulumi.Output<string>;

  constructor(name: string, args: LogEncryptionKeyArgs = {}, opts: pulumi.ComponentResourceOptions = {}) {
    super(LOG_ENCRYPTION_KEY_TYPE, name, {}, opts);
    const resolved = resolveLogEncryptionKeyArgs(args);
    const key = this.createKey(name, resolved);
    new aws.kms.Alias(`${name}-alias`, { namePrefix: `alias/${name}-`, targetKeyId: key.keyId }, { parent: this });
    this.keyArn = key.arn;
    this.registerOutputs({ keyArn: this.keyArn });
  }

  private createKey(name: string, args: ResolvedLogEncryptionKeyArgs): aws.kms.Key {
    const opts = { parent: this };
    const identity = aws.getCallerIdentityOutput({}, opts);
    const region = aws.getRegionOutput({}, opts);
    const partition = aws.getPartitionOutput({}, opts);
    const policy = pulumi
      .all([partition.partition, region.region, identity.accountId])
      .apply(([p, r, account]) => JSON.stringify(cloudWatchLogsKeyPolicy(p, r, account)));
    return new aws.kms.Key(
      `${name}-key`,
      { description: `asc ${name}: encrypts the CloudWatch log groups asc creates`, enableKeyRotation: true, deletionWindowInDays: args.deletionWindowDays, policy, tags: args.tags },
      opts,
    );
  }
}
