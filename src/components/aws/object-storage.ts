/**
 * The app's S3 bucket: private (all public access blocked, ACLs disabled), KMS-encrypted, versioned, TLS-only,
 * with CORS for browsers that PUT to presigned URLs, lifecycle rules that keep old versions and failed uploads in
 * check, and optionally server access logs in a log bucket of its own.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "./sdk.js";
import { createLogBucket, type BucketPolicyStatement, type LogBucket } from "./log-bucket.js";
import { definedOnly } from "./task-definition.js";

export const OBJECT_STORAGE_TYPE = "asc:aws:ObjectStorage";

/** Days before an unfinished multipart upload is aborted and its parts deleted. */
export const ABORT_INCOMPLETE_UPLOAD_DAYS = 7;
export const CORS_ALLOWED_METHODS = ["GET", "PUT", "HEAD"] as const;
/** How long browsers may cache a preflight response, in seconds. */
export const CORS_MAX_AGE_SECONDS = 3000;
/** The service principal S3 delivers server access logs as (Amazon S3 User Guide, "Enabling Amazon S3 server access logging"). */
export const S3_LOGGING_PRINCIPAL = "logging.s3.amazonaws.com";
/** Key prefix of the server access logs in the log bucket. */
export const SERVER_ACCESS_LOG_PREFIX = "s3-access-logs/";

