/**
 * KeyStorage: the app's customer-managed KMS key and every secret the app reads from Secrets Manager — the
 * generated ones (random, rotated by bumping an epoch), the operator-supplied ones, the HMAC signing secret, and
 * the Ed25519 keyset secret, seeded once and then rotated only by the operator console. Outputs are ARNs and names
 * only, never values.
 */
import * as aws from "./sdk.js";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { SecretVariable } from "../../contract/types.js";
import { createSecret, type SecretReference } from "./secret-value.js";
import { definedOnly, type IamStatement } from "./task-definition.js";

export const KEY_STORAGE_TYPE = "asc:aws:KeyStorage";

/** A secret asc generates. Bumping `epoch` regenerates the value on the next deploy. */
export interface GeneratedSecretSpec {
  readonly variable: SecretVariable;
  /** Rotation epoch (a non-negative integer); the random value's keeper. */
  readonly epoch: number;
}

export interface KeyStorageArgs {
  /** Secrets generated as 64 random alphanumerics, one per variable. */
  readonly generated: readonly GeneratedSecretSpec[];
  /**
   * Operator-supplied values (from `pulumi config set --secret`), stored as given. A variable may not be both
   * generated and operator-supplied.
   * @example { OPENAI_API_KEY: config.requireSecret("openaiApiKey") }
   */
  readonly operatorSecrets: Partial<Record<SecretVariable, pulumi.Input<string>>>;
  /**
   * Rotation epoch of the HMAC signing secret (AWS_SM_SIGNING_SECRET_ARN).
   * @default 0
   */
  readonly signingSecretEpoch?: number;
  /**
   * Days KMS waits before deleting the key once it is scheduled for deletion (7 to 30).
   * @default 30
   */
  readonly kmsDeletionWindowDays?: number;
  /**
   * Days Secrets Manager keeps a deleted secret (0, or 7 to 30). 0 deletes at once; only the caller knows whether
   * that is acceptable (dev).
   * @default 30
   */
  readonly secretRecoveryWindowDays?: number;
  /**
   * The keyset secret's first version (the app's keyset JSON, see src/components/shared/keyset.ts). Created once:
   * Pulumi never writes it again (`ignoreChanges: ["secretString"]`) and leaves it in place when the resource goes
   * (`retainOnDelete`), so an operator's rotation is never undone. Pass it only while the stack has not seeded yet.
   * @default - no version: the secret is created empty
   */
  readonly keysetSeed?: pulumi.Input<string>;
  /** Tags for every taggable child. @default {} */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export interface ResolvedKeyStorageArgs {
  readonly keysetSeed?: pulumi.Input<string>;
  readonly generated: readonly GeneratedSecretSpec[];
  readonly operatorSecrets: Partial<Record<SecretVariable, pulumi.Input<string>>>;
  readonly signingSecretEpoch: number;
  readonly kmsDeletionWindowDays: number;
  readonly secretRecoveryWindowDays: number;
  readonly tags: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

const isNonNegativeInteger = (n: number) => Number.isInteger(n) && n >= 0;

/** Applies defaults and rejects arguments AWS would refuse, or that conflict. Pure. */
export function resolveKeyStorageArgs(args: KeyStorageArgs): ResolvedKeyStorageArgs {
  const resolved: ResolvedKeyStorageArgs = { signingSecretEpoch: 0, kmsDeletionWindowDays: 30, secretRecoveryWindowDays: 30, tags: {}, ...definedOnly(args) } as ResolvedKeyStorageArgs;
  const { kmsDeletionWindowDays: kms, secretRecoveryWindowDays: recovery } = resolved;
  if (!Number.isInteger(kms) || kms < 7 || kms > 30) {
    throw new Error(`KeyStorage kmsDeletionWindowDays: ${kms} is out of range; KMS allows whole days from 7 to 30. Pass a value in that range.`);
  }
  if (!Number.isInteger(recovery) || (recovery !== 0 && (recovery < 7 || recovery > 30))) {
    throw new Error(`KeyStorage secretRecoveryWindowDays: ${recovery} is out of range; Secrets Manager allows 0 or whole days from 7 to 30. Pass 0 (dev) or 7 to 30.`);
  }
  const seen = new Set<SecretVariable>();
  for (const { variable, epoch } of resolved.generated) {
    if (seen.has(variable)) throw new Error(`KeyStorage generated: ${variable} is listed twice; list each generated secret once.`);
    seen.add(variable);
    if (!isNonNegativeInteger(epoch)) throw new Error(`KeyStorage generated ${variable}: epoch ${epoch} is not a non-negative integer; bump epochs by whole numbers from 0.`);
  }
  const both = Object.keys(resolved.operatorSecrets).filter((v) => seen.has(v as SecretVariable));
  if (both.length > 0) {
    throw new Error(`KeyStorage: ${both.join(", ")} is both generated and operator-supplied; keep it in only one of generated and operatorSecrets.`);
  }
  if (!isNonNegativeInteger(resolved.signingSecretEpoch)) {
    throw new Error(`KeyStorage signingSecretEpoch: ${resolved.signingSecretEpoch} is not a non-negative integer; bump epochs by whole numbers from 0.`);
  }
  return resolved;
}

/** `SECRET_KEY` → `secret-key`, for logical names. */
export const kebabCase = (variable: string): string => variable.toLowerCase().replace(/_/g, "-");

/** The ARNs the app's task role is scoped to. */
export interface AppTaskRoleArns<V> {
  readonly signingSecretArn: V;
  readonly keysetSecretArn: V;
  readonly bucketArn: V;
  readonly kmsKeyArn: V;
}

/**
 * What the api (and worker, and migrations) may do at runtime: read both key-storage secrets, rewrite them (the
 * api rotates its keyset), use the bucket, and encrypt/decrypt with the key those secrets use. Pure.
 */
export function buildAppTaskRoleStatements(arns: AppTaskRoleArns<string>): IamStatement[] {
  return [
    { Sid: "ReadKeyStorageSecrets", Effect: "Allow", Action: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"], Resource: [arns.signingSecretArn, arns.keysetSecretArn] },
    { Sid: "WriteKeyStorageSecrets", Effect: "Allow", Action: ["secretsmanager:PutSecretValue"], Resource: [arns.signingSecretArn, arns.keysetSecretArn] },
    { Sid: "UseBucketObjects", Effect: "Allow", Action: ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"], Resource: [`${arns.bucketArn}/*`] },
    { Sid: "ListBucket", Effect: "Allow", Action: ["s3:ListBucket"], Resource: [arns.bucketArn] },
    { Sid: "UseSecretsKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [arns.kmsKeyArn] },
  ];
}

/** `buildAppTaskRoleStatements` over outputs, ready for `taskRoleStatements`. */
export function appTaskRoleStatements(arns: AppTaskRoleArns<pulumi.Input<string>>): pulumi.Output<IamStatement[]> {
  return pulumi.all([arns.signingSecretArn, arns.keysetSecretArn, arns.bucketArn, arns.kmsKeyArn]).apply(([signingSecretArn, keysetSecretArn, bucketArn, kmsKeyArn]) =>
    buildAppTaskRoleStatements({ signingSecretArn, keysetSecretArn, bucketArn, kmsKeyArn }),
  );
}

const RANDOM_LENGTH = 64;

export class KeyStorage extends pulumi.ComponentResource {
  /** ARN of the customer-managed key that encrypts every secret here. */
  readonly kmsKeyArn: pulumi.Output<string>;
  readonly kmsKeyId: pulumi.Output<string>;
  /** Secret ARN per variable, generated and operator-supplied alike. */
  readonly secretArns: Readonly<Partial<Record<SecretVariable, pulumi.Output<string>>>>;
  /** The versioned ECS `valueFrom` per variable (`<arn>:::<version-id>`): what the env contract references. */
  readonly secretValueFroms: Readonly<Partial<Record<SecretVariable, pulumi.Output<string>>>>;
  /** AWS_SM_SIGNING_SECRET_ARN. */
  readonly signingSecretArn: pulumi.Output<string>;
  readonly keysetSecretArn: pulumi.Output<string>;
  /** AUTH_KEY_SECRET_NAME. */
  readonly keysetSecretName: pulumi.Output<string>;
  /** Whether this run registered the keyset's seed version. */
  readonly keysetSeeded: boolean;

  constructor(name: string, args: KeyStorageArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(KEY_STORAGE_TYPE, name, {}, opts);
    const resolved = resolveKeyStorageArgs(args);

    const key = this.createKey(name, resolved);
    const secretArns: Partial<Record<SecretVariable, pulumi.Output<string>>> = {};
    const secretValueFroms: Partial<Record<SecretVariable, pulumi.Output<string>>> = {};
    for (const { variable, epoch } of resolved.generated) {
      const stored = this.createGeneratedSecret(`${name}-${kebabCase(variable)}`, variable, epoch, key, resolved);
      secretArns[variable] = stored.arn;
      secretValueFroms[variable] = stored.valueFrom;
    }
    for (const [variable, value] of Object.entries(resolved.operatorSecrets) as [SecretVariable, pulumi.Input<string> | undefined][]) {
      if (value === undefined) continue;
      const stored = this.storeSecret(`${name}-${kebabCase(variable)}`, `${variable} (operator-supplied)`, value, key, resolved);
      secretArns[variable] = stored.arn;
      secretValueFroms[variable] = stored.valueFrom;
    }
    const signing = this.createGeneratedSecret(`${name}-signing-secret`, "AWS_SM_SIGNING_SECRET", resolved.signingSecretEpoch, key, resolved);
    const keyset = this.createKeysetSecret(name, key, resolved);

    this.kmsKeyArn = key.arn;
    this.kmsKeyId = key.keyId;
    this.secretArns = secretArns;
    this.secretValueFroms = secretValueFroms;
    this.signingSecretArn = signing.arn;
    this.keysetSecretArn = keyset.arn;
    this.keysetSecretName = keyset.name;
    this.keysetSeeded = resolved.keysetSeed !== undefined;
    this.registerOutputs({
      kmsKeyArn: this.kmsKeyArn,
      kmsKeyId: this.kmsKeyId,
      secretArns: this.secretArns,
      signingSecretArn: this.signingSecretArn,
      keysetSecretArn: this.keysetSecretArn,
      keysetSecretName: this.keysetSecretName,
      keysetSeeded: this.keysetSeeded,
    });
  }

  private createKey(name: string, args: ResolvedKeyStorageArgs): aws.kms.Key {
    const key = new aws.kms.Key(
      `${name}-key`,
      { description: `asc ${name}: encrypts the app's Secrets Manager secrets`, enableKeyRotation: true, deletionWindowInDays: args.kmsDeletionWindowDays, tags: args.tags },
      { parent: this },
    );
    new aws.kms.Alias(`${name}-key-alias`, { namePrefix: `alias/${name}-`, targetKeyId: key.keyId }, { parent: this });
    return key;
  }

  private createGeneratedSecret(secretName: string, label: string, epoch: number, key: aws.kms.Key, args: ResolvedKeyStorageArgs) {
    const password = new random.RandomPassword(`${secretName}-random`, { length: RANDOM_LENGTH, special: false, keepers: { epoch: String(epoch) } }, { parent: this });
    return this.storeSecret(secretName, `${label} (generated, epoch ${epoch})`, password.result, key, args);
  }

  private storeSecret(secretName: string, description: string, value: pulumi.Input<string>, key: aws.kms.Key, args: ResolvedKeyStorageArgs) {
    return createSecret(
      secretName,
      { description, value: pulumi.secret(value), kmsKeyId: key.arn, tags: args.tags, recoveryWindowInDays: args.secretRecoveryWindowDays },
      this,
    );
  }

  /**
   * The Ed25519 keyset. The api only reads it, so an empty secret means no login works; with `keysetSeed` the first
   * version holds one active key. Operators rotate it with `starter-console auth keys rotate` (a new version that
   * takes AWSCURRENT); `ignoreChanges` keeps a later `up` from writing the seed back, and `retainOnDelete` keeps the
   * version in the cloud when the blueprint stops passing the seed. The name resolves after the seed is stored, so
   * no task starts on an empty keyset.
   */
  private createKeysetSecret(name: string, key: aws.kms.Key, args: ResolvedKeyStorageArgs): SecretReference {
    const secret = new aws.secretsmanager.Secret(
      `${name}-keyset`,
      { description: "Ed25519 signing keyset (AUTH_KEY_SECRET_NAME); seeded once by asc, rotated by the operator console", kmsKeyId: key.arn, recoveryWindowInDays: args.secretRecoveryWindowDays, tags: args.tags },
      { parent: this },
    );
    // The api reads the keyset by name at run time, and operators rotate it: nothing pins one of its versions.
    if (args.keysetSeed === undefined) return { arn: secret.arn, valueFrom: secret.arn, name: secret.name };
    const seed = new aws.secretsmanager.SecretVersion(
      `${name}-keyset-seed`,
      { secretId: secret.id, secretString: pulumi.secret(args.keysetSeed) },
      { parent: this, ignoreChanges: ["secretString"], retainOnDelete: true },
    );
    const arn = pulumi.all([secret.arn, seed.id]).apply(([a]) => a);
    return { arn, valueFrom: arn, name: pulumi.all([secret.name, seed.id]).apply(([n]) => n) };
  }
}
