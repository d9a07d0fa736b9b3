import { albDesyncMode } from "../../../../src/policies/aws/alb/desync-mode.js";
import { describeRule } from "../../../helpers/policy-rules.js";

const compliant = { loadBalancerType: "application", desyncMitigationMode: "strictest" };

describeRule(albDesyncMode, {
  type: "aws:lb/loadBalancer:LoadBalancer",
  compliant,
  passes: [
    { title: "defensive mode", props: { desyncMitigationMode: "defensive" } },
    { title: "no mode (the AWS default, defensive)", props: { loadBalancerType: "application" } },
    { title: "a network load balancer in monitor mode", props: { loadBalancerType: "network", desyncMitigationMode: "monitor" } },
  ],
  violations: [
    { title: "monitor mode", props: { ...compliant, desyncMitigationMode: "monitor" }, expected: ['desyncMitigationMode is "monitor"; it must be "defensive" or "strictest"'] },
  ],
});
