import * as pulumi from "@pulumi/pulumi";
import {
  appTaskRoleStatements,
  buildAppTaskRoleStatements,
  KEY_STORAGE_TYPE,
  KeyStorage,
  resolveKeyStorageArgs,
  type KeyStorageArgs,
} from "../../../src/components/aws/key-storage.js";
import { MOCK_RANDOM_PREFIX } from "../../../src/preview/mocks.js";
import { promiseOf, usePulumiMocks } from "../../helpers/pulumi.js";

const mocked = usePulumiMocks({ region: "eu-west-1" });

const TAGS = { project: "asc", profile: "test", tier: "production", "managed-by": "asc" };
const OPENAI_VALUE = "sk-operator-known-value-4242";
const BASE: KeyStorageArgs = {
  generated: [
    { variable: "SECRET_KEY", epoch: 0 },
    { variable: "AUTH_PASSWORD_PEPPER", epoch: 3 },
  ],
  operatorSecrets: { OPENAI_API_KEY: pulumi.secret(OPENAI_VALUE) },
  signingSecretEpoch: 2,
  tags: TAGS,
};
const SM_ARN = (physical: string) => `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${physical}-AbCdEf`;
const KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/ks-key-0000";

/** Creates the component and waits until every child has registered. */
async function build(overrides: Partial<KeyStorageArgs> = {}): Promise<{ storage: KeyStorage; urn: string }> {
  const storage = new KeyStorage("ks", { ...BASE, ...overrides });
  const [urn] = await Promise.all([
    promiseOf(storage.urn),
    promiseOf(storage.kmsKeyArn),
    promiseOf(storage.signingSecretArn),
    promiseOf(storage.keysetSecretName),
    ...Object.values(storage.secretArns).map((o) => promiseOf(o!)),
  ]);
  await new Promise((r) => setTimeout(r, 50));
  return { storage, urn };
}

describe("resolveKeyStorageArgs", () => {
  it("GIVEN only the required args (optional ones explicitly undefined) WHEN resolved THEN the documented defaults apply", () => {
    const resolved = resolveKeyStorageArgs({ generated: [], operatorSecrets: {}, signingSecretEpoch: undefined, kmsDeletionWindowDays: undefined });
    expect(resolved).toEqual({ generated: [], operatorSecrets: {}, signingSecretEpoch: 0, kmsDeletionWindowDays: 30, secretRecoveryWindowDays: 30, tags: {} });
  });

  it("GIVEN a recovery window of 0 WHEN resolved THEN it is kept (the caller decides it is dev)", () => {
    expect(resolveKeyStorageArgs({ ...BASE, secretRecoveryWindowDays: 0 }).secretRecoveryWindowDays).toBe(0);
  });

  it.each<[string, Partial<KeyStorageArgs>, string]>([
    ["a KMS window of 6", { kmsDeletionWindowDays: 6 }, "KeyStorage kmsDeletionWindowDays: 6 is out of range; KMS allows whole days from 7 to 30. Pass a value in that range."],
    ["a recovery window of 3", { secretRecoveryWindowDays: 3 }, "KeyStorage secretRecoveryWindowDays: 3 is out of range; Secrets Manager allows 0 or whole days from 7 to 30. Pass 0 (dev) or 7 to 30."],
    [
      "a variable generated twice",
      { generated: [{ variable: "SECRET_KEY", epoch: 0 }, { variable: "SECRET_KEY", epoch: 1 }] },
      "KeyStorage generated: SECRET_KEY is listed twice; list each generated secret once.",
    ],
    ["a fractional epoch", { generated: [{ variable: "SECRET_KEY", epoch: 1.5 }] }, "KeyStorage generated SECRET_KEY: epoch 1.5 is not a non-negative integer; bump epochs by whole numbers from 0."],
    [
      "a variable both generated and operator-supplied",
      { generated: [{ variable: "OPENAI_API_KEY", epoch: 0 }] },
      "KeyStorage: OPENAI_API_KEY is both generated and operator-supplied; keep it in only one of generated and operatorSecrets.",
    ],
    ["a negative signing epoch", { signingSecretEpoch: -1 }, "KeyStorage signingSecretEpoch: -1 is not a non-negative integer; bump epochs by whole numbers from 0."],
  ])("GIVEN %s WHEN resolved THEN it throws the exact message", (_label, overrides, message) => {
    expect(() => resolveKeyStorageArgs({ ...BASE, ...overrides })).toThrow(message);
  });
});

