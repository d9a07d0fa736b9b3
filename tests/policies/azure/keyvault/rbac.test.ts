import { keyVaultRbac } from "../../../../src/policies/azure/keyvault/rbac.js";
import { describeRule, withInput } from "../../../helpers/policy-rules.js";
import { compliantVault, KEY_VAULT_TYPE } from "./fixtures.js";

describeRule(keyVaultRbac, {
  type: KEY_VAULT_TYPE,
  compliant: compliantVault,
  violations: [
    { title: "access policies", props: withInput(compliantVault, "properties.enableRbacAuthorization", false), expected: ["properties.enableRbacAuthorization is false; it must be true"] },
    { title: "no setting", props: withInput(compliantVault, "properties.enableRbacAuthorization", undefined), expected: ["properties.enableRbacAuthorization is not set (the vault uses access policies); it must be true"] },
  ],
});
