import { albAccessLogs } from "../../../../src/policies/aws/alb/access-logs.js";
import { describeRule, withInput } from "../../../helpers/policy-rules.js";

const compliant = { loadBalancerType: "application", accessLogs: { bucket: "asc-prod-alb-logs", enabled: true } };

describeRule(albAccessLogs, {
  type: "aws:lb/loadBalancer:LoadBalancer",
  compliant,
  passes: [{ title: "an unknown bucket name", props: withInput(compliant, "accessLogs.bucket", "[unknown]") }],
  violations: [
    { title: "no access logs", props: { loadBalancerType: "application" }, expected: ["accessLogs is not set; it must be { bucket: <log bucket>, enabled: true }"] },
    { title: "access logs disabled", props: withInput(compliant, "accessLogs.enabled", false), expected: ["accessLogs.enabled is false; it must be true"] },
    {
      title: "access logs without enabled or bucket",
      props: { accessLogs: {} },
      expected: ["accessLogs.enabled is not set (the AWS default is false); it must be true", "accessLogs.bucket is not set; it must be the name of the log bucket"],
    },
    { title: "an empty bucket name", props: withInput(compliant, "accessLogs.bucket", ""), expected: ['accessLogs.bucket is ""; it must be the name of the log bucket'] },
  ],
});
