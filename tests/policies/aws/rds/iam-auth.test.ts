import { rdsIamAuth } from "../../../../src/policies/aws/rds/iam-auth.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { compliantInstance, RDS_INSTANCE_TYPE } from "./fixtures.js";

describeRule(rdsIamAuth, {
  type: RDS_INSTANCE_TYPE,
  compliant: compliantInstance,
  violations: [
    { title: "IAM auth off", props: { ...compliantInstance, iamDatabaseAuthenticationEnabled: false }, expected: ["iamDatabaseAuthenticationEnabled is false; it must be true"] },
    { title: "no IAM auth", props: { ...compliantInstance, iamDatabaseAuthenticationEnabled: undefined }, expected: ["iamDatabaseAuthenticationEnabled is not set; it must be true"] },
  ],
});
