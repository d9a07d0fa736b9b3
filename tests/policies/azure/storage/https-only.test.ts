import { storageHttpsOnly } from "../../../../src/policies/azure/storage/https-only.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { compliantAccount, STORAGE_ACCOUNT_TYPE } from "./fixtures.js";

describeRule(storageHttpsOnly, {
  type: STORAGE_ACCOUNT_TYPE,
  compliant: compliantAccount,
  passes: [{ title: "enableHttpsTrafficOnly unset (true)", props: { ...compliantAccount, enableHttpsTrafficOnly: undefined } }],
  violations: [{ title: "HTTP allowed", props: { ...compliantAccount, enableHttpsTrafficOnly: false }, expected: ["enableHttpsTrafficOnly is false; it must be true"] }],
});
