/**
 * No container can be made anonymously readable.
 * @severity critical
 */
import { AZURE } from "../resource-types.js";
import { expectInput, isFalse } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

export const storageNoPublicBlob = defineRule({
  name: "asc-azure-storage-no-public-blob",
  cloud: "azure",
  description: "A storage account disallows anonymous blob access (allowBlobPublicAccess false).",
  severity: "critical",
  frameworks: { azurePolicy: ["Storage account public access should be disallowed"], mcsb: ["NS-2"] },
  mandatoryTiers: EVERY_TIER,
  remediation: "Set allowBlobPublicAccess: false on the storage account; serve files through SAS URLs.",
  resourceTypes: AZURE.storageAccount,
  check: (_type, props) =>
    expectInput(props, { path: "allowBlobPublicAccess", ok: isFalse, must: "false", missingNote: "older API versions default to true" }),
});
