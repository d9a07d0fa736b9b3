/**
 * Secrets of apps and jobs are Key Vault references; no value is stored in the app.
 * @severity critical
 */
import { AZURE } from "../resource-types.js";
import { asArray, asRecord, lookup } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

function checkSecret(entry: unknown, index: number): string[] {
  const secret = asRecord(entry);
  if (!secret) return [];
  const label = `configuration.secrets[${index}]${typeof secret.name === "string" ? ` ("${secret.name}")` : ""}`;
  if (lookup(secret, "value").state !== "missing") return [`${label} has a value; it must be a Key Vault reference (keyVaultUrl and identity) with no value`];
  const problems: string[] = [];
  if (lookup(secret, "keyVaultUrl").state === "missing") problems.push(`${label} has no keyVaultUrl; it must reference a Key Vault secret URI`);
  if (lookup(secret, "identity").state === "missing") problems.push(`${label} has no identity; it must name the managed identity that reads the vault`);
  return problems;
}

export const containerAppsKeyVaultSecrets = defineRule({
  name: "asc-azure-containerapps-keyvault-secrets",
  cloud: "azure",
  description: "Every configuration.secrets entry of a container app or job is a Key Vault reference (keyVaultUrl and identity) and none holds a value.",
  severity: "critical",
  frameworks: { mcsb: ["IM-8", "DP-6"] },
  mandatoryTiers: EVERY_TIER,
  remediation:
    'Store the value in Key Vault and declare the secret as { name, keyVaultUrl: "https://<vault>.vault.azure.net/secrets/<name>", identity: <identity id> }; env entries use secretRef.',
  resourceTypes: [...AZURE.containerApp, ...AZURE.containerAppsJob],
  check: (_type, props) => {
    const secrets = lookup(props, "configuration.secrets");
    return secrets.state === "set" ? (asArray(secrets.value) ?? []).flatMap(checkSecret) : [];
  },
});
