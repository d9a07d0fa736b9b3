/**
 * Types of the environment contract. `V` is how a value known only once resources exist is carried:
 * `pulumi.Output<string>` inside components, a plain string in the CLI and in docs.
 */
import type { BlueprintConfig, CloudName } from "../config/schema.js";

export const CONTRACT_SERVICES = ["api", "web", "worker", "migrate"] as const;
export type ContractService = (typeof CONTRACT_SERVICES)[number];

export type EnvSource = "literal" | "output" | "secret";

/** Where a secret lives. Containers receive the reference; the platform injects the value at start. */
export type SecretRef<V> =
  | { readonly store: "aws-secrets-manager"; readonly arn: V }
  | { readonly store: "azure-key-vault"; readonly secretUri: V; readonly secretName: string };

export type EnvEntry<V> =
  | { readonly name: string; readonly source: "literal"; readonly value: string }
  | { readonly name: string; readonly source: "output"; readonly value: V }
  | { readonly name: string; readonly source: "secret"; readonly ref: SecretRef<V> };

/** Env vars whose value is a secret, stored in Secrets Manager or Key Vault and passed by reference. */
export const SECRET_VARIABLES = [
  "DATABASE_URL",
  "REDIS_URL",
  "SECRET_KEY",
  "AUTH_PASSWORD_PEPPER",
  "AUTH_REFRESH_TOKEN_PEPPER",
  "AUTH_EMAIL_VERIFICATION_TOKEN_PEPPER",
  "AUTH_PASSWORD_RESET_TOKEN_PEPPER",
  "STATUS_SUBSCRIPTION_TOKEN_PEPPER",
  "AUTH_JWKS_ETAG_SALT",
  "OPENAI_API_KEY",
  "STRIPE_SECRET_KEY",
  "STRIPE_WEBHOOK_SECRET",
  "RESEND_API_KEY",
  "FRONTEND_LOG_SHARED_SECRET",
  "SLACK_STATUS_BOT_TOKEN",
  "LOGGING_DATADOG_API_KEY",
] as const;
export type SecretVariable = (typeof SECRET_VARIABLES)[number];

/** Values known once resources exist. Cloud-specific ones are absent on the other cloud. */
export interface ContractOutputs<V> {
  /** Public origin of the web app, e.g. `https://app.example.com` (no path). */
  readonly webUrl: V;
  /** Public host of the api, e.g. `api.example.com`. */
  readonly apiHost: V;
  /** The api base URL as the web server reaches it (the internal address when the platform has one). */
  readonly apiBaseUrl: V;
  /**
   * The api's host on the internal address the web calls (e.g. `api.asc-prod.internal`), added to ALLOWED_HOSTS.
   * @default - none: the web calls the api's public host
   */
  readonly apiInternalHost?: V;
  /** Name or ARN of the Ed25519 keyset secret (AUTH_KEY_SECRET_NAME). */
  readonly keysetSecretName: V;
  // AWS
  readonly signingSecretArn?: V;
  readonly bucketName?: V;
  // Azure
  readonly keyVaultUrl?: V;
  readonly signingSecretName?: V;
  readonly blobAccountUrl?: V;
  readonly blobContainer?: V;
  /** Client id of each service's user-assigned identity. */
  readonly managedIdentityClientIds?: Partial<Record<ContractService, V>>;
}

export interface ContractBindings<V> {
  readonly config: BlueprintConfig;
  readonly outputs: ContractOutputs<V>;
  readonly secrets: Partial<Record<SecretVariable, SecretRef<V>>>;
  /** Joins plain strings and V values into one V (pulumi.interpolate, or string concatenation). */
  readonly concat: (...parts: (string | V)[]) => V;
}

/** One variable of the catalog. */
interface CatalogBase {
  readonly name: string;
  readonly services: readonly ContractService[];
  readonly clouds: readonly CloudName[];
  readonly description: string;
  /** Human statement of when the variable is required, for docs and `asc env check`. */
  readonly requirement: string;
  /** Whether the app needs it for this config; `asc env check` reports it missing when true. */
  readonly required: (config: BlueprintConfig) => boolean;
  /** Whether asc sets it for this config and service; default: always. */
  readonly when?: (config: BlueprintConfig, service: ContractService) => boolean;
}

export interface LiteralVariable extends CatalogBase {
  readonly source: "literal";
  readonly value: (config: BlueprintConfig, service: ContractService) => string;
}

export interface OutputVariable extends CatalogBase {
  readonly source: "output";
  readonly value: <V>(bindings: ContractBindings<V>, service: ContractService) => V | undefined;
  /** A placeholder such as `<web public URL>` for docs and offline tables. */
  readonly describe: string;
}

export interface SecretVariableEntry extends CatalogBase {
  readonly source: "secret";
  readonly secret: SecretVariable;
}

export type CatalogVariable = LiteralVariable | OutputVariable | SecretVariableEntry;
