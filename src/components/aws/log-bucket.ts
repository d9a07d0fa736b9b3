/**
 * The S3 bucket an AWS log delivery service writes to, shared by the ALB's access logs (LoadBalancer) and the app
 * bucket's server access logs (ObjectStorage): private (public access blocked, ACLs disabled), SSE-S3, versioned,
 * TLS-only, expiring its logs. Created as children of whichever component calls it, named `<base>-access-logs` and
 * `<base>-access-logs-<part>`.
 *
 * SSE-S3 and not SSE-KMS: both deliveries support only SSE-S3 as the target bucket's default encryption (Amazon S3
 * User Guide, "Enabling Amazon S3 server access logging",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html; Elastic Load Balancing
 * User Guide, "Enable access logs for your Application Load Balancer"). The `-access-logs-` in the bucket's name is
 * what lets `asc-aws-s3-sse-kms` accept SSE-S3 on exactly these buckets.
 */
import * as aws from "./sdk.js";
import * as pulumi from "@pulumi/pulumi";

/** The logical-name suffix of a log bucket; its physical name is `<base>-access-logs-<random>`. */
export const LOG_BUCKET_SUFFIX = "access-logs";

/** One bucket-policy statement, as JSON (inputs may still be outputs). */
export type BucketPolicyStatement = Record<string, unknown>;

export interface LogBucketSpec {
  /** The delivery service's grant(s); the TLS-only deny is added. */
  readonly deliveryStatements: (bucketArn: pulumi.Output<string>) => BucketPolicyStatement[];
  /** Key prefix the logs are written under; the expiry rule applies to it. @example "AWSLogs/" */
  readonly logPrefix: string;
  /** Days a log object is kept. */
  readonly retentionDays: number;
  /** Let `pulumi destroy` delete the bucket with its logs (dev only). */
  readonly forceDestroy: boolean;
  /** Tags of the bucket. */
  readonly tags: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export interface LogBucket {
  readonly bucket: aws.s3.Bucket;
  /** What must exist before a service is pointed at the bucket: its policy and its encryption. */
  readonly ready: pulumi.Resource[];
}

/** The statement that refuses any request made without TLS, on the bucket and its objects. */
export function denyInsecureTransport(bucketArn: pulumi.Input<string>): BucketPolicyStatement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [bucketArn, pulumi.interpolate`${bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

/** Creates the log bucket and its protections as children of `parent`. */
export function createLogBucket(base: string, spec: LogBucketSpec, parent: pulumi.Resource): LogBucket {
  const opts = { parent };
  const part = (p: string) => `${base}-${LOG_BUCKET_SUFFIX}-${p}`;
  const bucket = new aws.s3.Bucket(`${base}-${LOG_BUCKET_SUFFIX}`, { ...(spec.forceDestroy ? { forceDestroy: true } : {}), tags: spec.tags }, opts);
  const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
    part("public-access-block"),
    { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    opts,
  );
  // Log deliveries are granted by the bucket policy, so ACLs can stay disabled.
  const ownership = new aws.s3.BucketOwnershipControls(part("ownership"), { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts);
  const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(
    part("encryption"),
    { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
    opts,
  );
  const versioning = new aws.s3.BucketVersioning(part("versioning"), { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, opts);
  new aws.s3.BucketLifecycleConfiguration(
    part("lifecycle"),
    {
      bucket: bucket.id,
      rules: [
        {
          id: "expire-access-logs",
          status: "Enabled",
          filter: { prefix: spec.logPrefix },
          expiration: { days: spec.retentionDays },
          // Versioning keeps deleted logs as noncurrent versions; drop them the day after expiry.
          noncurrentVersionExpiration: { noncurrentDays: 1 },
          abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        },
      ],
    },
    { ...opts, dependsOn: [versioning] },
  );
  const policy = new aws.s3.BucketPolicy(
    part("policy"),
    { bucket: bucket.id, policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: [...spec.deliveryStatements(bucket.arn), denyInsecureTransport(bucket.arn)] }) },
    // S3 refuses some policy writes while the public access block is being applied.
    { ...opts, dependsOn: [publicAccessBlock, ownership] },
  );
  return { bucket, ready: [policy, encryption] };
}