describe("KeyStorage", () => {
  it("GIVEN the component WHEN created THEN the KMS key rotates, has the deletion window, and gets an alias", async () => {
    const { urn } = await build({ kmsDeletionWindowDays: 14 });
    const { graph } = mocked;
    expect(graph.byName("ks").type).toBe(KEY_STORAGE_TYPE);
    expect(graph.byName("ks-key").inputs).toEqual({
      description: "asc ks: encrypts the app's Secrets Manager secrets",
      enableKeyRotation: true,
      deletionWindowInDays: 14,
      tags: TAGS,
    });
    expect(graph.byName("ks-key-alias").inputs).toEqual({ namePrefix: "alias/ks-", targetKeyId: "ks-key-0000" });
    expect(graph.byName("ks-key-alias").propertyDependencies.targetKeyId).toEqual([graph.byName("ks-key").urn]);
    // key, alias, 3 random passwords (2 generated + signing), 4 secrets with 4 versions, the keyset secret
    expect(graph.resources.filter((r) => r.urn !== urn)).toHaveLength(14);
    expect(graph.resources.filter((r) => r.urn !== urn).map((r) => [r.name, r.parent === urn])).toEqual(
      graph.resources.filter((r) => r.urn !== urn).map((r) => [r.name, true]),
    );
  });

  it("GIVEN generated secrets with epochs WHEN created THEN each is a 64-char alphanumeric password keyed by its epoch, stored encrypted with the key", async () => {
    const { storage } = await build();
    const { graph } = mocked;
    expect(graph.byName("ks-secret-key-random").inputs).toEqual({ length: 64, special: false, keepers: { epoch: "0" } });
    expect(graph.byName("ks-auth-password-pepper-random").inputs).toEqual({ length: 64, special: false, keepers: { epoch: "3" } });
    expect(graph.byName("ks-signing-secret-random").inputs).toEqual({ length: 64, special: false, keepers: { epoch: "2" } });
    const secret = graph.byName("ks-auth-password-pepper");
    expect(secret.type).toBe("aws:secretsmanager/secret:Secret");
    expect(secret.inputs).toEqual({ description: "AUTH_PASSWORD_PEPPER (generated, epoch 3)", kmsKeyId: KEY_ARN, recoveryWindowInDays: 30, tags: TAGS });
    expect(graph.byName("ks-auth-password-pepper-version").inputs).toEqual({ secretId: "ks-auth-password-pepper-id", secretString: "[secret]" });
    expect(graph.byName("ks-auth-password-pepper-version").propertyDependencies.secretString).toEqual([graph.byName("ks-auth-password-pepper-random").urn]);

    expect(await promiseOf(storage.secretArns.SECRET_KEY!)).toBe(SM_ARN("ks-secret-key-mock"));
    expect(await promiseOf(storage.secretArns.AUTH_PASSWORD_PEPPER!)).toBe(SM_ARN("ks-auth-password-pepper-mock"));
    expect(await promiseOf(storage.signingSecretArn)).toBe(SM_ARN("ks-signing-secret-mock"));
    expect(await promiseOf(storage.kmsKeyArn)).toBe(KEY_ARN);
    expect(await promiseOf(storage.kmsKeyId)).toBe("ks-key-0000");
  });

  it("GIVEN a bumped epoch WHEN created THEN only the keeper changes (so only that value is regenerated)", async () => {
    await build({ generated: [{ variable: "SECRET_KEY", epoch: 7 }] });
    expect(mocked.graph.byName("ks-secret-key-random").inputs).toEqual({ length: 64, special: false, keepers: { epoch: "7" } });
  });

  it("GIVEN an operator secret WHEN created THEN it is stored as a secret and its value appears nowhere in the graph", async () => {
    const { storage } = await build();
    const { graph } = mocked;
    expect(graph.byName("ks-openai-api-key").inputs).toEqual({ description: "OPENAI_API_KEY (operator-supplied)", kmsKeyId: KEY_ARN, recoveryWindowInDays: 30, tags: TAGS });
    expect(graph.byName("ks-openai-api-key-version").secretInputs).toEqual(["secretString"]);
    expect(Object.keys(storage.secretArns).sort()).toEqual(["AUTH_PASSWORD_PEPPER", "OPENAI_API_KEY", "SECRET_KEY"]);
    const dump = JSON.stringify(graph.resources) + JSON.stringify([...graph.componentOutputs.values()]);
    expect(dump).not.toContain(OPENAI_VALUE);
    expect(dump).not.toContain(MOCK_RANDOM_PREFIX);
  });

  it("GIVEN no keysetSeed WHEN created THEN the keyset secret uses the key, has no SecretVersion, and its name is an output", async () => {
    const { storage } = await build({ secretRecoveryWindowDays: 0 });
    const { graph } = mocked;
    expect(graph.byName("ks-keyset").inputs).toEqual({
      description: "Ed25519 signing keyset (AUTH_KEY_SECRET_NAME); seeded once by asc, rotated by the operator console",
      kmsKeyId: KEY_ARN,
      recoveryWindowInDays: 0,
      tags: TAGS,
    });
    const versions = graph.byType("aws:secretsmanager/secretVersion:SecretVersion");
    expect(versions.map((v) => v.name).sort()).toEqual(["ks-auth-password-pepper-version", "ks-openai-api-key-version", "ks-secret-key-version", "ks-signing-secret-version"]);
    expect(versions.map((v) => v.inputs.secretId)).not.toContain("ks-keyset-id");
    expect(storage.keysetSeeded).toBe(false);
    expect(await promiseOf(storage.keysetSecretName)).toBe("ks-keyset-mock");
    expect(await promiseOf(storage.keysetSecretArn)).toBe(SM_ARN("ks-keyset-mock"));
  });

  it("GIVEN a keysetSeed WHEN created THEN one secret version holds it, is never updated by Pulumi (ignoreChanges) and stays in the cloud on delete", async () => {
    const SEED = '{"schema_version":1,"active":{"kid":"ed25519-0123456789ab"},"next":null}';
    const { storage } = await build({ keysetSeed: SEED });
    const { graph } = mocked;
    const seed = graph.byName("ks-keyset-seed");
    expect(seed.type).toBe("aws:secretsmanager/secretVersion:SecretVersion");
    expect(seed.inputs).toEqual({ secretId: "ks-keyset-id", secretString: "[secret]" });
    expect(seed.secretInputs).toEqual(["secretString"]);
    expect(seed.ignoreChanges).toEqual(["secretString"]);
    expect(seed.retainOnDelete).toBe(true);
    expect(seed.parent).toBe(graph.byName("ks").urn);
    expect(storage.keysetSeeded).toBe(true);
    // The name (AUTH_KEY_SECRET_NAME) waits for the seed, so no task starts on an empty keyset.
    expect(await promiseOf(storage.keysetSecretName)).toBe("ks-keyset-mock");
    expect(JSON.stringify(graph.resources) + JSON.stringify([...graph.componentOutputs.values()])).not.toContain("ed25519-0123456789ab");
  });
});

