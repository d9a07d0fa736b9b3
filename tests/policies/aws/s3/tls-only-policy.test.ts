import { s3TlsOnlyPolicy } from "../../../../src/policies/aws/s3/tls-only-policy.js";
import { describeRule } from "../../../helpers/policy-rules.js";

const STATEMENT = '{ Effect: "Deny", Principal: "*", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } }';
const denyInsecure = {
  Sid: "DenyInsecureTransport",
  Effect: "Deny",
  Principal: "*",
  Action: "s3:*",
  Resource: ["arn:aws:s3:::asc-prod-uploads", "arn:aws:s3:::asc-prod-uploads/*"],
  Condition: { Bool: { "aws:SecureTransport": "false" } },
};
const allowLogs = { Effect: "Allow", Principal: { Service: "logdelivery.elasticloadbalancing.amazonaws.com" }, Action: "s3:PutObject", Resource: "arn:aws:s3:::asc-prod-uploads/*" };
const policy = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });

describeRule(s3TlsOnlyPolicy, {
  type: "aws:s3/bucketPolicy:BucketPolicy",
  compliant: { bucket: "asc-prod-uploads", policy: policy(allowLogs, denyInsecure) },
  passes: [
    { title: "a policy given as an object with a single statement", props: { policy: { Statement: denyInsecure } } },
    { title: "a boolean false and a lowercase operator", props: { policy: policy({ ...denyInsecure, Condition: { bool: { "aws:securetransport": false } } }) } },
  ],
  violations: [
    { title: "no TLS statement", props: { policy: policy(allowLogs) }, expected: [`policy has no statement that denies requests without TLS; it must include ${STATEMENT}`] },
    {
      title: "an Allow on SecureTransport false",
      props: { policy: policy({ ...denyInsecure, Effect: "Allow" }) },
      expected: [`policy has no statement that denies requests without TLS; it must include ${STATEMENT}`],
    },
    { title: "no policy", props: { bucket: "b" }, expected: [`policy is not set; it must include ${STATEMENT}`] },
    { title: "a policy that is not JSON", props: { policy: "{" }, expected: [`policy is not a JSON policy document; it must include ${STATEMENT}`] },
  ],
});
