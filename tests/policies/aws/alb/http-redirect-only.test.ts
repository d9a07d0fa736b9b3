import { albHttpRedirectOnly } from "../../../../src/policies/aws/alb/http-redirect-only.js";
import { describeRule, withInput } from "../../../helpers/policy-rules.js";

const compliant = {
  loadBalancerArn: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/asc/1",
  port: 80,
  protocol: "HTTP",
  defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
};

describeRule(albHttpRedirectOnly, {
  type: "aws:lb/listener:Listener",
  compliant,
  passes: [
    { title: "an HTTPS listener that forwards", props: { ...compliant, protocol: "HTTPS", defaultActions: [{ type: "forward" }] } },
    { title: "the aws.alb alias type", type: "aws:alb/listener:Listener", props: compliant },
    { title: "an unknown redirect protocol", props: withInput(compliant, "defaultActions[0].redirect.protocol", "[unknown]") },
    { title: "unknown default actions", props: { ...compliant, defaultActions: "[unknown]" } },
    { title: "a lowercase https redirect", props: withInput(compliant, "defaultActions[0].redirect.protocol", "https") },
  ],
  violations: [
    {
      title: "an HTTP listener that forwards",
      props: { ...compliant, defaultActions: [{ type: "forward", targetGroupArn: "arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/web/1" }] },
      expected: ['defaultActions[0].type is "forward"; it must be "redirect" (an HTTP listener only redirects to HTTPS)'],
    },
    {
      title: "a listener without protocol (HTTP by default) and a fixed response",
      props: { port: 80, defaultActions: [{ type: "fixed-response" }] },
      expected: ['defaultActions[0].type is "fixed-response"; it must be "redirect" (an HTTP listener only redirects to HTTPS)'],
    },
    {
      title: "a redirect to HTTP",
      props: withInput(compliant, "defaultActions[0].redirect.protocol", "HTTP"),
      expected: ['defaultActions[0].redirect.protocol is "HTTP"; it must be "HTTPS"'],
    },
    {
      title: "a redirect without protocol",
      props: withInput(compliant, "defaultActions[0].redirect.protocol", undefined),
      expected: [`defaultActions[0].redirect.protocol is not set (the redirect keeps the request's protocol, HTTP); it must be "HTTPS"`],
    },
    {
      title: "two default actions",
      props: { ...compliant, defaultActions: [...compliant.defaultActions, { type: "forward" }] },
      expected: ["defaultActions has 2 actions; an HTTP listener must have only one, a redirect to HTTPS"],
    },
    { title: "no default actions", props: withInput(compliant, "defaultActions", undefined), expected: ["defaultActions is not set; an HTTP listener must have one default action, a redirect to HTTPS"] },
    { title: "an empty default action list", props: { ...compliant, defaultActions: [] }, expected: ["defaultActions is not set; an HTTP listener must have one default action, a redirect to HTTPS"] },
    {
      title: "an action without type",
      props: { ...compliant, defaultActions: [{}] },
      expected: ['defaultActions[0].type is not set; it must be "redirect" (an HTTP listener only redirects to HTTPS)'],
    },
  ],
});
