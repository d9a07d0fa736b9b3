/**
 * The secrets asc generates (with @pulumi/random) and the rotation epoch of each, from `asc:secrets.rotation`.
 * Bumping an epoch changes the random resource's `keepers`, which regenerates that one secret. Pure.
 */
import type { BlueprintConfig, GeneratedSecret } from "../../config/schema.js";
import type { SecretVariable } from "../../contract/types.js";

/** Generated secrets that are env vars of their own (the rest feed composed values or key storage). */
export const GENERATED_SECRET_VARIABLES = {
  secretKey: "SECRET_KEY",
  authPasswordPepper: "AUTH_PASSWORD_PEPPER",
  authRefreshTokenPepper: "AUTH_REFRESH_TOKEN_PEPPER",
  authEmailVerificationTokenPepper: "AUTH_EMAIL_VERIFICATION_TOKEN_PEPPER",
  authPasswordResetTokenPepper: "AUTH_PASSWORD_RESET_TOKEN_PEPPER",
  statusSubscriptionTokenPepper: "STATUS_SUBSCRIPTION_TOKEN_PEPPER",
  authJwksEtagSalt: "AUTH_JWKS_ETAG_SALT",
} as const satisfies Partial<Record<GeneratedSecret, SecretVariable>>;

export const rotationEpoch = (config: BlueprintConfig, secret: GeneratedSecret): number => config.secrets.rotation[secret] ?? 0;

export function generatedSecretSpecs(config: BlueprintConfig): { variable: SecretVariable; epoch: number }[] {
  return (Object.entries(GENERATED_SECRET_VARIABLES) as [GeneratedSecret, SecretVariable][]).map(([secret, variable]) => ({ variable, epoch: rotationEpoch(config, secret) }));
}

/** The tags every taggable resource carries. */
export function ascTags(config: BlueprintConfig, profile: string): Record<string, string> {
  return { project: config.name, profile, tier: config.tier, "managed-by": "asc" };
}
