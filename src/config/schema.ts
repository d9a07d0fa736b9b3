/**
 * The blueprint config: the single definition of what a profile (`stacks/Pulumi.<profile>.yaml`, keys under `asc:`)
 * may hold. Types come from `z.infer`; the editor JSON Schema and docs/config.md are generated from these schemas.
 * Cross-field and tier rules live in rules.ts; tier defaults in defaults.ts. Pure.
 */
import { z } from "zod";

export const TIERS = ["dev", "staging", "production"] as const;
export const CLOUDS = ["aws", "azure"] as const;
export const SERVICES = ["api", "web", "worker"] as const;

export const Tier = z.enum(TIERS).meta({ description: "Deployment tier: sets defaults and how strict validation and policies are." });
export const Cloud = z.enum(CLOUDS).meta({ description: "Which reference platform to deploy to." });

const hostname = z
  .string()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "must be a lowercase DNS host name such as app.example.com");

/**
 * A secret the operator supplies with `pulumi config set --secret asc:<key>`; never plaintext in a profile file.
 * Surrounding whitespace is refused: an API key with a trailing newline from `echo` fails at the provider, late.
 */
const operatorSecret = (description: string) =>
  z.string().min(1).refine((s) => s.trim() === s, "has leading or trailing whitespace").optional().meta({ description, secret: true });

