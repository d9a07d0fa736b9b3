import { rdsNotPublic } from "../../../../src/policies/aws/rds/not-public.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { compliantInstance, RDS_INSTANCE_TYPE } from "./fixtures.js";

describeRule(rdsNotPublic, {
  type: RDS_INSTANCE_TYPE,
  compliant: compliantInstance,
  passes: [{ title: "publiclyAccessible unset (false)", props: { ...compliantInstance, publiclyAccessible: undefined } }],
  violations: [{ title: "a public instance", props: { ...compliantInstance, publiclyAccessible: true }, expected: ["publiclyAccessible is true; it must be false"] }],
});
