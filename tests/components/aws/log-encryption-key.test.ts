import {
  cloudWatchLogsKeyPolicy,
  LOG_ENCRYPTION_KEY_TYPE,
  LogEncryptionKey,
  resolveLogEncryptionKeyArgs,
} from "../../../src/components/aws/log-encryption-key.js";
import { promiseOf, usePulumiMocks } from "../../helpers/pulumi.js";

const mocked = usePulumiMocks({ region: "eu-west-1" });

const TAGS = { project: "asc", profile: "test", tier: "production", "managed-by": "asc" };

describe("resolveLogEncryptionKeyArgs", () => {
  it("GIVEN no args WHEN resolved THEN the documented defaults apply", () => {
    expect(resolveLogEncryptionKeyArgs({ deletionWindowDays: undefined })).toEqual({ deletionWindowDays: 30, tags: {} });
  });

  it.each([6, 31, 7.5])("GIVEN a deletion window of %s WHEN resolved THEN it throws with KMS's range", (days) => {
    expect(() => resolveLogEncryptionKeyArgs({ deletionWindowDays: days })).toThrow(
      `LogEncryptionKey deletionWindowDays: ${days} is out of range; KMS allows whole days from 7 to 30. Pass a value in that range.`,
    );
  });
});

describe("cloudWatchLogsKeyPolicy", () => {
  it("GIVEN an account and region WHEN the key policy is built THEN the account governs the key and CloudWatch Logs of that region may use it for the account's log groups only", () => {
    expect(cloudWatchLogsKeyPolicy("aws", "eu-west-1", "123456789012")).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: "EnableIamPolicies", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" },
        {
          Sid: "AllowCloudWatchLogs",
          Effect: "Allow",
          Principal: { Service: "logs.eu-west-1.amazonaws.com" },
          Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
          Resource: "*",
          Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:eu-west-1:123456789012:*" } },
        },
      ],
    });
  });

  it("GIVEN another partition WHEN the key policy is built THEN every ARN is in that partition", () => {
    const policy = JSON.stringify(cloudWatchLogsKeyPolicy("aws-cn", "cn-north-1", "123456789012"));
    expect(policy).toContain('"arn:aws-cn:iam::123456789012:root"');
    expect(policy).toContain('"arn:aws-cn:logs:cn-north-1:123456789012:*"');
    expect(policy).not.toContain("arn:aws:");
  });
});

describe("LogEncryptionKey", () => {
  it("GIVEN a deletion window and tags WHEN built THEN a rotating key carries the CloudWatch Logs key policy, with an alias, under the component", async () => {
    const key = new LogEncryptionKey("prod-logs", { deletionWindowDays: 7, tags: TAGS });
    expect(await promiseOf(key.keyArn)).toBe("arn:aws:kms:eu-west-1:123456789012:key/prod-logs-key-0000");
    await mocked.graph.settled();
    const { graph } = mocked;
    const component = graph.byName("prod-logs");
    expect(component.type).toBe(LOG_ENCRYPTION_KEY_TYPE);
    const kmsKey = graph.byName("prod-logs-key");
    expect(kmsKey.parent).toBe(component.urn);
    expect(kmsKey.inputs).toEqual({
      description: "asc prod-logs: encrypts the CloudWatch log groups asc creates",
      enableKeyRotation: true,
      deletionWindowInDays: 7,
      policy: JSON.stringify(cloudWatchLogsKeyPolicy("aws", "eu-west-1", "123456789012")),
      tags: TAGS,
    });
    const alias = graph.byName("prod-logs-alias");
    expect(alias.parent).toBe(component.urn);
    expect(alias.inputs).toEqual({ namePrefix: "alias/prod-logs-", targetKeyId: "prod-logs-key-0000" });
    expect(Object.keys(graph.componentOutputs.get(component.urn) ?? {})).toEqual(["keyArn"]);
  });
});