/** True for a real calendar date `YYYY-MM-DD` (2027-02-30 is not one). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
}

export const ServiceSize = z.strictObject({
  cpu: z.number().positive().meta({ description: "vCPU per task or replica (0.25, 0.5, 1, 2, 4, …).", examples: [0.5] }),
  memoryGiB: z.number().positive().meta({ description: "Memory per task or replica, in GiB.", examples: [1] }),
  replicas: z.number().int().min(0).max(100).meta({ description: "Desired number of tasks or replicas." }),
});

export const Domain = z.strictObject({
  web: hostname.meta({ description: "Public host of the web app.", examples: ["app.example.com"] }),
  api: hostname.meta({ description: "Public host of the api (server-to-server and Stripe webhooks).", examples: ["api.example.com"] }),
  certificateArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/, "must be an ACM certificate ARN")
    .optional()
    .meta({ description: "AWS only: ACM certificate covering both hosts, in asc:region. Required outside dev unless asc:domain.hostedZoneId is set (asc then requests and DNS-validates one) or a dev override allows HTTP." }),
  hostedZoneId: z
    .string()
    .regex(/^Z[A-Z0-9]{1,31}$/, "must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ")
    .optional()
    .meta({ description: "AWS only: a public Route 53 hosted zone, delegated from the registrar, that holds both hosts. asc then creates their alias records to the load balancer and, without certificateArn, requests and DNS-validates the certificate." }),
});

export const Network = z.strictObject({
  cidr: z
    .string()
    .regex(/^(10|172|192)\.\d{1,3}\.\d{1,3}\.\d{1,3}\/(1[6-9]|2[0-2])$/, "must be a private IPv4 CIDR from /16 to /22")
    .meta({ description: "Address space of the VPC or VNet. Azure: clear of the ranges Container Apps reserves (172.30.0.0/16, 172.31.0.0/16, 192.0.2.0/24, …; docs/azure.md)." }),
  azCount: z.number().int().min(2).max(3).meta({ description: "Availability zones to spread subnets across." }),
  natGateways: z.enum(["single", "per-az"]).meta({ description: "AWS: one NAT gateway, or one per AZ." }),
});

export const Database = z.strictObject({
  size: z.enum(["small", "medium", "large", "xlarge"]).meta({ description: "Instance size, mapped per cloud (db.t4g.small … / Burstable B1ms …)." }),
  storageGiB: z.number().int().min(20).max(16384).meta({ description: "Allocated storage in GiB." }),
  engineVersion: z.enum(["15", "16", "17"]).meta({ description: "Postgres major version." }),
  highAvailability: z.boolean().meta({ description: "Multi-AZ (AWS) or zone-redundant HA (Azure)." }),
  deletionProtection: z.boolean().meta({ description: "Protect the database from deletion, and keep a final snapshot." }),
  backupRetentionDays: z.number().int().min(1).max(35).meta({ description: "Automated backup retention in days." }),
  iamAuthentication: z.boolean().meta({ description: "AWS: enable IAM database authentication." }),
  monitoringIntervalSeconds: z
    .literal([0, 1, 5, 10, 15, 30, 60])
    .meta({ description: "AWS: seconds between RDS Enhanced Monitoring samples (OS metrics, through a monitoring role asc creates); 0 turns it off. Default: 60 in staging and production, 0 in dev. Production refuses 0." }),
  applyImmediately: z.boolean().meta({ description: "AWS: apply instance changes (class, storage, engine version) at once rather than in the next maintenance window (RDS ApplyImmediately). Default: false in production (changes that reboot wait for the window), true elsewhere." }),
  name: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, "must be a lowercase Postgres identifier").meta({ description: "Database name." }),
  username: z.string().regex(/^[a-z][a-z0-9_]{0,15}$/, "must be a lowercase identifier of at most 16 characters").meta({ description: "Admin user name." }),
});

export const Cache = z.strictObject({
  size: z.enum(["small", "medium", "large"]).meta({ description: "Node size, mapped per cloud (cache.t4g.small … / Azure Managed Redis Balanced_B0 …)." }),
  highAvailability: z.boolean().meta({ description: "A replica with automatic failover across zones." }),
  engineVersion: z.enum(["7.0", "7.1"]).meta({ description: "Redis engine version." }),
});

export const Storage = z.strictObject({
  extraCorsOrigins: z.array(z.string().url()).meta({ description: "Origins allowed to PUT to presigned URLs besides the web origin." }),
});

export const Logs = z.strictObject({
  retentionDays: z
    .literal([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731])
    .meta({ description: "Log retention in days (CloudWatch's allowed values). AWS: 365 by default in production, which refuses less." }),
});

export const App = z.strictObject({
  signupAccessPolicy: z.enum(["public", "invite_only", "approval"]).meta({ description: "Who may sign up." }),
  exposeApi: z.boolean().meta({ description: "Give the api a public route (needed for Stripe webhooks)." }),
});

export const Billing = z.strictObject({
  enabled: z.boolean().meta({ description: "Turn on Stripe billing (ENABLE_BILLING)." }),
  stream: z.boolean().meta({ description: "Turn on the billing event stream (ENABLE_BILLING_STREAM)." }),
  workerTopology: z
    .enum(["inline", "dedicated"])
    .meta({ description: "Run billing retries and stream replay inside the api (inline, one replica only) or in a dedicated worker." }),
  productPriceMap: z.string().optional().meta({ description: "STRIPE_PRODUCT_PRICE_MAP (JSON or plan=price,…)." }),
});

export const Email = z.strictObject({
  enabled: z.boolean().meta({ description: "Send email through Resend (RESEND_EMAIL_ENABLED)." }),
  from: z.string().email().optional().meta({ description: "RESEND_DEFAULT_FROM; required when email is enabled." }),
});

export const GENERATED_SECRETS = [
  "secretKey",
  "authPasswordPepper",
  "authRefreshTokenPepper",
  "authEmailVerificationTokenPepper",
  "authPasswordResetTokenPepper",
  "statusSubscriptionTokenPepper",
  "authJwksEtagSalt",
  "signingSecret",
  "databasePassword",
  "redisAuthToken",
] as const;
export type GeneratedSecret = (typeof GENERATED_SECRETS)[number];

export const Secrets = z.strictObject({
  rotation: z
    .partialRecord(z.enum(GENERATED_SECRETS), z.number().int().min(0))
    .meta({ description: "Rotation epoch per generated secret. Bump a number to regenerate that secret on the next deploy." }),
});

/** Names a release step may not take: the services', the migration's, and their platform names. */
export const RESERVED_STEP_NAMES = ["api", "web", "worker", "migrate", "migration"] as const;

export const ReleaseStep = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z](?:[a-z0-9-]{0,8}[a-z0-9])?$/, "must be 1-10 lowercase letters, digits and hyphens, starting with a letter (it names the step's task definition or job)")
    .refine((n) => !(RESERVED_STEP_NAMES as readonly string[]).includes(n), { message: `must not be one of ${RESERVED_STEP_NAMES.join(", ")}` })
    .meta({ description: "Step name: names its ECS task definition family or Container Apps Job (<asc:name>-step-<name>) and its entry in the report.", examples: ["seed"] }),
  image: z.string().optional().meta({ description: "Image the step runs. Unset: the release's api image (the migration's). Production requires a digest.", examples: ["ghcr.io/acme/ops@sha256:…"] }),
  command: z.array(z.string().min(1)).min(1).meta({ description: "Command run instead of the image's CMD.", examples: [["python", "-m", "app.seed"]] }),
});

