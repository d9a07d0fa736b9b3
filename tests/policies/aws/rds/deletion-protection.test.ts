import { rdsDeletionProtection } from "../../../../src/policies/aws/rds/deletion-protection.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { compliantInstance, RDS_INSTANCE_TYPE } from "./fixtures.js";

describeRule(rdsDeletionProtection, {
  type: RDS_INSTANCE_TYPE,
  compliant: compliantInstance,
  violations: [
    { title: "deletion protection off", props: { ...compliantInstance, deletionProtection: false }, expected: ["deletionProtection is false; it must be true"] },
    { title: "no deletion protection", props: { ...compliantInstance, deletionProtection: undefined }, expected: ["deletionProtection is not set (the AWS default is false); it must be true"] },
  ],
});
