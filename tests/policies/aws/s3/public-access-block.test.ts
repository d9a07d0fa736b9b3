import { s3PublicAccessBlock } from "../../../../src/policies/aws/s3/public-access-block.js";
import { describeRule } from "../../../helpers/policy-rules.js";

const compliant = { bucket: "asc-prod-uploads", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

describeRule(s3PublicAccessBlock, {
  type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  compliant,
  violations: [
    { title: "public policies allowed", props: { ...compliant, blockPublicPolicy: false }, expected: ["blockPublicPolicy is false; it must be true"] },
    { title: "public buckets not restricted", props: { ...compliant, restrictPublicBuckets: false }, expected: ["restrictPublicBuckets is false; it must be true"] },
    {
      title: "only the bucket set",
      props: { bucket: "asc-prod-uploads" },
      expected: ["blockPublicAcls is not set; it must be true", "blockPublicPolicy is not set; it must be true", "ignorePublicAcls is not set; it must be true", "restrictPublicBuckets is not set; it must be true"],
    },
  ],
});
