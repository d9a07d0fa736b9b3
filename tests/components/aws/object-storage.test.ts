import * as pulumi from "@pulumi/pulumi";
import { promiseOf, usePulumiMocks } from "../../helpers/pulumi.js";
import { ObjectStorage, OBJECT_STORAGE_TYPE, resolveObjectStorageArgs, serverAccessLogsStatement, type ObjectStorageArgs } from "../../../src/components/aws/object-storage.js";

const mocked = usePulumiMocks({ region: "eu-west-1" });

const KMS = "arn:aws:kms:eu-west-1:123456789012:key/storage-key";
const TAGS = { project: "asc", profile: "test", tier: "staging", "managed-by": "asc" };
const WEB = "https://app.example.com";

const baseArgs: ObjectStorageArgs = { kmsKeyArn: KMS, corsOrigins: [WEB], tags: TAGS };

async function build(name: string, overrides: Partial<ObjectStorageArgs> = {}): Promise<ObjectStorage> {
  const storage = new ObjectStorage(name, { ...baseArgs, ...overrides });
  await Promise.all([promiseOf(storage.bucketName), promiseOf(storage.bucketArn)]);
  await new Promise((r) => setTimeout(r, 50));
  return storage;
}

describe("resolveObjectStorageArgs", () => {
  it("GIVEN only required args WHEN resolved THEN forceDestroy is off and old versions live 90 days", () => {
    expect(resolveObjectStorageArgs(baseArgs)).toEqual({ ...baseArgs, forceDestroy: false, noncurrentVersionExpirationDays: 90 });
  });

  it("GIVEN explicit values WHEN resolved THEN they win, and explicit undefined keeps the default", () => {
    expect(resolveObjectStorageArgs({ ...baseArgs, forceDestroy: true, noncurrentVersionExpirationDays: 30 })).toMatchObject({ forceDestroy: true, noncurrentVersionExpirationDays: 30 });
    expect(resolveObjectStorageArgs({ ...baseArgs, forceDestroy: undefined, noncurrentVersionExpirationDays: undefined })).toMatchObject({ forceDestroy: false, noncurrentVersionExpirationDays: 90 });
  });

  it.each([[WEB], ["http://localhost:3000"], ["https://*.example.com"], ["*"]])("GIVEN origin %s WHEN resolved THEN it is accepted", (origin) => {
    expect(resolveObjectStorageArgs({ ...baseArgs, corsOrigins: [origin] }).corsOrigins).toEqual([origin]);
  });

  it("GIVEN origins as an Output WHEN resolved THEN they are passed through unchecked", () => {
    const origins = pulumi.output(["https://app.example.com/"]);
    expect(resolveObjectStorageArgs({ ...baseArgs, corsOrigins: origins }).corsOrigins).toBe(origins);
  });

  it.each<[string, Partial<ObjectStorageArgs>, string]>([
    [
      "a trailing slash",
      { corsOrigins: [WEB, "https://admin.example.com/"] },
      'ObjectStorage: corsOrigins[1] is "https://admin.example.com/"; an origin is scheme://host[:port] with no path or trailing slash, because S3 compares it exactly with the browser\'s Origin header. Use e.g. "https://app.example.com".',
    ],
    [
      "a path",
      { corsOrigins: ["https://app.example.com/upload"] },
      'ObjectStorage: corsOrigins[0] is "https://app.example.com/upload"; an origin is scheme://host[:port] with no path or trailing slash, because S3 compares it exactly with the browser\'s Origin header. Use e.g. "https://app.example.com".',
    ],
    [
      "a bare host",
      { corsOrigins: ["app.example.com"] },
      'ObjectStorage: corsOrigins[0] is "app.example.com"; an origin is scheme://host[:port] with no path or trailing slash, because S3 compares it exactly with the browser\'s Origin header. Use e.g. "https://app.example.com".',
    ],
    [
      "no origins",
      { corsOrigins: [] },
      'ObjectStorage: corsOrigins is empty; browsers PUT to presigned URLs from the web app, so list its origin, e.g. ["https://app.example.com"].',
    ],
    [
      "access logs kept 0 days",
      { accessLogs: { retentionDays: 0 } },
      "ObjectStorage: accessLogs.retentionDays is 0; an S3 lifecycle expiry is a whole number of days, 1 or more. Pick a value such as 365.",
    ],
    [
      "zero noncurrent days",
      { noncurrentVersionExpirationDays: 0 },
      "ObjectStorage: noncurrentVersionExpirationDays is 0; it must be a whole number of days, 1 or more. Pick a value such as 90, or leave it unset.",
    ],
  ])("GIVEN %s WHEN resolved THEN it throws naming the arg", (_, overrides, message) => {
    expect(() => resolveObjectStorageArgs({ ...baseArgs, ...overrides })).toThrow(message);
  });
});

