/**
 * Stores one secret value in AWS Secrets Manager: a Secret plus its SecretVersion. Not a component: a helper for
 * components (Database, Cache, the app's generated secrets) that creates the two resources as children of `parent`.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "./sdk.js";

export interface SecretValueArgs {
  /** Shown in the Secrets Manager console, e.g. `"DATABASE_URL for the api"`. */
  readonly description: pulumi.Input<string>;
  /** The value to store. It is wrapped in `pulumi.secret` here, so plain strings are safe too. */
  readonly value: pulumi.Input<string>;
  /** ARN or id of the customer-managed KMS key that encrypts the secret. */
  readonly kmsKeyId: pulumi.Input<string>;
  /** Tags for the secret. */
  readonly tags: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * Days Secrets Manager keeps a deleted secret before it is gone; 0 deletes it at once (handy in dev).
   * @default 30
   */
  readonly recoveryWindowInDays?: pulumi.Input<number>;
}

/** References to a stored secret; never its value. */
export interface SecretReference {
  /**
   * ARN of the secret, for ECS `secrets[].valueFrom` and IAM policies. It resolves only after the value is stored,
   * so anything built from it (a task definition) waits for the SecretVersion, not just the empty Secret.
   */
  readonly arn: pulumi.Output<string>;
  /**
   * The ECS `valueFrom` of this value: the ARN with the SecretVersion's id (`<arn>:::<version-id>`, the
   * `json-key:version-stage:version-id` suffix ECS accepts on Fargate 1.4.0+). A task definition that references a
   * version changes when the value does, so ECS rolls exactly the services that read a rotated secret; one that
   * referenced the bare ARN would keep running the old value until something else restarted it.
   */
  readonly valueFrom: pulumi.Output<string>;
  /** Name of the secret (Pulumi auto-names it from `name`, so a replaced secret never collides with one still in recovery). */
  readonly name: pulumi.Output<string>;
}

export const DEFAULT_SECRET_RECOVERY_WINDOW_DAYS = 30;

/**
 * Creates `${name}` (aws.secretsmanager.Secret) and `${name}-version` (aws.secretsmanager.SecretVersion) under `parent`.
 * @example createSecret(`${name}-database-url`, { description: "DATABASE_URL", value: url, kmsKeyId: key.arn, tags }, this)
 */
export function createSecret(name: string, args: SecretValueArgs, parent: pulumi.Resource): SecretReference {
  const secret = new aws.secretsmanager.Secret(
    name,
    {
      description: args.description,
      kmsKeyId: args.kmsKeyId,
      recoveryWindowInDays: args.recoveryWindowInDays ?? DEFAULT_SECRET_RECOVERY_WINDOW_DAYS,
      tags: args.tags,
    },
    { parent },
  );
  const version = new aws.secretsmanager.SecretVersion(
    `${name}-version`,
    { secretId: secret.id, secretString: pulumi.secret(args.value) },
    { parent },
  );
  return {
    arn: pulumi.all([secret.arn, version.id]).apply(([arn]) => arn),
    valueFrom: pulumi.interpolate`${secret.arn}:::${version.versionId}`,
    name: secret.name,
  };
}
