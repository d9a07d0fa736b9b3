/**
 * The secret values this run knows (operator secrets, decrypted config, secret stack outputs, credentials from the
 * environment). Everything asc prints or writes passes through `redact`, so none of them leaves the process.
 */
import { ENCRYPTED_PLACEHOLDER } from "../../config/load.js";
import { SECRET_CONFIG_KEYS, type BlueprintConfig } from "../../config/schema.js";
import { createRedactor } from "../redact.js";

/** Shorter values would redact ordinary words; no real secret is this short. */
const MIN_LENGTH = 4;

/** Environment variables whose values are credentials. */
export const CREDENTIAL_ENV = /^(PULUMI_CONFIG_PASSPHRASE|PULUMI_ACCESS_TOKEN|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|AZURE_CLIENT_SECRET|ARM_CLIENT_SECRET|AZURE_STORAGE_KEY|ASC_.*(KEY|SECRET|TOKEN).*)$/;

export class SecretValues {
  private readonly values = new Set<string>();
  private redactor: ((text: string) => string) | undefined;

  add(...values: readonly unknown[]): void {
    for (const v of values) {
      if (typeof v === "string" && v.length >= MIN_LENGTH && !this.values.has(v)) {
        this.values.add(v);
        this.redactor = undefined;
      }
    }
  }

  /** The secrets a resolved profile holds in plain (ASC_* values, not the encrypted ones) and the environment's credentials. */
  static forProfile(config: BlueprintConfig, env: Readonly<Record<string, string | undefined>>): SecretValues {
    const secrets = new SecretValues();
    secrets.add(...SECRET_CONFIG_KEYS.map((k) => config[k]).filter((v) => v !== ENCRYPTED_PLACEHOLDER));
    secrets.addFromEnv(env);
    return secrets;
  }

  /** Adds every credential-like variable of an environment. */
  addFromEnv(env: Readonly<Record<string, string | undefined>>): void {
    this.add(...Object.entries(env).filter(([k]) => CREDENTIAL_ENV.test(k)).map(([, v]) => v));
  }

  list(): string[] {
    return [...this.values];
  }

  readonly redact = (text: string): string => {
    this.redactor ??= createRedactor(this.list());
    return this.redactor(text);
  };
}
