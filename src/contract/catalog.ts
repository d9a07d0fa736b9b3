/**
 * The env contract catalog: every variable each service receives, where its value comes from, and when it is
 * required. It is the single source of truth for containers, migration runs, `asc env` and docs/env-contract.md.
 * What the application expects is checked in its source (trevor-nichols/openai-agents-saas-starter at 50548aa).
 */
import type { BlueprintConfig, TierName } from "../config/schema.js";
import type { CatalogVariable, ContractService, LiteralVariable, OutputVariable, SecretVariable, SecretVariableEntry } from "./types.js";

const API_LIKE: readonly ContractService[] = ["api", "worker", "migrate"];
const ALL: readonly ContractService[] = ["api", "web", "worker", "migrate"];
const BOTH = ["aws", "azure"] as const;

const always = () => true;
const never = () => false;
const outsideDev = (c: BlueprintConfig) => c.tier !== "dev";
const billingOn = (c: BlueprintConfig) => c.billing.enabled;
const emailOn = (c: BlueprintConfig) => c.email.enabled;

const ENVIRONMENT_BY_TIER: Record<TierName, string> = { dev: "development", staging: "staging", production: "production" };

/** Billing flags per service. Inline: the api does the work. Dedicated: only the worker does. */
function billingWorkerFlag(c: BlueprintConfig, service: ContractService, flag: "retry" | "replay"): string {
  const dedicated = c.billing.workerTopology === "dedicated";
  const runsHere = dedicated ? service === "worker" : service !== "worker";
  if (!runsHere) return "false";
  // Replay consumes the billing stream; with the stream off the api refuses to start, so replay follows it.
  if (flag === "replay" && !(dedicated ? true : c.billing.stream)) return "false";
  return "true";
}

const literal = (v: Omit<LiteralVariable, "source">): LiteralVariable => ({ source: "literal", ...v });
const output = (v: Omit<OutputVariable, "source">): OutputVariable => ({ source: "output", ...v });
const secret = (name: SecretVariable, v: Omit<SecretVariableEntry, "source" | "secret" | "name">): SecretVariableEntry => ({ source: "secret", name, secret: name, ...v });

/** Whether a given operator secret is configured (optional ones are only passed when set). */
const operatorSecretSet = (key: keyof BlueprintConfig) => (c: BlueprintConfig) => c[key] !== undefined;

