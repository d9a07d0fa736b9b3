/**
 * The storage firewall denies by default.
 * @severity high
 */
import { AZURE } from "../resource-types.js";
import { equalsIgnoreCase, expectInput } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

export const storageDenyByDefault = defineRule({
  name: "asc-azure-storage-deny-by-default",
  cloud: "azure",
  description: 'A storage account\'s network rules deny by default (networkRuleSet.defaultAction "Deny"), unless asc:azure.browserUploads opens it to SAS uploads from browsers.',
  severity: "high",
  frameworks: { checkov: ["CKV_AZURE_35"], azurePolicy: ["Storage accounts should restrict network access"], mcsb: ["NS-2"] },
  mandatoryTiers: EVERY_TIER,
  remediation:
    'Set networkRuleSet: { defaultAction: "Deny", bypass: "AzureServices", virtualNetworkRules: [<apps subnet>] } (browser uploads then need an ipRules entry or an exemption), or set asc:azure.browserUploads: true to open the Blob endpoint to SAS uploads from browsers by design.',
  configKeys: ["azure.browserUploads"],
  resourceTypes: AZURE.storageAccount,
  check: (_type, props, ctx) =>
    ctx.config.azure?.browserUploads
      ? []
      : expectInput(props, { path: "networkRuleSet.defaultAction", ok: equalsIgnoreCase("Deny"), must: '"Deny"', missingNote: "the Azure default is Allow" }),
});
