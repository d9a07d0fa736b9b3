/**
 * The production load balancer writes access logs to S3.
 * @severity medium
 */
import { AWS } from "../resource-types.js";
import { expectInput, isNonEmptyString, isTrue, lookup } from "../../props.js";
import { defineRule, PRODUCTION_ONLY } from "../../rule.js";

export const albAccessLogs = defineRule({
  name: "asc-aws-alb-access-logs",
  cloud: "aws",
  description: "The load balancer writes access logs to an S3 bucket (mandatory in production).",
  severity: "medium",
  frameworks: { checkov: ["CKV_AWS_91"], securityHub: ["ELB.5"] },
  mandatoryTiers: PRODUCTION_ONLY,
  remediation: "Set accessLogs: { bucket: <log bucket name>, enabled: true } on the load balancer (the bucket policy must let the ELB service write).",
  resourceTypes: AWS.loadBalancer,
  check: (_type, props) => {
    if (lookup(props, "accessLogs").state === "missing") return ['accessLogs is not set; it must be { bucket: <log bucket>, enabled: true }'];
    return [
      ...expectInput(props, { path: "accessLogs.enabled", ok: isTrue, must: "true", missingNote: "the AWS default is false" }),
      ...expectInput(props, { path: "accessLogs.bucket", ok: isNonEmptyString, must: "the name of the log bucket" }),
    ];
  },
});
