/**
 * Storage negotiates TLS 1.2 or newer.
 * @severity high
 */
import { AZURE } from "../resource-types.js";
import { expectInput } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

export const storageMinTls = defineRule({
  name: "asc-azure-storage-min-tls",
  cloud: "azure",
  description: 'A storage account sets minimumTlsVersion to "TLS1_2" (or "TLS1_3").',
  severity: "high",
  frameworks: { checkov: ["CKV_AZURE_44"], azurePolicy: ["Storage accounts should have the specified minimum TLS version"], mcsb: ["DP-3"] },
  mandatoryTiers: EVERY_TIER,
  remediation: 'Set minimumTlsVersion: "TLS1_2" on the storage account.',
  resourceTypes: AZURE.storageAccount,
  check: (_type, props) =>
    expectInput(props, { path: "minimumTlsVersion", ok: (v) => v === "TLS1_2" || v === "TLS1_3", must: '"TLS1_2"', missingNote: "the Azure default is TLS1_0" }),
});
