/**
 * Whether a profile's stack uses the passphrase secrets provider, and whether the passphrase is really there. An
 * empty PULUMI_CONFIG_PASSPHRASE counts as unset: the Pulumi CLI would accept it as an empty passphrase (it checks
 * only that the variable exists), so a CI secret that was never filled in would encrypt with "" or fail to decrypt
 * far from the cause. PULUMI_CONFIG_PASSPHRASE_FILE keeps working. Pure.
 */
import type { UserProblem } from "../errors.js";
import type { ProfileFile } from "./profile-file.js";

export type PassphraseState = "not-used" | "set" | "file" | "empty" | "unset";

export function passphraseState(file: Pick<ProfileFile, "secretsProvider" | "hasEncryptionSalt">, env: Readonly<Record<string, string | undefined>>, backend: string | null | undefined): PassphraseState {
  const provider = file.secretsProvider;
  if (provider && !provider.startsWith("passphrase")) return "not-used";
  // Without a provider or salt, a Pulumi Cloud backend encrypts with its own service provider.
  if (!provider && !file.hasEncryptionSalt && (backend ?? env.PULUMI_BACKEND_URL ?? "").trim().toLowerCase().startsWith("https://")) return "not-used";
  if (env.PULUMI_CONFIG_PASSPHRASE_FILE) return "file";
  if (env.PULUMI_CONFIG_PASSPHRASE === undefined) return "unset";
  return env.PULUMI_CONFIG_PASSPHRASE === "" ? "empty" : "set";
}

export function passphraseProblem(state: PassphraseState, profileFile: string): UserProblem | undefined {
  if (state !== "empty" && state !== "unset") return undefined;
  return {
    path: "PULUMI_CONFIG_PASSPHRASE",
    ...(state === "empty" ? { value: "(empty)" } : {}),
    message: state === "empty" ? `is set but empty; ${profileFile} uses the passphrase secrets provider, and asc treats an empty passphrase as unset` : `is not set, and ${profileFile} uses the passphrase secrets provider`,
    allowed: "a non-empty PULUMI_CONFIG_PASSPHRASE, or PULUMI_CONFIG_PASSPHRASE_FILE",
    fix: "export PULUMI_CONFIG_PASSPHRASE from your secret store (in CI, check the secret is defined for this job), or move the stack to a KMS provider: pulumi stack change-secrets-provider awskms://alias/<key>?region=… / azurekeyvault://…",
  };
}
