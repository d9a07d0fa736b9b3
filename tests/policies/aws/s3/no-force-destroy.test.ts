import { s3NoForceDestroy } from "../../../../src/policies/aws/s3/no-force-destroy.js";
import { describeRule } from "../../../helpers/policy-rules.js";

describeRule(s3NoForceDestroy, {
  type: "aws:s3/bucket:Bucket",
  compliant: { bucket: "asc-prod-uploads", forceDestroy: false },
  passes: [{ title: "forceDestroy unset", props: { bucket: "asc-prod-uploads" } }],
  violations: [{ title: "forceDestroy on", props: { bucket: "asc-dev-uploads", forceDestroy: true }, expected: ["forceDestroy is true; it must be false"] }],
});
