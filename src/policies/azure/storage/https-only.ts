/**
 * Storage refuses plain HTTP.
 * @severity high
 */
import { AZURE } from "../resource-types.js";
import { expectInput } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

export const storageHttpsOnly = defineRule({
  name: "asc-azure-storage-https-only",
  cloud: "azure",
  description: "A storage account only accepts HTTPS (enableHttpsTrafficOnly is not false; unset means the Azure default, true).",
  severity: "high",
  frameworks: { checkov: ["CKV_AZURE_3"], azurePolicy: ["Secure transfer to storage accounts should be enabled"], mcsb: ["DP-3"] },
  mandatoryTiers: EVERY_TIER,
  remediation: "Set enableHttpsTrafficOnly: true on the storage account.",
  resourceTypes: AZURE.storageAccount,
  check: (_type, props) =>
    expectInput(props, { path: "enableHttpsTrafficOnly", ok: (v) => v !== false, must: "true", whenMissing: "compliant" }),
});
