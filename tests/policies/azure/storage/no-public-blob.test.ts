import { storageNoPublicBlob } from "../../../../src/policies/azure/storage/no-public-blob.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { compliantAccount, STORAGE_ACCOUNT_TYPE } from "./fixtures.js";

describeRule(storageNoPublicBlob, {
  type: STORAGE_ACCOUNT_TYPE,
  compliant: compliantAccount,
  violations: [
    { title: "public blobs allowed", props: { ...compliantAccount, allowBlobPublicAccess: true }, expected: ["allowBlobPublicAccess is true; it must be false"] },
    { title: "no setting", props: { ...compliantAccount, allowBlobPublicAccess: undefined }, expected: ["allowBlobPublicAccess is not set (older API versions default to true); it must be false"] },
  ],
});
