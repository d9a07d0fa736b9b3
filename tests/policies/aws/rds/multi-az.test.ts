import { rdsMultiAz } from "../../../../src/policies/aws/rds/multi-az.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { compliantInstance, RDS_INSTANCE_TYPE } from "./fixtures.js";

describeRule(rdsMultiAz, {
  type: RDS_INSTANCE_TYPE,
  compliant: compliantInstance,
  violations: [
    { title: "a single-AZ instance", props: { ...compliantInstance, multiAz: false }, expected: ["multiAz is false; it must be true"] },
    { title: "no multiAz", props: { ...compliantInstance, multiAz: undefined }, expected: ["multiAz is not set (the AWS default is a single AZ); it must be true"] },
  ],
});
