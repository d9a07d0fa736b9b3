/**
 * Storage refuses Shared Key authorization, so a SAS URL a browser holds can only be a user delegation SAS.
 * @severity high
 */
import { AZURE } from "../resource-types.js";
import { expectInput, isFalse } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

export const storageNoSharedKey = defineRule({
  name: "asc-azure-storage-no-shared-key",
  cloud: "azure",
  description:
    "A storage account disallows Shared Key authorization (allowSharedKeyAccess false): requests need Microsoft Entra ID or a user delegation SAS, which is signed with an identity's short-lived key and revocable, never with an account key.",
  severity: "high",
  frameworks: { azurePolicy: ["Storage accounts should prevent shared key access"] },
  mandatoryTiers: EVERY_TIER,
  remediation: "Set allowSharedKeyAccess: false on the storage account; sign SAS URLs as user delegation SAS with the app's identity (Storage Blob Delegator).",
  resourceTypes: AZURE.storageAccount,
  check: (_type, props) =>
    expectInput(props, { path: "allowSharedKeyAccess", ok: isFalse, must: "false", missingNote: "the Azure default allows Shared Key" }),
});