export const Migrations = z.strictObject({
  command: z.array(z.string().min(1)).min(1).meta({ description: "Command run in the api image for migrations." }),
  timeoutSeconds: z.number().int().min(60).max(86400).meta({ description: "How long one migration run may take." }),
  retryLimit: z.number().int().min(0).max(10).meta({ description: "Retries of a failed migration run (Azure job replicaRetryLimit)." }),
  mode: z.enum(["release", "after", "skip"]).meta({ description: "release: migrate before services roll; after: up everything, then migrate; skip." }),
  steps: z
    .array(ReleaseStep)
    .max(10)
    .refine((steps) => new Set(steps.map((s) => s.name)).size === steps.length, { message: "step names must be unique" })
    .meta({ description: "One-off release steps run in order after the migration, each in-network like it (its own task definition or job), each with its own result in the report; a failed step stops the release. Default: none." }),
});

export const Health = z.strictObject({
  deadlineSeconds: z.number().int().min(10).max(3600).meta({ description: "How long verify waits for every endpoint to be healthy." }),
  intervalSeconds: z.number().int().min(1).max(60).meta({ description: "Delay between health-check attempts." }),
});

export const DevOverrides = z.strictObject({
  publicDatabase: z.boolean().meta({ description: "Dev only: make the database reachable from the internet." }),
  httpOnly: z.boolean().meta({ description: "Dev only: serve plain HTTP without a certificate." }),
  forceDestroyStorage: z.boolean().meta({ description: "Dev only: allow deleting a non-empty bucket or container on teardown." }),
  keyVaultPurgeProtection: z.boolean().meta({ description: "Azure: purge protection on the Key Vault; may be turned off in dev only." }),
});

export const PolicyExemption = z.strictObject({
  policy: z.string().regex(/^asc-[a-z0-9-]+$/, "must be a policy name such as asc-aws-rds-iam-auth"),
  resource: z.string().min(1).meta({ description: "Logical name of the resource (or a URN)." }),
  reason: z.string().min(10, "must explain the exemption in at least 10 characters"),
  expires: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date such as 2027-01-31")
    .refine(isCalendarDate, "is not a calendar date")
    .meta({ description: "Last day the exemption applies (YYYY-MM-DD), at most a year ahead." }),
});

/** Microsoft Learn's fictitious object ID (its Entra examples use it): accepted so a shipped profile can preview. */
export const ENTRA_PLACEHOLDER_OBJECT_ID = "aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb";
export const ENTRA_PRINCIPAL_TYPES = ["Group", "User", "ServicePrincipal"] as const;

/**
 * The Microsoft Entra principal made administrator of the Postgres server (ARM `flexibleServers/administrators`:
 * https://learn.microsoft.com/rest/api/postgresql/administrators-microsoft-entra/create-or-update).
 */
export const PostgresEntraAdmin = z.strictObject({
  objectId: z
    .string()
    .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, "must be a GUID such as 3f2b8c1e-5d4a-4e6f-9b7c-1a2b3c4d5e6f (the principal's Object ID in Entra)")
    .refine((id) => !/^0{8}-0{4}-0{4}-0{4}-0{12}$/.test(id), "is the nil GUID, which names no principal")
    .meta({ description: "Object ID of the group, user or service principal (az ad group show --group <name> --query id).", examples: ["3f2b8c1e-5d4a-4e6f-9b7c-1a2b3c4d5e6f"] }),
  principalName: z
    .string()
    .min(1)
    .refine((s) => s.trim() === s, "has leading or trailing whitespace")
    .meta({ description: "The principal's name as Entra shows it (a group's display name, a user's UPN, an application's name); it becomes the Postgres role name.", examples: ["asc-prod-db-admins"] }),
  principalType: z.enum(ENTRA_PRINCIPAL_TYPES).meta({ description: "Group (recommended: membership decides who administers), User or ServicePrincipal (an application or managed identity)." }),
});

