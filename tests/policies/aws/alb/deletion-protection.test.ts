import { albDeletionProtection } from "../../../../src/policies/aws/alb/deletion-protection.js";
import { describeRule } from "../../../helpers/policy-rules.js";

const compliant = { loadBalancerType: "application", enableDeletionProtection: true };

describeRule(albDeletionProtection, {
  type: "aws:lb/loadBalancer:LoadBalancer",
  compliant,
  violations: [
    { title: "deletion protection off", props: { ...compliant, enableDeletionProtection: false }, expected: ["enableDeletionProtection is false; it must be true"] },
    { title: "no deletion protection", props: { loadBalancerType: "application" }, expected: ["enableDeletionProtection is not set (the AWS default is false); it must be true"] },
  ],
});
