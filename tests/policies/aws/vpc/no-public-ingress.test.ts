import { vpcNoPublicIngress } from "../../../../src/policies/aws/vpc/no-public-ingress.js";
import { describeRule } from "../../../helpers/policy-rules.js";

const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const GROUP = "aws:ec2/securityGroup:SecurityGroup";
const LEGACY_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const ONLY = "only tcp 80 and 443 (the load balancer's listeners) may be open to the internet";
const https = { securityGroupId: "sg-alb", cidrIpv4: "0.0.0.0/0", ipProtocol: "tcp", fromPort: 443, toPort: 443 };

describeRule(vpcNoPublicIngress, {
  type: INGRESS_RULE,
  compliant: https,
  passes: [
    { title: "HTTP on 80 over IPv6", props: { securityGroupId: "sg-alb", cidrIpv6: "::/0", ipProtocol: "tcp", fromPort: 80, toPort: 80 } },
    { title: "a private CIDR on 5432", props: { securityGroupId: "sg-db", cidrIpv4: "10.40.0.0/16", ipProtocol: "tcp", fromPort: 5432, toPort: 5432 } },
    { title: "a source security group", props: { securityGroupId: "sg-db", referencedSecurityGroupId: "sg-app", ipProtocol: "tcp", fromPort: 5432, toPort: 5432 } },
    { title: "an unknown port", props: { ...https, fromPort: "[unknown]" } },
    { title: "a group with inline ingress on 443", type: GROUP, props: { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }] } },
    { title: "a group without ingress", type: GROUP, props: { vpcId: "vpc-1" } },
    { title: "an egress rule to anywhere", type: LEGACY_RULE, props: { type: "egress", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] } },
  ],
  violations: [
    { title: "SSH from anywhere", props: { ...https, fromPort: 22, toPort: 22 }, expected: [`the rule allows 0.0.0.0/0 on tcp 22; ${ONLY}`] },
    { title: "every protocol from anywhere", props: { securityGroupId: "sg-1", cidrIpv4: "0.0.0.0/0", ipProtocol: "-1" }, expected: [`the rule allows 0.0.0.0/0 on every protocol and port; ${ONLY}`] },
    { title: "a port range including 443", props: { ...https, fromPort: 0, toPort: 65535 }, expected: [`the rule allows 0.0.0.0/0 on tcp 0-65535; ${ONLY}`] },
    { title: "UDP 443 over IPv6", props: { securityGroupId: "sg-1", cidrIpv6: "::/0", ipProtocol: "udp", fromPort: 443, toPort: 443 }, expected: [`the rule allows ::/0 on udp 443; ${ONLY}`] },
    {
      title: "a group with inline Postgres open to the world",
      type: GROUP,
      props: { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }, { protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.0.0.0/8", "0.0.0.0/0"] }] },
      expected: [`ingress[1] allows 0.0.0.0/0 on tcp 5432; ${ONLY}`],
    },
    {
      title: "a legacy ingress rule on 8000",
      type: LEGACY_RULE,
      props: { type: "ingress", protocol: "tcp", fromPort: 8000, toPort: 8000, ipv6CidrBlocks: ["::/0"], securityGroupId: "sg-1" },
      expected: [`the rule allows ::/0 on tcp 8000; ${ONLY}`],
    },
  ],
});