describe("appTaskRoleStatements", () => {
  const arns = {
    signingSecretArn: SM_ARN("signing"),
    keysetSecretArn: SM_ARN("keyset"),
    bucketArn: "arn:aws:s3:::app-bucket",
    kmsKeyArn: KEY_ARN,
  };
  const expected = [
    { Sid: "ReadKeyStorageSecrets", Effect: "Allow", Action: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"], Resource: [SM_ARN("signing"), SM_ARN("keyset")] },
    { Sid: "WriteKeyStorageSecrets", Effect: "Allow", Action: ["secretsmanager:PutSecretValue"], Resource: [SM_ARN("signing"), SM_ARN("keyset")] },
    { Sid: "UseBucketObjects", Effect: "Allow", Action: ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"], Resource: ["arn:aws:s3:::app-bucket/*"] },
    { Sid: "ListBucket", Effect: "Allow", Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::app-bucket"] },
    { Sid: "UseSecretsKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [KEY_ARN] },
  ];

  it("GIVEN resolved ARNs WHEN built THEN the statements are exactly the api's runtime needs", () => {
    expect(buildAppTaskRoleStatements(arns)).toEqual(expected);
  });

  it("GIVEN outputs WHEN built THEN the Output resolves to the same statements", async () => {
    const outputs = { ...arns, keysetSecretArn: pulumi.output(arns.keysetSecretArn), kmsKeyArn: pulumi.output(arns.kmsKeyArn) };
    expect(await promiseOf(appTaskRoleStatements(outputs))).toEqual(expected);
  });
});
