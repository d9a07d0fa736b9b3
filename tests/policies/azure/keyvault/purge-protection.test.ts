import { keyVaultPurgeProtection } from "../../../../src/policies/azure/keyvault/purge-protection.js";
import { describeRule, withInput } from "../../../helpers/policy-rules.js";
import { compliantVault, KEY_VAULT_TYPE } from "./fixtures.js";

describeRule(keyVaultPurgeProtection, {
  type: KEY_VAULT_TYPE,
  compliant: compliantVault,
  violations: [
    { title: "purge protection off", props: withInput(compliantVault, "properties.enablePurgeProtection", false), expected: ["properties.enablePurgeProtection is false; it must be true"] },
    {
      title: "no purge protection",
      props: withInput(compliantVault, "properties.enablePurgeProtection", undefined),
      expected: ["properties.enablePurgeProtection is not set (deleted vaults and secrets can be purged at once); it must be true"],
    },
  ],
});
