/**
 * AWS and Azure side by side: which variable serves the same purpose on each cloud, and which component delivers
 * each capability. docs/parity.md is generated from this and from the contract catalog; a test fails when a
 * variable required on one cloud has no counterpart on the other, or a named component file does not exist.
 */

/** Cloud-specific variables grouped by the purpose they serve; `none` explains why a cloud needs no variable. */
export interface CounterpartGroup {
  readonly purpose: string;
  readonly aws: readonly string[] | { readonly none: string };
  readonly azure: readonly string[] | { readonly none: string };
}

export const CLOUD_COUNTERPARTS: readonly CounterpartGroup[] = [
  { purpose: "where the secret manager lives", aws: ["AWS_REGION"], azure: ["AZURE_KEY_VAULT_URL"] },
  { purpose: "the HMAC signing secret, created before the api starts", aws: ["AWS_SM_SIGNING_SECRET_ARN"], azure: ["AZURE_KV_SIGNING_SECRET_NAME"] },
  { purpose: "object storage location", aws: ["S3_BUCKET", "S3_REGION"], azure: ["AZURE_BLOB_ACCOUNT_URL", "AZURE_BLOB_CONTAINER"] },
  {
    purpose: "the workload identity the SDKs authenticate as",
    aws: { none: "the ECS task role is picked up by the AWS SDK from the task metadata endpoint" },
    azure: ["AZURE_MANAGED_IDENTITY_CLIENT_ID"],
  },
];

export interface Capability {
  readonly name: string;
  readonly aws: string;
  readonly azure: string;
  /** Source files that implement it, relative to the repository root. */
  readonly files: { readonly aws: readonly string[]; readonly azure: readonly string[] };
}

export const CAPABILITIES: readonly Capability[] = [
  {
    name: "HTTPS",
    aws: "ALB HTTPS listener with an ACM certificate and a TLS 1.3 policy; HTTP only redirects",
    azure: "Container Apps ingress, HTTPS only (allowInsecure false) on the platform certificate",
    files: { aws: ["src/components/aws/load-balancer.ts"], azure: ["src/components/azure/container-app.ts"] },
  },
  {
    name: "Private data plane",
    aws: "RDS and ElastiCache in private subnets, reachable only from the services' and migration task's security groups",
    azure: "Postgres on a delegated subnet with private DNS; Redis, Blob and Key Vault behind private endpoints",
    files: { aws: ["src/components/aws/network.ts", "src/components/aws/database.ts", "src/components/aws/cache.ts"], azure: ["src/components/azure/network.ts", "src/components/azure/private-endpoint.ts", "src/components/azure/database.ts"] },
  },
  {
    name: "Database sign-in for people",
    aws: "IAM database authentication beside the password (asc:database.iamAuthentication, on in production)",
    azure: "Microsoft Entra authentication beside the password, with the Entra administrator asc:azure.postgresEntraAdmin (required in production)",
    files: { aws: ["src/components/aws/database.ts"], azure: ["src/components/azure/database.ts"] },
  },
  {
    name: "Secrets by reference",
    aws: "Secrets Manager ARNs in the task definition's `secrets`; the execution role reads only those",
    azure: "Key Vault references in `configuration.secrets` read with each app's user-assigned identity; `secretRef` in env",
    files: { aws: ["src/components/aws/task-definition.ts", "src/components/aws/key-storage.ts"], azure: ["src/components/azure/container-env.ts", "src/components/azure/key-vault.ts"] },
  },
  {
    name: "Key storage",
    aws: "AUTH_KEY_STORAGE_BACKEND=secret-manager with aws_sm; the keyset secret is writable by the api's task role",
    azure: "AUTH_KEY_STORAGE_BACKEND=secret-manager with azure_kv; the api's identity may write the keyset secret",
    files: { aws: ["src/components/aws/key-storage.ts"], azure: ["src/components/azure/key-vault.ts", "src/components/azure/roles.ts"] },
  },
  {
    name: "Migrations",
    aws: "an ECS task definition run once with RunTask in private subnets, with the api's contract",
    azure: "a Container Apps Job (manual trigger) with the api's contract",
    files: { aws: ["src/components/aws/migration-task.ts"], azure: ["src/components/azure/migration-job.ts"] },
  },
  {
    name: "The api's public surface",
    aws: "outside dev the ALB forwards only the contract's public api paths (health, JWKS, the Stripe webhook with billing) and answers 404 to the rest",
    azure: "outside dev the api's ingress is internal and an HTTP route configuration of the environment forwards only the contract's public paths; internal with no public path",
    files: { aws: ["src/components/aws/routing.ts", "src/contract/public-surface.ts"], azure: ["src/components/azure/api-public-routes.ts", "src/contract/public-surface.ts"] },
  },
  {
    name: "Private images",
    aws: "asc:aws.registryCredentials: repositoryCredentials on containers outside ECR; the execution role reads only that secret",
    azure: "asc:azure.registryCredentials: configuration.registries with the password (asc:registryPassword) as a Key Vault reference read by the pulling identities, or AcrPull on an ACR",
    files: { aws: ["src/components/aws/image-pull.ts"], azure: ["src/components/azure/image-pull.ts"] },
  },
  {
    name: "Probes",
    aws: "target-group checks on the readiness paths, container liveness checks with Host: localhost",
    azure: "startup, liveness and readiness probes sending Host: localhost",
    files: { aws: ["src/components/aws/routing.ts"], azure: ["src/components/azure/container-env.ts"] },
  },
  {
    name: "Billing-worker topology",
    aws: "inline in the api, or a dedicated Fargate service",
    azure: "inline in the api, or a dedicated container app without ingress",
    files: { aws: ["src/components/aws/blueprint.ts"], azure: ["src/components/azure/blueprint.ts"] },
  },
  {
    name: "Tier defaults",
    aws: "NAT per AZ, Multi-AZ RDS, Redis failover, deletion protection, ALB logs in production",
    azure: "zone-redundant environment and HA Postgres, geo-redundant backups and storage, purge protection in production",
    files: { aws: ["src/config/defaults.ts"], azure: ["src/config/defaults.ts", "src/components/azure/blueprint-args.ts"] },
  },
  {
    name: "Dev overrides",
    aws: "httpOnly, publicDatabase, forceDestroyStorage (refused outside dev)",
    azure: "keyVaultPurgeProtection: false (refused outside dev)",
    files: { aws: ["src/config/rules.ts"], azure: ["src/config/rules.ts"] },
  },
];
