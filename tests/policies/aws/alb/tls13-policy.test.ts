import { albTls13Policy } from "../../../../src/policies/aws/alb/tls13-policy.js";
import { describeRule } from "../../../helpers/policy-rules.js";

const compliant = {
  loadBalancerArn: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/asc/1",
  port: 443,
  protocol: "HTTPS",
  sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
  certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000",
};

describeRule(albTls13Policy, {
  type: "aws:lb/listener:Listener",
  compliant,
  passes: [
    { title: "another TLS 1.3 policy", props: { ...compliant, sslPolicy: "ELBSecurityPolicy-TLS13-1-3-2021-06" } },
    { title: "an HTTP listener without sslPolicy", props: { port: 80, protocol: "HTTP" } },
    { title: "a listener without protocol (HTTP)", props: { port: 80 } },
  ],
  violations: [
    {
      title: "a TLS 1.2 policy",
      props: { ...compliant, sslPolicy: "ELBSecurityPolicy-TLS-1-2-2017-01" },
      expected: ['sslPolicy is "ELBSecurityPolicy-TLS-1-2-2017-01"; it must be a TLS 1.3 policy such as "ELBSecurityPolicy-TLS13-1-2-2021-06"'],
    },
    {
      title: "no sslPolicy",
      props: { ...compliant, sslPolicy: undefined },
      expected: ['sslPolicy is not set (the AWS default, ELBSecurityPolicy-2016-08, allows TLS 1.0); it must be a TLS 1.3 policy such as "ELBSecurityPolicy-TLS13-1-2-2021-06"'],
    },
    {
      title: "a lowercase https protocol with an old policy",
      props: { ...compliant, protocol: "https", sslPolicy: "ELBSecurityPolicy-2016-08" },
      expected: ['sslPolicy is "ELBSecurityPolicy-2016-08"; it must be a TLS 1.3 policy such as "ELBSecurityPolicy-TLS13-1-2-2021-06"'],
    },
  ],
});