/** `scheme://host[:port]` with no path or trailing slash (`*` allowed as a wildcard label), or `*` alone. */
const ORIGIN_PATTERN = /^(\*|https?:\/\/[^/\s?#]+)$/;

export interface ObjectStorageArgs {
  /** Customer-managed KMS key for default encryption (SSE-KMS with an S3 bucket key). */
  readonly kmsKeyArn: pulumi.Input<string>;
  /**
   * Origins allowed to GET, PUT and HEAD from a browser: the web origin plus any extras. Plain strings are checked
   * at once; S3 compares origins exactly, so no path and no trailing slash.
   * @example ["https://app.example.com"]
   */
  readonly corsOrigins: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Let `pulumi destroy` delete the bucket with its objects. Dev only.
   * @default false
   */
  readonly forceDestroy?: boolean;
  /**
   * Days a replaced or deleted object version is kept before it expires.
   * @default 90
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Server access logs of the bucket, delivered to a log bucket asc creates beside it (`<name>-access-logs`: SSE-S3,
   * the only default encryption S3 log delivery supports; private, versioned, TLS-only), kept `retentionDays`.
   * @default - no server access logs
   * @example { retentionDays: 365 }
   */
  readonly accessLogs?: { readonly retentionDays: number };
  /** Tags for the bucket. */
  readonly tags: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export interface ResolvedObjectStorageArgs extends Omit<ObjectStorageArgs, "forceDestroy" | "noncurrentVersionExpirationDays"> {
  readonly forceDestroy: boolean;
  readonly noncurrentVersionExpirationDays: number;
}

const OBJECT_STORAGE_DEFAULTS = { forceDestroy: false, noncurrentVersionExpirationDays: 90 } as const;

/** Applies defaults and refuses bad values (origins only when given as plain strings). Pure. */
export function resolveObjectStorageArgs(args: ObjectStorageArgs): ResolvedObjectStorageArgs {
  const resolved: ResolvedObjectStorageArgs = { ...OBJECT_STORAGE_DEFAULTS, ...(definedOnly(args) as ObjectStorageArgs) };
  const days = resolved.noncurrentVersionExpirationDays;
  if (!Number.isInteger(days) || days < 1) {
    throw new Error(`ObjectStorage: noncurrentVersionExpirationDays is ${days}; it must be a whole number of days, 1 or more. Pick a value such as 90, or leave it unset.`);
  }
  const logDays = resolved.accessLogs?.retentionDays;
  if (logDays !== undefined && (!Number.isInteger(logDays) || logDays < 1)) {
    throw new Error(`ObjectStorage: accessLogs.retentionDays is ${logDays}; an S3 lifecycle expiry is a whole number of days, 1 or more. Pick a value such as 365.`);
  }
  checkCorsOrigins(resolved.corsOrigins);
  return resolved;
}

function checkCorsOrigins(origins: ObjectStorageArgs["corsOrigins"]): void {
  if (!Array.isArray(origins)) return;
  if (origins.length === 0) {
    throw new Error('ObjectStorage: corsOrigins is empty; browsers PUT to presigned URLs from the web app, so list its origin, e.g. ["https://app.example.com"].');
  }
  origins.forEach((origin, index) => {
    if (typeof origin === "string" && !ORIGIN_PATTERN.test(origin)) {
      throw new Error(
        `ObjectStorage: corsOrigins[${index}] is ${JSON.stringify(origin)}; an origin is scheme://host[:port] with no path or trailing slash, because S3 compares it exactly with the browser's Origin header. Use e.g. "https://app.example.com".`,
      );
    }
  });
}

/**
 * Lets S3 log delivery write the source bucket's server access logs, for that bucket of this account only: the
 * statement the S3 User Guide recommends over ACLs ("Enabling Amazon S3 server access logging", "Grant permissions to
 * the logging service principal by using a bucket policy",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html).
 */
export function serverAccessLogsStatement(logBucketArn: pulumi.Input<string>, sourceBucketArn: pulumi.Input<string>, accountId: pulumi.Input<string>): BucketPolicyStatement {
  return {
    Sid: "S3ServerAccessLogsPolicy",
    Effect: "Allow",
    Principal: { Service: S3_LOGGING_PRINCIPAL },
    Action: ["s3:PutObject"],
    Resource: pulumi.interpolate`${logBucketArn}/${SERVER_ACCESS_LOG_PREFIX}*`,
    Condition: { ArnLike: { "aws:SourceArn": sourceBucketArn }, StringEquals: { "aws:SourceAccount": accountId } },
  };
}

/** A private S3 bucket for the app's files. */
export class ObjectStorage extends pulumi.ComponentResource {
  readonly bucketName: pulumi.Output<string>;
  readonly bucketArn: pulumi.Output<string>;
  /** Set only with `accessLogs`. */
  readonly accessLogsBucketName: pulumi.Output<string> | undefined;

  constructor(name: string, args: ObjectStorageArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(OBJECT_STORAGE_TYPE, name, {}, opts);
    const resolved = resolveObjectStorageArgs(args);

    const bucket = this.createBucket(name, resolved);
    const publicAccessBlock = this.createPublicAccessBlock(name, bucket);
    this.createOwnershipControls(name, bucket);
    this.createEncryption(name, bucket, resolved);
    const versioning = this.createVersioning(name, bucket);
    this.createTlsOnlyPolicy(name, bucket, publicAccessBlock);
    this.createCors(name, bucket, resolved);
    this.createLifecycle(name, bucket, versioning, resolved);
    const logs = resolved.accessLogs ? this.createServerAccessLogs(name, bucket, resolved, resolved.accessLogs.retentionDays) : undefined;

    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;
    this.accessLogsBucketName = logs?.bucket.bucket;
    this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn, accessLogsBucketName: this.accessLogsBucketName });
  }

  /**
   * The log bucket and the bucket's logging configuration (aws.s3.BucketLogging), pointed at it once its policy and
   * encryption exist. Logs are partitioned by event date, for Athena.
   */
  private createServerAccessLogs(name: string, bucket: aws.s3.Bucket, args: ResolvedObjectStorageArgs, retentionDays: number): LogBucket {
    const accountId = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
    const logs = createLogBucket(
      name,
      { deliveryStatements: (logBucketArn) => [serverAccessLogsStatement(logBucketArn, bucket.arn, accountId)], logPrefix: SERVER_ACCESS_LOG_PREFIX, retentionDays, forceDestroy: args.forceDestroy, tags: args.tags },
      this,
    );
    new aws.s3.BucketLogging(
      `${name}-access-logging`,
      {
        bucket: bucket.bucket,
        targetBucket: logs.bucket.bucket,
        targetPrefix: SERVER_ACCESS_LOG_PREFIX,
        targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
      },
      { parent: this, dependsOn: logs.ready },
    );
    return logs;
  }

  private createBucket(name: string, args: ResolvedObjectStorageArgs): aws.s3.Bucket {
    return new aws.s3.Bucket(`${name}-bucket`, { forceDestroy: args.forceDestroy, tags: args.tags }, { parent: this });
  }

  private createPublicAccessBlock(name: string, bucket: aws.s3.Bucket): aws.s3.BucketPublicAccessBlock {
    return new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access-block`,
      { bucket: bucket.bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      { parent: this },
    );
  }

  private createOwnershipControls(name: string, bucket: aws.s3.Bucket): aws.s3.BucketOwnershipControls {
    return new aws.s3.BucketOwnershipControls(`${name}-ownership`, { bucket: bucket.bucket, rule: { objectOwnership: "BucketOwnerEnforced" } }, { parent: this });
  }

  private createEncryption(name: string, bucket: aws.s3.Bucket, args: ResolvedObjectStorageArgs): aws.s3.BucketServerSideEncryptionConfiguration {
    return new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      {
        bucket: bucket.bucket,
        // The bucket key cuts KMS requests (and cost) for many small objects.
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.kmsKeyArn }, bucketKeyEnabled: true }],
      },
      { parent: this },
    );
  }

  private createVersioning(name: string, bucket: aws.s3.Bucket): aws.s3.BucketVersioning {
    return new aws.s3.BucketVersioning(`${name}-versioning`, { bucket: bucket.bucket, versioningConfiguration: { status: "Enabled" } }, { parent: this });
  }

  /** After the public access block: S3 refuses some policy writes while the block is being applied. */
  private createTlsOnlyPolicy(name: string, bucket: aws.s3.Bucket, publicAccessBlock: aws.s3.BucketPublicAccessBlock): aws.s3.BucketPolicy {
    const policy = pulumi.jsonStringify({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ],
    });
    return new aws.s3.BucketPolicy(`${name}-policy`, { bucket: bucket.bucket, policy }, { parent: this, dependsOn: [publicAccessBlock] });
  }

  private createCors(name: string, bucket: aws.s3.Bucket, args: ResolvedObjectStorageArgs): aws.s3.BucketCorsConfiguration {
    return new aws.s3.BucketCorsConfiguration(
      `${name}-cors`,
      {
        bucket: bucket.bucket,
        corsRules: [
          {
            allowedMethods: [...CORS_ALLOWED_METHODS],
            allowedOrigins: args.corsOrigins,
            allowedHeaders: ["*"],
            // Multipart uploads need each part's ETag back in the browser.
            exposeHeaders: ["ETag"],
            maxAgeSeconds: CORS_MAX_AGE_SECONDS,
          },
        ],
      },
      { parent: this },
    );
  }

  /** After versioning: noncurrent-version rules on a bucket whose versioning is still being enabled may not take. */
  private createLifecycle(name: string, bucket: aws.s3.Bucket, versioning: aws.s3.BucketVersioning, args: ResolvedObjectStorageArgs) {
    return new aws.s3.BucketLifecycleConfiguration(
      `${name}-lifecycle`,
      {
        bucket: bucket.bucket,
        rules: [
          { id: "abort-incomplete-multipart-uploads", status: "Enabled", filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: ABORT_INCOMPLETE_UPLOAD_DAYS } },
          {
            id: "expire-noncurrent-versions",
            status: "Enabled",
            filter: {},
            noncurrentVersionExpiration: { noncurrentDays: args.noncurrentVersionExpirationDays },
            // Once its versions are gone, a lone delete marker is removed too.
            expiration: { expiredObjectDeleteMarker: true },
          },
        ],
      },
      { parent: this, dependsOn: [versioning] },
    );
  }
}