export const ENV_CATALOG: readonly CatalogVariable[] = [
  // --- api core -----------------------------------------------------------------------------------
  literal({ name: "ENVIRONMENT", services: API_LIKE, clouds: BOTH, description: "Tier label; anything but development makes the api strict.", requirement: "always", required: always, value: (c) => ENVIRONMENT_BY_TIER[c.tier] }),
  literal({ name: "DEBUG", services: API_LIKE, clouds: BOTH, description: "Explicitly off outside dev (left unset it follows ENVIRONMENT).", requirement: "staging and production", required: outsideDev, when: outsideDev, value: () => "false" }),
  literal({ name: "PORT", services: API_LIKE, clouds: BOTH, description: "Informational: uvicorn listens on 8000 whatever PORT says.", requirement: "optional", required: never, value: () => "8000" }),
  output({ name: "APP_PUBLIC_URL", services: ALL, clouds: BOTH, description: "Public origin of the web app: email links, CORS, Stripe portal return.", requirement: "always", required: always, describe: "<web public URL>", value: (b) => b.outputs.webUrl }),
  output({ name: "ALLOWED_HOSTS", services: API_LIKE, clouds: BOTH, description: "Hosts the strict api answers: its public host, loopback for in-container checks, and the internal host the web calls.", requirement: "always", required: always, describe: "<api host>,127.0.0.1,localhost[,<internal api host>]", value: (b) => (b.outputs.apiInternalHost === undefined ? b.concat(b.outputs.apiHost, ",127.0.0.1,localhost") : b.concat(b.outputs.apiHost, ",127.0.0.1,localhost,", b.outputs.apiInternalHost)) }),
  output({ name: "ALLOWED_ORIGINS", services: API_LIKE, clouds: BOTH, description: "CORS origins: the web's public origin.", requirement: "always", required: always, describe: "<web public URL>", value: (b) => b.outputs.webUrl }),
  secret("DATABASE_URL", { services: API_LIKE, clouds: BOTH, description: "postgresql+asyncpg://user:pass@host:5432/db with TLS required.", requirement: "always", required: always }),
  secret("REDIS_URL", { services: API_LIKE, clouds: BOTH, description: "rediss://:<password>@host:<port>/0 (TLS with a password).", requirement: "always", required: always }),
  secret("SECRET_KEY", { services: API_LIKE, clouds: BOTH, description: "Generated; also the fallback for several encryption keys.", requirement: "always", required: always }),
  secret("AUTH_PASSWORD_PEPPER", { services: API_LIKE, clouds: BOTH, description: "Generated password pepper.", requirement: "always", required: always }),
  secret("AUTH_REFRESH_TOKEN_PEPPER", { services: API_LIKE, clouds: BOTH, description: "Generated refresh-token pepper.", requirement: "always", required: always }),
  secret("AUTH_EMAIL_VERIFICATION_TOKEN_PEPPER", { services: API_LIKE, clouds: BOTH, description: "Generated; the app's default is insecure.", requirement: "recommended (asc always sets it)", required: never }),
  secret("AUTH_PASSWORD_RESET_TOKEN_PEPPER", { services: API_LIKE, clouds: BOTH, description: "Generated; the app's default is insecure.", requirement: "recommended (asc always sets it)", required: never }),
  secret("STATUS_SUBSCRIPTION_TOKEN_PEPPER", { services: API_LIKE, clouds: BOTH, description: "Generated; the app's default is insecure.", requirement: "recommended (asc always sets it)", required: never }),
  secret("AUTH_JWKS_ETAG_SALT", { services: API_LIKE, clouds: BOTH, description: "Generated; the app's default is insecure.", requirement: "recommended (asc always sets it)", required: never }),
  secret("OPENAI_API_KEY", { services: API_LIKE, clouds: BOTH, description: "Operator-supplied: pulumi config set --secret asc:openaiApiKey.", requirement: "always", required: always }),
  literal({ name: "SECRETS_PROVIDER", services: API_LIKE, clouds: BOTH, description: "aws_sm on AWS, azure_kv on Azure.", requirement: "always", required: always, value: (c) => (c.cloud === "aws" ? "aws_sm" : "azure_kv") }),
  literal({ name: "AUTH_KEY_STORAGE_BACKEND", services: API_LIKE, clouds: BOTH, description: "Signing keys live in the secret manager in every tier.", requirement: "always (secret-manager is mandatory outside dev)", required: always, value: () => "secret-manager" }),
  literal({ name: "AUTH_KEY_STORAGE_PROVIDER", services: API_LIKE, clouds: BOTH, description: "Same provider as SECRETS_PROVIDER.", requirement: "always", required: always, value: (c) => (c.cloud === "aws" ? "aws_sm" : "azure_kv") }),
  output({ name: "AUTH_KEY_SECRET_NAME", services: API_LIKE, clouds: BOTH, description: "The Ed25519 keyset secret: seeded once with one active key; the api only reads it, the operator console rotates it.", requirement: "always", required: always, describe: "<keyset secret name>", value: (b) => b.outputs.keysetSecretName }),
  literal({ name: "STORAGE_PROVIDER", services: API_LIKE, clouds: BOTH, description: "s3 on AWS, azure_blob on Azure.", requirement: "always", required: always, value: (c) => (c.cloud === "aws" ? "s3" : "azure_blob") }),
  literal({ name: "AUTO_RUN_MIGRATIONS", services: API_LIKE, clouds: BOTH, description: "Migrations run as a one-off task or job, never on boot.", requirement: "always false", required: always, value: () => "false" }),
  literal({ name: "SIGNUP_ACCESS_POLICY", services: API_LIKE, clouds: BOTH, description: "public, invite_only or approval.", requirement: "optional", required: never, value: (c) => c.app.signupAccessPolicy }),

  // --- cloud-specific ------------------------------------------------------------------------------
  literal({ name: "AWS_REGION", services: API_LIKE, clouds: ["aws"], description: "Region of Secrets Manager and S3.", requirement: "always on AWS", required: always, value: (c) => c.region }),
  output({ name: "AWS_SM_SIGNING_SECRET_ARN", services: API_LIKE, clouds: ["aws"], description: "HMAC signing secret (32+ random bytes), created before the api starts.", requirement: "always on AWS", required: always, describe: "<signing secret ARN>", value: (b) => b.outputs.signingSecretArn }),
  output({ name: "S3_BUCKET", services: API_LIKE, clouds: ["aws"], description: "The app's bucket.", requirement: "always on AWS", required: always, describe: "<bucket name>", value: (b) => b.outputs.bucketName }),
  literal({ name: "S3_REGION", services: API_LIKE, clouds: ["aws"], description: "Region of the bucket.", requirement: "always on AWS", required: always, value: (c) => c.region }),
  output({ name: "AZURE_KEY_VAULT_URL", services: API_LIKE, clouds: ["azure"], description: "Vault URI; key storage and secrets use Key Vault.", requirement: "always on Azure", required: always, describe: "<vault URI>", value: (b) => b.outputs.keyVaultUrl }),
  output({ name: "AZURE_KV_SIGNING_SECRET_NAME", services: API_LIKE, clouds: ["azure"], description: "Name of the signing secret; exists before the api starts.", requirement: "always on Azure", required: always, describe: "<signing secret name>", value: (b) => b.outputs.signingSecretName }),
  output({ name: "AZURE_MANAGED_IDENTITY_CLIENT_ID", services: API_LIKE, clouds: ["azure"], description: "Client id of the service's user-assigned identity.", requirement: "always on Azure", required: always, describe: "<identity client id>", value: (b, s) => b.outputs.managedIdentityClientIds?.[s] }),
  output({ name: "AZURE_BLOB_ACCOUNT_URL", services: API_LIKE, clouds: ["azure"], description: "Primary blob endpoint of the storage account.", requirement: "always on Azure", required: always, describe: "<blob endpoint>", value: (b) => b.outputs.blobAccountUrl }),
  output({ name: "AZURE_BLOB_CONTAINER", services: API_LIKE, clouds: ["azure"], description: "The app's blob container.", requirement: "always on Azure", required: always, describe: "<container name>", value: (b) => b.outputs.blobContainer }),

  // --- Redis purposes: each falls back to REDIS_URL; asc isolates nothing by default ----------------
  ...["RATE_LIMIT_REDIS_URL", "AUTH_CACHE_REDIS_URL", "SECURITY_TOKEN_REDIS_URL", "USAGE_GUARDRAIL_REDIS_URL", "BILLING_EVENTS_REDIS_URL", "ACTIVITY_EVENTS_REDIS_URL"].map((name) =>
    literal({ name, services: API_LIKE, clouds: BOTH, description: "Per-purpose Redis URL; unset, so the app uses REDIS_URL.", requirement: "optional (not set by asc)", required: never, when: never, value: () => "" }),
  ),

  // --- billing and third parties ---------------------------------------------------------------------
  literal({ name: "ENABLE_BILLING", services: API_LIKE, clouds: BOTH, description: "Stripe billing on or off.", requirement: "optional (default false)", required: never, value: (c) => String(c.billing.enabled) }),
  secret("STRIPE_SECRET_KEY", { services: API_LIKE, clouds: BOTH, description: "Operator-supplied: asc:stripeSecretKey.", requirement: "when billing is enabled", required: billingOn, when: billingOn }),
  secret("STRIPE_WEBHOOK_SECRET", { services: API_LIKE, clouds: BOTH, description: "Operator-supplied: asc:stripeWebhookSecret.", requirement: "when billing is enabled", required: billingOn, when: billingOn }),
  literal({ name: "STRIPE_PRODUCT_PRICE_MAP", services: API_LIKE, clouds: BOTH, description: "JSON or plan=price,… from asc:billing.productPriceMap.", requirement: "when billing is enabled", required: billingOn, when: (c) => billingOn(c) && c.billing.productPriceMap !== undefined, value: (c) => c.billing.productPriceMap ?? "" }),
  literal({ name: "ENABLE_BILLING_STREAM", services: API_LIKE, clouds: BOTH, description: "Billing event stream; always on in a dedicated worker (its replay needs it).", requirement: "optional (default false)", required: never, value: (c, s) => String(c.billing.stream || (s === "worker" && c.billing.workerTopology === "dedicated")) }),
  literal({ name: "ENABLE_BILLING_RETRY_WORKER", services: API_LIKE, clouds: BOTH, description: "Set by the billing-worker topology: on where the retries run.", requirement: "set by topology", required: never, value: (c, s) => billingWorkerFlag(c, s, "retry") }),
  literal({ name: "ENABLE_BILLING_STREAM_REPLAY", services: API_LIKE, clouds: BOTH, description: "Set by the billing-worker topology: on where the replay runs, and only with the stream on.", requirement: "set by topology", required: never, value: (c, s) => billingWorkerFlag(c, s, "replay") }),
  literal({ name: "BILLING_RETRY_DEPLOYMENT_MODE", services: API_LIKE, clouds: BOTH, description: "inline or dedicated, from asc:billing.workerTopology.", requirement: "set by topology", required: never, value: (c) => c.billing.workerTopology }),
  literal({ name: "RESEND_EMAIL_ENABLED", services: API_LIKE, clouds: BOTH, description: "Email through Resend on or off.", requirement: "optional (default false)", required: never, value: (c) => String(c.email.enabled) }),
  secret("RESEND_API_KEY", { services: API_LIKE, clouds: BOTH, description: "Operator-supplied: asc:resendApiKey.", requirement: "when email is enabled", required: emailOn, when: emailOn }),
  literal({ name: "RESEND_DEFAULT_FROM", services: API_LIKE, clouds: BOTH, description: "Sender address from asc:email.from.", requirement: "when email is enabled", required: emailOn, when: emailOn, value: (c) => c.email.from ?? "" }),
  secret("SLACK_STATUS_BOT_TOKEN", { services: API_LIKE, clouds: BOTH, description: "Operator-supplied: asc:slackStatusBotToken.", requirement: "optional", required: never, when: operatorSecretSet("slackStatusBotToken") }),
  secret("LOGGING_DATADOG_API_KEY", { services: API_LIKE, clouds: BOTH, description: "Operator-supplied: asc:loggingDatadogApiKey.", requirement: "optional", required: never, when: operatorSecretSet("loggingDatadogApiKey") }),
  secret("FRONTEND_LOG_SHARED_SECRET", { services: ALL, clouds: BOTH, description: "Operator-supplied: asc:frontendLogSharedSecret, shared by web and api.", requirement: "optional", required: never, when: operatorSecretSet("frontendLogSharedSecret") }),

  // --- web -------------------------------------------------------------------------------------------
  literal({ name: "PORT", services: ["web"], clouds: BOTH, description: "Next.js listens on PORT.", requirement: "optional", required: never, value: () => "3000" }),
  literal({ name: "HOSTNAME", services: ["web"], clouds: BOTH, description: "Bind on all interfaces so in-container checks on 127.0.0.1 work.", requirement: "always", required: always, value: () => "0.0.0.0" }),
  output({ name: "API_BASE_URL", services: ["web"], clouds: BOTH, description: "The api as the web server reaches it (server-to-server).", requirement: "always", required: always, describe: "<api base URL>", value: (b) => b.outputs.apiBaseUrl }),
  literal({ name: "AGENT_FORCE_SECURE_COOKIES", services: ["web"], clouds: BOTH, description: "Secure cookies in staging and production.", requirement: "staging and production", required: outsideDev, when: outsideDev, value: () => "true" }),
  literal({ name: "AGENT_ALLOW_INSECURE_COOKIES", services: ["web"], clouds: BOTH, description: "true only for dev over plain HTTP.", requirement: "optional", required: never, value: (c) => String(c.tier === "dev" && c.devOverrides.httpOnly) }),
];

/** The catalog entries that apply to a service on a cloud (before `when` is checked). */
export function catalogFor(service: ContractService, cloud: BlueprintConfig["cloud"]): CatalogVariable[] {
  return ENV_CATALOG.filter((v) => v.services.includes(service) && v.clouds.includes(cloud));
}
