/**
 * Only the load balancer's HTTP and HTTPS ports are open to the internet.
 * @severity critical
 */
import { AWS } from "../resource-types.js";
import { asArray, asNumber, asRecord, isOpaque, lookup, valueAt } from "../../props.js";
import { defineRule, EVERY_TIER, type ResourceProps } from "../../rule.js";

const WORLD = ["0.0.0.0/0", "::/0"];
const PUBLIC_PORTS = [80, 443];
const TYPES = { group: AWS.securityGroup[0], rule: AWS.securityGroupRule[0], ingressRule: AWS.securityGroupIngressRule[0] } as const;

/** One ingress permission, whatever resource shape it came from. */
interface Ingress {
  readonly label: string;
  readonly cidrs: readonly unknown[];
  readonly protocol: unknown;
  readonly fromPort: unknown;
  readonly toPort: unknown;
}

function ingressesOf(type: string, props: ResourceProps): Ingress[] {
  if (type === TYPES.ingressRule) {
    return [{ label: "the rule", cidrs: [props.cidrIpv4, props.cidrIpv6], protocol: props.ipProtocol, fromPort: props.fromPort, toPort: props.toPort }];
  }
  const cidrsOf = (r: Readonly<Record<string, unknown>>) => [...(asArray(r.cidrBlocks) ?? [r.cidrBlocks]), ...(asArray(r.ipv6CidrBlocks) ?? [r.ipv6CidrBlocks])];
  if (type === TYPES.rule) {
    if (valueAt(props, "type") !== "ingress") return [];
    return [{ label: "the rule", cidrs: cidrsOf(props), protocol: props.protocol, fromPort: props.fromPort, toPort: props.toPort }];
  }
  return (asArray(lookup(props, "ingress").state === "set" ? props.ingress : undefined) ?? []).flatMap((entry, i) => {
    const r = asRecord(entry);
    return r ? [{ label: `ingress[${i}]`, cidrs: cidrsOf(r), protocol: r.protocol, fromPort: r.fromPort, toPort: r.toPort }] : [];
  });
}

const isAllProtocols = (protocol: unknown): boolean => protocol === "-1" || protocol === -1 || protocol === "all";
const isTcp = (protocol: unknown): boolean => protocol === "tcp" || protocol === "6" || protocol === 6;

function describePorts(ingress: Ingress): string {
  if (isAllProtocols(ingress.protocol)) return "every protocol and port";
  const from = asNumber(ingress.fromPort);
  const to = asNumber(ingress.toPort);
  const ports = from === to ? `${from}` : `${from}-${to}`;
  return `${String(ingress.protocol)} ${ports}`;
}

function violation(ingress: Ingress): string | undefined {
  const world = ingress.cidrs.find((c) => typeof c === "string" && WORLD.includes(c));
  if (world === undefined) return undefined;
  if ([ingress.protocol, ingress.fromPort, ingress.toPort].some(isOpaque)) return undefined;
  const from = asNumber(ingress.fromPort);
  if (isTcp(ingress.protocol) && from !== undefined && from === asNumber(ingress.toPort) && PUBLIC_PORTS.includes(from)) return undefined;
  return `${ingress.label} allows ${String(world)} on ${describePorts(ingress)}; only tcp 80 and 443 (the load balancer's listeners) may be open to the internet`;
}

export const vpcNoPublicIngress = defineRule({
  name: "asc-aws-vpc-no-public-ingress",
  cloud: "aws",
  description:
    "No security group ingress (aws.vpc.SecurityGroupIngressRule, aws.ec2.SecurityGroupRule or inline ingress) allows 0.0.0.0/0 or ::/0, except tcp 80 and 443 (the load balancer's listeners).",
  severity: "critical",
  frameworks: { checkov: ["CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_260"], securityHub: ["EC2.18", "EC2.19"] },
  mandatoryTiers: EVERY_TIER,
  remediation: "Allow the source security group (referencedSecurityGroupId) or a private CIDR instead of the internet; only the load balancer opens tcp 80 and 443 to 0.0.0.0/0.",
  resourceTypes: [...AWS.securityGroup, ...AWS.securityGroupRule, ...AWS.securityGroupIngressRule],
  check: (type, props) => ingressesOf(type, props).flatMap((ingress) => violation(ingress) ?? []),
});
