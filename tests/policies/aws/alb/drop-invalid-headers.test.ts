import { albDropInvalidHeaders } from "../../../../src/policies/aws/alb/drop-invalid-headers.js";
import { describeRule } from "../../../helpers/policy-rules.js";

const compliant = { loadBalancerType: "application", internal: false, dropInvalidHeaderFields: true };

describeRule(albDropInvalidHeaders, {
  type: "aws:lb/loadBalancer:LoadBalancer",
  compliant,
  passes: [
    { title: "a network load balancer", props: { loadBalancerType: "network" } },
    { title: "the aws.alb alias type", type: "aws:alb/loadBalancer:LoadBalancer", props: compliant },
  ],
  violations: [
    { title: "dropInvalidHeaderFields false", props: { ...compliant, dropInvalidHeaderFields: false }, expected: ["dropInvalidHeaderFields is false; it must be true"] },
    { title: "no dropInvalidHeaderFields", props: { internal: false }, expected: ["dropInvalidHeaderFields is not set (the AWS default is false); it must be true"] },
  ],
});