describe("ObjectStorage", () => {
  it("GIVEN the default args WHEN built THEN the bucket keeps its objects on destroy and every child hangs under the component", async () => {
    await build("files");
    const { graph } = mocked;
    const component = graph.byName("files");
    expect(component.type).toBe(OBJECT_STORAGE_TYPE);
    const bucket = graph.byName("files-bucket");
    expect(bucket.type).toBe("aws:s3/bucket:Bucket");
    expect(bucket.inputs).toEqual({ forceDestroy: false, tags: TAGS });
    const children = graph.resources.filter((r) => r.name !== "files");
    expect(children.map((r) => r.name).sort()).toEqual(
      ["files-bucket", "files-cors", "files-encryption", "files-lifecycle", "files-ownership", "files-policy", "files-public-access-block", "files-versioning"],
    );
    for (const child of children) expect(child.parent).toBe(component.urn);
    for (const child of children.filter((r) => r !== bucket)) {
      expect(child.inputs.bucket).toBe("files-bucket-mock");
      expect(child.propertyDependencies.bucket).toEqual([bucket.urn]);
    }
  });

  it("GIVEN forceDestroy WHEN built THEN the bucket may be deleted with its objects", async () => {
    await build("files", { forceDestroy: true });
    expect(mocked.graph.byName("files-bucket").inputs.forceDestroy).toBe(true);
  });

  it("GIVEN the default args WHEN built THEN all four public access block flags are on and ACLs are disabled", async () => {
    await build("files");
    const block = mocked.graph.byName("files-public-access-block");
    expect(block.type).toBe("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
    expect(block.inputs).toEqual({ bucket: "files-bucket-mock", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    const ownership = mocked.graph.byName("files-ownership");
    expect(ownership.type).toBe("aws:s3/bucketOwnershipControls:BucketOwnershipControls");
    expect(ownership.inputs).toEqual({ bucket: "files-bucket-mock", rule: { objectOwnership: "BucketOwnerEnforced" } });
  });

  it("GIVEN the default args WHEN built THEN objects are SSE-KMS with the key and a bucket key, and versioned", async () => {
    await build("files");
    const encryption = mocked.graph.byName("files-encryption");
    expect(encryption.type).toBe("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration");
    expect(encryption.inputs).toEqual({
      bucket: "files-bucket-mock",
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KMS }, bucketKeyEnabled: true }],
    });
    const versioning = mocked.graph.byName("files-versioning");
    expect(versioning.type).toBe("aws:s3/bucketVersioning:BucketVersioning");
    expect(versioning.inputs).toEqual({ bucket: "files-bucket-mock", versioningConfiguration: { status: "Enabled" } });
  });

  it("GIVEN the default args WHEN built THEN the policy denies every S3 action without TLS and waits for the public access block", async () => {
    await build("files");
    const { graph } = mocked;
    const policy = graph.byName("files-policy");
    expect(policy.type).toBe("aws:s3/bucketPolicy:BucketPolicy");
    expect(JSON.parse(policy.inputs.policy as string)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: ["arn:aws:s3:::files-bucket-mock", "arn:aws:s3:::files-bucket-mock/*"],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ],
    });
    expect([...policy.dependencies].sort()).toEqual([graph.byName("files-bucket").urn, graph.byName("files-public-access-block").urn].sort());
    expect(policy.propertyDependencies.policy).toEqual([graph.byName("files-bucket").urn]);
  });

  it.each<[string, ObjectStorageArgs["corsOrigins"], string[]]>([
    ["the web origin", [WEB], [WEB]],
    ["the web origin and extras", [WEB, "https://admin.example.com", "http://localhost:3000"], [WEB, "https://admin.example.com", "http://localhost:3000"]],
    ["origins as an Output", pulumi.output([WEB, "https://partner.example.org"]), [WEB, "https://partner.example.org"]],
  ])("GIVEN %s WHEN built THEN CORS allows GET, PUT and HEAD from exactly those origins", async (_, corsOrigins, expected) => {
    await build("files", { corsOrigins });
    const cors = mocked.graph.byName("files-cors");
    expect(cors.type).toBe("aws:s3/bucketCorsConfiguration:BucketCorsConfiguration");
    expect(cors.inputs).toEqual({
      bucket: "files-bucket-mock",
      corsRules: [{ allowedMethods: ["GET", "PUT", "HEAD"], allowedOrigins: expected, allowedHeaders: ["*"], exposeHeaders: ["ETag"], maxAgeSeconds: 3000 }],
    });
  });

  it.each([
    [undefined, 90],
    [30, 30],
  ])("GIVEN noncurrentVersionExpirationDays %s WHEN built THEN lifecycle aborts uploads after 7 days and expires old versions after %s", async (days, expected) => {
    await build("files", { noncurrentVersionExpirationDays: days });
    const { graph } = mocked;
    const lifecycle = graph.byName("files-lifecycle");
    expect(lifecycle.type).toBe("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration");
    expect(lifecycle.inputs).toEqual({
      bucket: "files-bucket-mock",
      rules: [
        { id: "abort-incomplete-multipart-uploads", status: "Enabled", filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } },
        {
          id: "expire-noncurrent-versions",
          status: "Enabled",
          filter: {},
          noncurrentVersionExpiration: { noncurrentDays: expected },
          expiration: { expiredObjectDeleteMarker: true },
        },
      ],
    });
    expect([...lifecycle.dependencies].sort()).toEqual([graph.byName("files-bucket").urn, graph.byName("files-versioning").urn].sort());
  });

  it("GIVEN the default args WHEN built THEN the outputs are the bucket name and ARN", async () => {
    const storage = await build("files");
    expect(await promiseOf(storage.bucketName)).toBe("files-bucket-mock");
    expect(await promiseOf(storage.bucketArn)).toBe("arn:aws:s3:::files-bucket-mock");
    expect(mocked.graph.componentOutputs.get(mocked.graph.byName("files").urn)).toEqual({ bucketName: "files-bucket-mock", bucketArn: "arn:aws:s3:::files-bucket-mock" });
  });

  it("GIVEN no accessLogs WHEN built THEN there is no log bucket and no logging configuration", async () => {
    const storage = await build("files");
    expect(mocked.graph.byType("aws:s3/bucket:Bucket").map((b) => b.name)).toEqual(["files-bucket"]);
    expect(mocked.graph.byType("aws:s3/bucketLogging:BucketLogging")).toEqual([]);
    expect(storage.accessLogsBucketName).toBeUndefined();
  });

  describe("GIVEN accessLogs kept 365 days", () => {
    const LOG_BUCKET = "files-access-logs-mock";
    const LOG_BUCKET_ARN = `arn:aws:s3:::${LOG_BUCKET}`;
    let storage: ObjectStorage;
    beforeEach(async () => {
      storage = await build("files", { accessLogs: { retentionDays: 365 } });
    });

    it("WHEN built THEN the bucket logs to a separate log bucket, partitioned by event date, once the log bucket's policy and encryption exist", async () => {
      const { graph } = mocked;
      const logging = graph.byName("files-access-logging");
      expect(logging.type).toBe("aws:s3/bucketLogging:BucketLogging");
      expect(logging.parent).toBe(graph.byName("files").urn);
      expect(logging.inputs).toEqual({
        bucket: "files-bucket-mock",
        targetBucket: LOG_BUCKET,
        targetPrefix: "s3-access-logs/",
        targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
      });
      expect(logging.dependencies).toEqual(expect.arrayContaining([graph.byName("files-access-logs-policy").urn, graph.byName("files-access-logs-encryption").urn]));
      expect(await promiseOf(storage.accessLogsBucketName!)).toBe(LOG_BUCKET);
    });

    it("WHEN built THEN the log bucket is private, owner-enforced, SSE-S3 (the only default encryption log delivery supports), versioned, and expires its logs", () => {
      const { graph } = mocked;
      const id = "files-access-logs-id";
      expect(graph.byName("files-access-logs").inputs).toEqual({ tags: TAGS });
      expect(graph.byName("files-access-logs-public-access-block").inputs).toEqual({ bucket: id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
      expect(graph.byName("files-access-logs-ownership").inputs).toEqual({ bucket: id, rule: { objectOwnership: "BucketOwnerEnforced" } });
      expect(graph.byName("files-access-logs-encryption").inputs).toEqual({ bucket: id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] });
      expect(graph.byName("files-access-logs-versioning").inputs).toEqual({ bucket: id, versioningConfiguration: { status: "Enabled" } });
      expect(graph.byName("files-access-logs-lifecycle").inputs).toEqual({
        bucket: id,
        rules: [
          {
            id: "expire-access-logs",
            status: "Enabled",
            filter: { prefix: "s3-access-logs/" },
            expiration: { days: 365 },
            noncurrentVersionExpiration: { noncurrentDays: 1 },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
          },
        ],
      });
    });

    it("WHEN built THEN the log bucket's policy lets only S3 log delivery for this bucket of this account write logs, and denies requests without TLS", () => {
      const { graph } = mocked;
      const policy = graph.byName("files-access-logs-policy");
      expect(JSON.parse(policy.inputs.policy as string)).toEqual({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "S3ServerAccessLogsPolicy",
            Effect: "Allow",
            Principal: { Service: "logging.s3.amazonaws.com" },
            Action: ["s3:PutObject"],
            Resource: `${LOG_BUCKET_ARN}/s3-access-logs/*`,
            Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::files-bucket-mock" }, StringEquals: { "aws:SourceAccount": "123456789012" } },
          },
          { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [LOG_BUCKET_ARN, `${LOG_BUCKET_ARN}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
        ],
      });
      expect(policy.dependencies).toEqual(expect.arrayContaining([graph.byName("files-access-logs-public-access-block").urn, graph.byName("files-access-logs-ownership").urn]));
    });
  });

  it("GIVEN accessLogs and forceDestroy (dev) WHEN built THEN the log bucket may be deleted with its logs too", async () => {
    await build("files", { accessLogs: { retentionDays: 7 }, forceDestroy: true });
    expect(mocked.graph.byName("files-access-logs").inputs).toEqual({ forceDestroy: true, tags: TAGS });
  });

  it("GIVEN plain ARNs WHEN the delivery statement is built THEN it names the source bucket and account", async () => {
    const statement = serverAccessLogsStatement("arn:aws:s3:::logs", "arn:aws:s3:::app", "111122223333");
    expect(await promiseOf(statement.Resource as pulumi.Output<string>)).toBe("arn:aws:s3:::logs/s3-access-logs/*");
    expect(statement.Condition).toEqual({ ArnLike: { "aws:SourceArn": "arn:aws:s3:::app" }, StringEquals: { "aws:SourceAccount": "111122223333" } });
  });

  it("GIVEN an origin with a trailing slash WHEN constructed THEN it throws before creating children", () => {
    expect(() => new ObjectStorage("files-bad", { ...baseArgs, corsOrigins: ["https://app.example.com/"] })).toThrow('ObjectStorage: corsOrigins[0] is "https://app.example.com/"');
  });
});
