/**
 * How the ECS agent pulls a task's image: from ECR with the execution role's ECR grants, or from any other registry
 * (GHCR, Docker Hub) anonymously or with `repositoryCredentials`. Pure.
 *
 * AWS docs checked:
 * - Amazon ECS Developer Guide, "Private registry authentication for tasks" and "Amazon ECS task execution IAM role"
 *   (Private registry authentication permissions): the container definition's `repositoryCredentials.credentialsParameter`
 *   names a Secrets Manager secret holding `{"username": …, "password": …}`; the execution role needs
 *   `secretsmanager:GetSecretValue` on it, and `kms:Decrypt` on its key only when that is a customer-managed key.
 * - ECS API reference, RepositoryCredentials: in the task's region the secret's name or ARN works; asc takes the ARN.
 * - Amazon ECR User Guide, "Private registry": the registry host is `<account>.dkr.ecr.<region>.amazonaws.com`.
 */
import type { IamStatement } from "./task-definition.js";

/** Credentials for images that are not on ECR (a private GHCR package, say). */
export interface RegistryCredentials {
  /** ARN of a Secrets Manager secret whose value is `{"username": "…", "password": "…"}`. */
  readonly secretArn: string;
  /**
   * The customer-managed KMS key the secret is encrypted with; the execution role may decrypt with it.
   * @default - the secret uses the AWS managed key `aws/secretsmanager`, which needs no grant
   */
  readonly kmsKeyArn?: string;
}

/** `<account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]/…`: a private ECR repository. */
const ECR_IMAGE = /^\d{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\//;

/** True when the image is in a private ECR registry (pulled with the execution role's ECR grants). */
export function isEcrImage(image: string): boolean {
  return ECR_IMAGE.test(image);
}

/** The container's `repositoryCredentials`, or undefined: only for an image outside ECR, and only with credentials. */
export function repositoryCredentialsFor(image: string, credentials: RegistryCredentials | undefined): { credentialsParameter: string } | undefined {
  return credentials && !isEcrImage(image) ? { credentialsParameter: credentials.secretArn } : undefined;
}

/**
 * What the execution role needs to pull `image`: the ECR grants for an ECR image; for any other image, read access
 * to the registry credentials secret (and its customer-managed key) when credentials are given, else nothing.
 */
export function imagePullStatements(image: string, credentials: RegistryCredentials | undefined): IamStatement[] {
  if (isEcrImage(image)) {
    return [
      { Sid: "PullImageAuth", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: ["*"] },
      { Sid: "PullImage", Effect: "Allow", Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Resource: ["*"] },
    ];
  }
  if (!credentials) return [];
  return [
    { Sid: "ReadRegistryCredentials", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [credentials.secretArn] },
    ...(credentials.kmsKeyArn ? [{ Sid: "DecryptRegistryCredentials", Effect: "Allow" as const, Action: ["kms:Decrypt"], Resource: [credentials.kmsKeyArn] }] : []),
  ];
}
