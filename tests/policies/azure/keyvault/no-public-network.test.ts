import { keyVaultNoPublicNetwork } from "../../../../src/policies/azure/keyvault/no-public-network.js";
import { describeRule, withInput } from "../../../helpers/policy-rules.js";
import { compliantVault, KEY_VAULT_TYPE } from "./fixtures.js";

describeRule(keyVaultNoPublicNetwork, {
  type: KEY_VAULT_TYPE,
  compliant: compliantVault,
  passes: [{ title: "lowercase disabled", props: withInput(compliantVault, "properties.publicNetworkAccess", "disabled") }],
  violations: [
    { title: "the SDK default, enabled", props: withInput(compliantVault, "properties.publicNetworkAccess", "enabled"), expected: ['properties.publicNetworkAccess is "enabled"; it must be "Disabled"'] },
    { title: "no setting", props: withInput(compliantVault, "properties.publicNetworkAccess", undefined), expected: ['properties.publicNetworkAccess is not set (the Azure default is enabled); it must be "Disabled"'] },
  ],
});
