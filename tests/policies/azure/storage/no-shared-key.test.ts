import { storageNoSharedKey } from "../../../../src/policies/azure/storage/no-shared-key.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { compliantAccount, STORAGE_ACCOUNT_TYPE } from "./fixtures.js";

describeRule(storageNoSharedKey, {
  type: STORAGE_ACCOUNT_TYPE,
  compliant: compliantAccount,
  violations: [
    { title: "Shared Key allowed", props: { ...compliantAccount, allowSharedKeyAccess: true }, expected: ["allowSharedKeyAccess is true; it must be false"] },
    { title: "allowSharedKeyAccess unset", props: { ...compliantAccount, allowSharedKeyAccess: undefined }, expected: ["allowSharedKeyAccess is not set (the Azure default allows Shared Key); it must be false"] },
  ],
});