/** A registry host name, optionally with a port (`ghcr.io`, `myacr.azurecr.io`, `registry.example.com:5000`). */
const registryServer = z
  .string()
  .regex(/^(?=.{1,253}(:|$))([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(:\d{1,5})?$/, "must be a lowercase registry host such as ghcr.io or myacr.azurecr.io");

export const AzureRegistryCredentials = z
  .strictObject({
    server: registryServer.meta({ description: "Registry host, as image references name it; only images on this host are pulled with these credentials.", examples: ["ghcr.io", "acmeprod.azurecr.io"] }),
    username: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "Registry user (for GHCR: the account that owns a token with read:packages). Its password is asc:registryPassword.", examples: ["acme-bot"] }),
    acrResourceId: z
      .string()
      .regex(/^\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[-\w._()]+\/providers\/Microsoft\.ContainerRegistry\/registries\/[a-zA-Z0-9]{5,50}$/, "must be an Azure Container Registry resource id (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.ContainerRegistry/registries/<name>)")
      .optional()
      .meta({ description: "An Azure Container Registry to pull from with each workload's identity: asc grants AcrPull on it, and no password exists." }),
  })
  .refine((c) => (c.username === undefined) !== (c.acrResourceId === undefined), { message: "set exactly one of username (with asc:registryPassword) and acrResourceId" });

export const AzureSettings = z.strictObject({
  storageAccountName: z
    .string()
    .regex(/^[a-z0-9]{3,24}$/, "must be 3-24 lowercase letters and digits")
    .optional()
    .meta({ description: "Globally unique storage account name; derived from the profile when unset." }),
  keyVaultName: z
    .string()
    .regex(/^[a-zA-Z](?:[a-zA-Z0-9]|-(?=[a-zA-Z0-9])){2,23}$/, "must be 3-24 letters, digits and single hyphens, starting with a letter")
    .optional()
    .meta({ description: "Globally unique Key Vault name; derived from the profile when unset." }),
  browserUploads: z
    .boolean()
    .optional()
    .meta({ description: "Let browsers PUT to SAS URLs (the app's uploads): the Blob endpoint takes requests from the internet, each needing a user delegation SAS (anonymous access and shared keys stay off). Default true on Azure. False: Blob is reachable only through its private endpoint, and browser uploads fail." }),
  postgresEntraAdmin: PostgresEntraAdmin.optional().meta({
    description: "Microsoft Entra administrator of the Postgres server: with it, Entra authentication is on beside password authentication (the app keeps its DATABASE_URL password). Required in production; without it, Entra authentication stays off.",
  }),
  registryCredentials: AzureRegistryCredentials.optional().meta({
    description:
      "Pull images from a private registry: every container app and job whose image is on this server gets configuration.registries. With username: the password is asc:registryPassword, stored in Key Vault and read as a Key Vault reference by the identities that pull. With acrResourceId: an Azure Container Registry, pulled with the workload's identity (AcrPull on the registry).",
  }),
});

export const AwsRegistryCredentials = z.strictObject({
  secretArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/, "must be a Secrets Manager secret ARN")
    .meta({ description: 'ARN of a Secrets Manager secret whose value is {"username": "…", "password": "…"} (for GHCR: a user and a token with read:packages).', examples: ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:ghcr-pull-AbCdEf"] }),
  kmsKeyArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$/, "must be a KMS key ARN")
    .optional()
    .meta({ description: "The customer-managed KMS key the secret is encrypted with, so the execution role may decrypt it. Unset: the secret uses aws/secretsmanager." }),
});

export const AwsSettings = z.strictObject({
  writableRootFilesystem: z
    .array(z.enum(["api", "web"]))
    .optional()
    .meta({
      description:
        "Dev and staging only: images that cannot run with a read-only root filesystem (their containers keep a writable one and carry the asc.exemption.writable-root-filesystem label). Refused in production; fix the image instead (docs/aws.md, Writable paths).",
    }),
  registryCredentials: AwsRegistryCredentials.optional().meta({
    description: "Pull images outside ECR (e.g. private GHCR packages) with these credentials: every container whose image is not on ECR gets repositoryCredentials, and its execution role may read the secret.",
  }),
});

