import { rdsStorageEncrypted } from "../../../../src/policies/aws/rds/storage-encrypted.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { compliantInstance, RDS_INSTANCE_TYPE } from "./fixtures.js";

describeRule(rdsStorageEncrypted, {
  type: RDS_INSTANCE_TYPE,
  compliant: compliantInstance,
  violations: [
    { title: "unencrypted storage", props: { ...compliantInstance, storageEncrypted: false }, expected: ["storageEncrypted is false; it must be true"] },
    { title: "no storageEncrypted", props: { ...compliantInstance, storageEncrypted: undefined }, expected: ["storageEncrypted is not set (the AWS default is false); it must be true"] },
  ],
});
