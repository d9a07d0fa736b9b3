import { s3Versioning } from "../../../../src/policies/aws/s3/versioning.js";
import { describeRule } from "../../../helpers/policy-rules.js";

const compliant = { bucket: "asc-prod-uploads", versioningConfiguration: { status: "Enabled" } };

describeRule(s3Versioning, {
  type: "aws:s3/bucketVersioning:BucketVersioning",
  compliant,
  violations: [
    { title: "suspended versioning", props: { ...compliant, versioningConfiguration: { status: "Suspended" } }, expected: ['versioningConfiguration.status is "Suspended"; it must be "Enabled"'] },
    { title: "no configuration", props: { bucket: "asc-prod-uploads" }, expected: ['versioningConfiguration.status is not set; it must be "Enabled"'] },
  ],
});