/** The resolved blueprint config: every key present after defaults are applied. */
export const BlueprintConfigSchema = z.strictObject({
  cloud: Cloud,
  tier: Tier,
  region: z.string().meta({ description: "AWS region or Azure location. Azure production: a location with zone-redundant Container Apps, Postgres ZR-HA with geo-backup and Managed Redis zones (docs/azure.md).", examples: ["eu-west-1", "westeurope"] }),
  name: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,14}[a-z0-9]$/, "must be 3-16 lowercase letters, digits and hyphens, starting with a letter")
    .meta({ description: "Prefix of every resource name." }),
  domain: Domain.optional().meta({ description: "Public host names (and, on AWS, the certificate). Without it, the load balancer's or Container Apps' own host is used." }),
  images: z
    .strictObject({
      api: z.string().meta({ description: "api image (also used by the worker and migrations).", examples: ["ghcr.io/acme/api@sha256:…"] }),
      web: z.string().meta({ description: "web image.", examples: ["ghcr.io/acme/web:sha-1a2b3c4"] }),
    })
    .meta({ description: "Images to run. Production requires digests (`@sha256:…`)." }),
  migrationImage: z
    .string()
    .optional()
    .meta({ description: "Image the one-off migration task or job runs. Unset: asc:images.api. `asc deploy` sets it in memory to the new api image while the services stay on the released images until the migration has succeeded; set it by hand only to do the same with `pulumi up`." }),
  pulumiOrganization: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "must be a Pulumi organization name (letters, digits, '.', '_', '-')")
    .optional()
    .meta({ description: "Pulumi Cloud organization that owns the stack. asc then selects the fully qualified stack <org>/<project>/<profile>, so a CLI logged in to another organization fails instead of opening or creating a different stack. Recommended for staging and production on Pulumi Cloud (asc warns without it)." }),
  holdServices: z
    .boolean()
    .optional()
    .meta({ description: "Create the services without running them: ECS services at 0 tasks, no container apps on Azure. `asc deploy` sets it in memory for the provision update of a stack's first deploy, so no service starts before the first migration has succeeded; never set it in a profile." }),
  services: z.strictObject({ api: ServiceSize, web: ServiceSize, worker: ServiceSize }),
  network: Network,
  database: Database,
  cache: Cache,
  storage: Storage,
  logs: Logs,
  app: App,
  billing: Billing,
  email: Email,
  secrets: Secrets,
  migrations: Migrations,
  health: Health,
  devOverrides: DevOverrides,
  policyExemptions: z.array(PolicyExemption).meta({ description: "Policy exemptions: each names the policy, the resource, a reason and an expiry date." }),
  azure: AzureSettings,
  aws: AwsSettings.meta({ description: "AWS only settings." }),
  openaiApiKey: operatorSecret("OPENAI_API_KEY. Required at deploy time."),
  stripeSecretKey: operatorSecret("STRIPE_SECRET_KEY. Required when billing is enabled."),
  stripeWebhookSecret: operatorSecret("STRIPE_WEBHOOK_SECRET. Required when billing is enabled."),
  resendApiKey: operatorSecret("RESEND_API_KEY. Required when email is enabled."),
  frontendLogSharedSecret: operatorSecret("FRONTEND_LOG_SHARED_SECRET (optional, api and web)."),
  slackStatusBotToken: operatorSecret("SLACK_STATUS_BOT_TOKEN (optional)."),
  loggingDatadogApiKey: operatorSecret("LOGGING_DATADOG_API_KEY (optional)."),
  registryPassword: operatorSecret("Azure: the password (a token) of asc:azure.registryCredentials.username. Stored in Key Vault; never in an env var."),
});

/**
 * The keys that say which stack a profile is (which cloud, tier, region and resource names). They come from the
 * profile file only: an `ASC_*` variable or `--set` that changed them would turn a production profile into
 * something else (no confirmation, dev rules) without a new file to review.
 */
export const IDENTITY_KEYS = ["cloud", "tier", "region", "name"] as const;

export type BlueprintConfig = z.infer<typeof BlueprintConfigSchema>;
export type TierName = z.infer<typeof Tier>;
export type CloudName = z.infer<typeof Cloud>;
export type ServiceName = (typeof SERVICES)[number];
export type ServiceSizeConfig = z.infer<typeof ServiceSize>;

/** Config keys whose values are secrets (redacted everywhere, refused as plaintext in profile files). */
export const SECRET_CONFIG_KEYS = [
  "openaiApiKey",
  "stripeSecretKey",
  "stripeWebhookSecret",
  "resendApiKey",
  "frontendLogSharedSecret",
  "slackStatusBotToken",
  "loggingDatadogApiKey",
  "registryPassword",
] as const satisfies readonly (keyof BlueprintConfig)[];
export type OperatorSecretKey = (typeof SECRET_CONFIG_KEYS)[number];
