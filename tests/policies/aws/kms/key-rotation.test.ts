import { kmsKeyRotation } from "../../../../src/policies/aws/kms/key-rotation.js";
import { describeRule } from "../../../helpers/policy-rules.js";

const compliant = { description: "asc prod", enableKeyRotation: true, deletionWindowInDays: 30 };

describeRule(kmsKeyRotation, {
  type: "aws:kms/key:Key",
  compliant,
  passes: [
    { title: "an asymmetric key without rotation", props: { keySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" } },
    { title: "a legacy asymmetric spec", props: { customerMasterKeySpec: "ECC_NIST_P256" } },
  ],
  violations: [
    { title: "rotation off", props: { ...compliant, enableKeyRotation: false }, expected: ["enableKeyRotation is false; it must be true"] },
    { title: "a symmetric key without rotation", props: { keySpec: "SYMMETRIC_DEFAULT" }, expected: ["enableKeyRotation is not set (the AWS default is false); it must be true"] },
  ],
});
