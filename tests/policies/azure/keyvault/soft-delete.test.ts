import { keyVaultSoftDelete } from "../../../../src/policies/azure/keyvault/soft-delete.js";
import { describeRule, withInput } from "../../../helpers/policy-rules.js";
import { compliantVault, KEY_VAULT_TYPE } from "./fixtures.js";

describeRule(keyVaultSoftDelete, {
  type: KEY_VAULT_TYPE,
  compliant: compliantVault,
  passes: [{ title: "soft delete unset (on)", props: withInput(compliantVault, "properties.enableSoftDelete", undefined) }],
  violations: [{ title: "soft delete off", props: withInput(compliantVault, "properties.enableSoftDelete", false), expected: ["properties.enableSoftDelete is false; it must be true"] }],
});
