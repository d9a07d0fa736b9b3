import { containerAppsKeyVaultSecrets } from "../../../../src/policies/azure/containerapps/keyvault-secrets.js";
import { describeRule, withInput } from "../../../helpers/policy-rules.js";
import { CONTAINER_APP_TYPE, compliantApp, compliantJob, JOB_TYPE } from "./fixtures.js";

const secret = (entry: Record<string, unknown>) => withInput(compliantApp, "configuration.secrets", [entry]);

describeRule(containerAppsKeyVaultSecrets, {
  type: CONTAINER_APP_TYPE,
  compliant: compliantApp,
  passes: [
    { title: "a job with Key Vault references", type: JOB_TYPE, props: compliantJob },
    { title: "an app without secrets", props: withInput(compliantApp, "configuration.secrets", undefined) },
    { title: "an unknown secret list", props: withInput(compliantApp, "configuration.secrets", "[unknown]") },
  ],
  violations: [
    {
      title: "a plaintext value",
      props: secret({ name: "stripe-key", value: "sk_live_123" }),
      expected: ['configuration.secrets[0] ("stripe-key") has a value; it must be a Key Vault reference (keyVaultUrl and identity) with no value'],
    },
    {
      title: "a Pulumi secret value stored in the app",
      type: JOB_TYPE,
      props: withInput(compliantJob, "configuration.secrets", [{ name: "db", value: "[secret]" }]),
      expected: ['configuration.secrets[0] ("db") has a value; it must be a Key Vault reference (keyVaultUrl and identity) with no value'],
    },
    {
      title: "a reference without identity",
      props: secret({ name: "db", keyVaultUrl: "https://kv.vault.azure.net/secrets/db" }),
      expected: ['configuration.secrets[0] ("db") has no identity; it must name the managed identity that reads the vault'],
    },
    {
      title: "an entry with neither",
      props: secret({}),
      expected: ["configuration.secrets[0] has no keyVaultUrl; it must reference a Key Vault secret URI", "configuration.secrets[0] has no identity; it must name the managed identity that reads the vault"],
    },
  ],
});
