import * as pulumi from "@pulumi/pulumi";
import { Network, NETWORK_TYPE, resolveNetworkArgs, type NetworkArgs } from "../../../src/components/aws/network.js";
import type { CapturedResource } from "../../../src/preview/graph-capture.js";
import { promiseOf, usePulumiMocks } from "../../helpers/pulumi.js";

const mocked = usePulumiMocks({ region: "eu-west-1" });

const TAGS = { project: "asc", profile: "test", tier: "dev", "managed-by": "asc" };
const BASE: NetworkArgs = { cidr: "10.40.0.0/16", azCount: 3, natGateways: "per-az", containerPorts: [8000, 3000], tags: TAGS };

/** Builds the network and waits until every child (the security-group rules are last) has registered. */
async function build(overrides: Partial<NetworkArgs> = {}, name = "net"): Promise<{ network: Network; urn: string }> {
  const network = new Network(name, { ...BASE, ...overrides });
  const [urn] = await Promise.all([
    promiseOf(network.urn),
    promiseOf(network.publicSubnetIds),
    promiseOf(network.privateSubnetIds),
    promiseOf(network.cacheSecurityGroupId),
    promiseOf(network.databaseSecurityGroupId),
  ]);
  await new Promise((r) => setTimeout(r, 50));
  return { network, urn };
}

const ruleView = (r: CapturedResource) => ({
  name: r.name,
  direction: r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule" ? "ingress" : "egress",
  securityGroupId: r.inputs.securityGroupId,
  ipProtocol: r.inputs.ipProtocol,
  fromPort: r.inputs.fromPort,
  toPort: r.inputs.toPort,
  cidrIpv4: r.inputs.cidrIpv4,
  cidrIpv6: r.inputs.cidrIpv6,
  referencedSecurityGroupId: r.inputs.referencedSecurityGroupId,
  description: r.inputs.description,
});

describe("Network", () => {
  it("GIVEN a /16 over 3 AZs WHEN created THEN the VPC and subnets get the exact CIDRs, zones and flags", async () => {
    const { network } = await build();
    const { graph } = mocked;

    expect(graph.byName("net").type).toBe(NETWORK_TYPE);
    expect(graph.byName("net-vpc").inputs).toEqual({
      cidrBlock: "10.40.0.0/16",
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { ...TAGS, Name: "net-vpc" },
    });
    const subnet = (name: string) => {
      const s = graph.byName(name);
      return { cidrBlock: s.inputs.cidrBlock, availabilityZone: s.inputs.availabilityZone, mapPublicIpOnLaunch: s.inputs.mapPublicIpOnLaunch, vpcId: s.inputs.vpcId, subnet: (s.inputs.tags as Record<string, string>).subnet };
    };
    expect(["net-public-0", "net-public-1", "net-public-2"].map(subnet)).toEqual([
      { cidrBlock: "10.40.192.0/20", availabilityZone: "eu-west-1a", mapPublicIpOnLaunch: false, vpcId: "net-vpc-id", subnet: "public" },
      { cidrBlock: "10.40.208.0/20", availabilityZone: "eu-west-1b", mapPublicIpOnLaunch: false, vpcId: "net-vpc-id", subnet: "public" },
      { cidrBlock: "10.40.224.0/20", availabilityZone: "eu-west-1c", mapPublicIpOnLaunch: false, vpcId: "net-vpc-id", subnet: "public" },
    ]);
    expect(["net-private-0", "net-private-1", "net-private-2"].map(subnet)).toEqual([
      { cidrBlock: "10.40.0.0/18", availabilityZone: "eu-west-1a", mapPublicIpOnLaunch: false, vpcId: "net-vpc-id", subnet: "private" },
      { cidrBlock: "10.40.64.0/18", availabilityZone: "eu-west-1b", mapPublicIpOnLaunch: false, vpcId: "net-vpc-id", subnet: "private" },
      { cidrBlock: "10.40.128.0/18", availabilityZone: "eu-west-1c", mapPublicIpOnLaunch: false, vpcId: "net-vpc-id", subnet: "private" },
    ]);
    expect(graph.byName("net-public-0").propertyDependencies.vpcId).toEqual([graph.byName("net-vpc").urn]);

    expect(await promiseOf(network.vpcId)).toBe("net-vpc-id");
    expect(await promiseOf(network.publicSubnetIds)).toEqual(["net-public-0-id", "net-public-1-id", "net-public-2-id"]);
    expect(await promiseOf(network.privateSubnetIds)).toEqual(["net-private-0-id", "net-private-1-id", "net-private-2-id"]);
    expect(await promiseOf(network.availabilityZones)).toEqual(["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
    expect(network.vpcCidr).toBe("10.40.0.0/16");
  });

  it("GIVEN public subnets WHEN created THEN one public route table sends 0.0.0.0/0 to the internet gateway and is associated with each", async () => {
    await build({ azCount: 2 });
    const { graph } = mocked;
    const igw = graph.byName("net-igw");
    const table = graph.byName("net-public-rt");
    expect(igw.inputs).toEqual({ vpcId: "net-vpc-id", tags: { ...TAGS, Name: "net-igw" } });
    expect(graph.byName("net-public-default").inputs).toEqual({ routeTableId: "net-public-rt-id", destinationCidrBlock: "0.0.0.0/0", gatewayId: "net-igw-id" });
    expect(graph.byName("net-public-default").propertyDependencies.gatewayId).toEqual([igw.urn]);
    expect([0, 1].map((i) => graph.byName(`net-public-rta-${i}`).inputs)).toEqual([
      { subnetId: "net-public-0-id", routeTableId: "net-public-rt-id" },
      { subnetId: "net-public-1-id", routeTableId: "net-public-rt-id" },
    ]);
    expect(graph.byName("net-public-rta-1").propertyDependencies.routeTableId).toEqual([table.urn]);
  });

  it.each([
    { natGateways: "single" as const, azCount: 2 as const, expected: 1 },
    { natGateways: "single" as const, azCount: 3 as const, expected: 1 },
    { natGateways: "per-az" as const, azCount: 2 as const, expected: 2 },
    { natGateways: "per-az" as const, azCount: 3 as const, expected: 3 },
  ])("GIVEN natGateways $natGateways over $azCount AZs WHEN created THEN there are $expected NAT gateways and EIPs", async ({ natGateways, azCount, expected }) => {
    const { network } = await build({ natGateways, azCount });
    const { graph } = mocked;
    expect(network.natGatewayCount).toBe(expected);
    const nats = graph.byType("aws:ec2/natGateway:NatGateway");
    expect(nats.map((n) => n.inputs.subnetId)).toEqual(Array.from({ length: expected }, (_, i) => `net-public-${i}-id`));
    expect(graph.byType("aws:ec2/eip:Eip").map((e) => e.inputs)).toEqual(
      Array.from({ length: expected }, (_, i) => ({ domain: "vpc", tags: { ...TAGS, Name: `net-nat-eip-${i}` } })),
    );
    expect(nats[0].inputs).toEqual({ allocationId: "net-nat-eip-0-id", subnetId: "net-public-0-id", connectivityType: "public", tags: { ...TAGS, Name: "net-nat-0" } });
    expect(nats[0].dependencies).toContain(graph.byName("net-igw").urn);
    expect(graph.byType("aws:ec2/routeTable:RouteTable")).toHaveLength(1 + azCount);
  });

  it("GIVEN per-az NAT WHEN created THEN each private route table routes 0.0.0.0/0 to the NAT in its own AZ", async () => {
    await build({ natGateways: "per-az", azCount: 3 });
    const { graph } = mocked;
    for (const i of [0, 1, 2]) {
      const route = graph.byName(`net-private-default-${i}`);
      const nat = graph.byName(`net-nat-${i}`);
      expect(route.inputs).toEqual({ routeTableId: `net-private-rt-${i}-id`, destinationCidrBlock: "0.0.0.0/0", natGatewayId: `net-nat-${i}-id` });
      expect(route.propertyDependencies.natGatewayId).toEqual([nat.urn]);
      expect(graph.byName(`net-private-rta-${i}`).inputs).toEqual({ subnetId: `net-private-${i}-id`, routeTableId: `net-private-rt-${i}-id` });
      // The NAT sits in the public subnet of the same AZ as the private subnet it serves.
      expect(nat.inputs.subnetId).toBe(`net-public-${i}-id`);
      expect(graph.byName(`net-public-${i}`).inputs.availabilityZone).toBe(graph.byName(`net-private-${i}`).inputs.availabilityZone);
    }
  });

  it("GIVEN a single NAT WHEN created THEN every private route table routes to that NAT", async () => {
    await build({ natGateways: "single", azCount: 3 });
    const { graph } = mocked;
    const nat = graph.byName("net-nat-0");
    for (const i of [0, 1, 2]) {
      expect(graph.byName(`net-private-default-${i}`).inputs.natGatewayId).toBe("net-nat-0-id");
      expect(graph.byName(`net-private-default-${i}`).propertyDependencies.natGatewayId).toEqual([nat.urn]);
    }
  });

  it("GIVEN container ports 8000 and 3000 WHEN created THEN the security groups form the chain internet → alb → services → database/cache", async () => {
    const { network } = await build();
    const { graph } = mocked;
    expect(graph.byType("aws:ec2/securityGroup:SecurityGroup").map((g) => [g.name, g.inputs.vpcId, g.inputs.ingress, g.inputs.egress])).toEqual([
      ["net-alb-sg", "net-vpc-id", undefined, undefined],
      ["net-services-sg", "net-vpc-id", undefined, undefined],
      ["net-migration-sg", "net-vpc-id", undefined, undefined],
      ["net-database-sg", "net-vpc-id", undefined, undefined],
      ["net-cache-sg", "net-vpc-id", undefined, undefined],
    ]);
    const rules = [
      ...graph.byType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"),
      ...graph.byType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"),
    ].map(ruleView);
    const sorted = rules.sort((a, b) => a.name.localeCompare(b.name));
    const rule = (name: string, direction: string, sg: string, ipProtocol: string, port: number | undefined, peer: { cidrIpv4?: string; cidrIpv6?: string; sg?: string }, description: string) => ({
      name, direction, securityGroupId: `net-${sg}-sg-id`, ipProtocol, fromPort: port, toPort: port,
      cidrIpv4: peer.cidrIpv4, cidrIpv6: peer.cidrIpv6, referencedSecurityGroupId: peer.sg && `net-${peer.sg}-sg-id`, description,
    });
    expect(sorted).toEqual([
      rule("net-alb-in-http-ipv4", "ingress", "alb", "tcp", 80, { cidrIpv4: "0.0.0.0/0" }, "HTTP from the internet (IPv4)"),
      rule("net-alb-in-http-ipv6", "ingress", "alb", "tcp", 80, { cidrIpv6: "::/0" }, "HTTP from the internet (IPv6)"),
      rule("net-alb-in-https-ipv4", "ingress", "alb", "tcp", 443, { cidrIpv4: "0.0.0.0/0" }, "HTTPS from the internet (IPv4)"),
      rule("net-alb-in-https-ipv6", "ingress", "alb", "tcp", 443, { cidrIpv6: "::/0" }, "HTTPS from the internet (IPv6)"),
      rule("net-alb-out-services-3000", "egress", "alb", "tcp", 3000, { sg: "services" }, "To the services on port 3000"),
      rule("net-alb-out-services-8000", "egress", "alb", "tcp", 8000, { sg: "services" }, "To the services on port 8000"),
      rule("net-cache-in-migration", "ingress", "cache", "tcp", 6379, { sg: "migration" }, "Port 6379 from the migration task"),
      rule("net-cache-in-services", "ingress", "cache", "tcp", 6379, { sg: "services" }, "Port 6379 from the services"),
      rule("net-database-in-migration", "ingress", "database", "tcp", 5432, { sg: "migration" }, "Port 5432 from the migration task"),
      rule("net-database-in-services", "ingress", "database", "tcp", 5432, { sg: "services" }, "Port 5432 from the services"),
      rule("net-migration-out-all", "egress", "migration", "-1", undefined, { cidrIpv4: "0.0.0.0/0" }, "All egress (image pulls, AWS APIs, data stores) via NAT"),
      rule("net-services-in-alb-3000", "ingress", "services", "tcp", 3000, { sg: "alb" }, "Port 3000 from the load balancer"),
      rule("net-services-in-alb-8000", "ingress", "services", "tcp", 8000, { sg: "alb" }, "Port 8000 from the load balancer"),
      rule("net-services-out-all", "egress", "services", "-1", undefined, { cidrIpv4: "0.0.0.0/0" }, "All egress (image pulls, AWS APIs, data stores) via NAT"),
    ]);
    // No rule lets anything into the migration group.
    expect(sorted.filter((r) => r.direction === "ingress" && r.securityGroupId === "net-migration-sg-id")).toEqual([]);
    expect(graph.byName("net-services-in-alb-8000").propertyDependencies.referencedSecurityGroupId).toEqual([graph.byName("net-alb-sg").urn]);
    expect(graph.byName("net-database-in-migration").propertyDependencies.securityGroupId).toEqual([graph.byName("net-database-sg").urn]);

    expect(await promiseOf(network.albSecurityGroupId)).toBe("net-alb-sg-id");
    expect(await promiseOf(network.serviceSecurityGroupId)).toBe("net-services-sg-id");
    expect(await promiseOf(network.migrationSecurityGroupId)).toBe("net-migration-sg-id");
    expect(await promiseOf(network.databaseSecurityGroupId)).toBe("net-database-sg-id");
    expect(await promiseOf(network.cacheSecurityGroupId)).toBe("net-cache-sg-id");
  });

  it("GIVEN duplicate container ports WHEN created THEN one rule pair is made per distinct port", async () => {
    await build({ containerPorts: [8000, 8000] });
    const names = mocked.graph.resources.map((r) => r.name).filter((n) => n.includes("alb-out") || n.includes("in-alb"));
    expect(names.sort()).toEqual(["net-alb-out-services-8000", "net-services-in-alb-8000"]);
  });

  it("GIVEN a network WHEN created THEN every child is parented to the component, taggable children carry the tags, and outputs are registered", async () => {
    const { urn } = await build({ azCount: 2, natGateways: "single" });
    const { graph } = mocked;
    const children = graph.resources.filter((r) => r.urn !== urn);
    // vpc, igw, 4 subnets, 3 route tables, 3 routes, 4 associations, 1 eip, 1 nat, 5 SGs + the default SG, 14 rules
    expect(children).toHaveLength(38);
    expect(children.filter((r) => r.parent !== urn).map((r) => r.name)).toEqual([]);
    const untaggable = new Set(["aws:ec2/route:Route", "aws:ec2/routeTableAssociation:RouteTableAssociation"]);
    for (const child of children.filter((r) => !untaggable.has(r.type))) {
      expect({ name: child.name, tags: child.inputs.tags }).toEqual({ name: child.name, tags: expect.objectContaining({ ...TAGS, Name: child.name }) });
    }
    expect(graph.componentOutputs.get(urn)).toEqual({
      vpcId: "net-vpc-id",
      vpcCidr: "10.40.0.0/16",
      availabilityZones: ["eu-west-1a", "eu-west-1b"],
      publicSubnetIds: ["net-public-0-id", "net-public-1-id"],
      privateSubnetIds: ["net-private-0-id", "net-private-1-id"],
      albSecurityGroupId: "net-alb-sg-id",
      serviceSecurityGroupId: "net-services-sg-id",
      migrationSecurityGroupId: "net-migration-sg-id",
      databaseSecurityGroupId: "net-database-sg-id",
      cacheSecurityGroupId: "net-cache-sg-id",
      natGatewayCount: 1,
    });
  });

  it("GIVEN any network WHEN created THEN the VPC's default security group is managed with no ingress and no egress rule", async () => {
    await build({ azCount: 2, natGateways: "single" });
    expect(mocked.graph.byName("net-default-sg")).toMatchObject({
      type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
      inputs: { vpcId: "net-vpc-id", ingress: [], egress: [], tags: { ...TAGS, Name: "net-default-sg" } },
    });
  });

  it("GIVEN flowLogs WHEN created THEN all traffic goes to an encrypted log group with that retention, through a role only this account's VPC Flow Logs may assume", async () => {
    const { network } = await build({ azCount: 2, natGateways: "single", flowLogs: { retentionDays: 365, kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/logs" } });
    await promiseOf(network.flowLogGroupName!);
    await new Promise((r) => setTimeout(r, 50));
    const { graph } = mocked;
    expect(graph.byName("net-flow-logs").inputs).toEqual({ retentionInDays: 365, kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/logs", tags: { ...TAGS, Name: "net-flow-logs" } });
    const flowLog = graph.byName("net-flow-log");
    expect(flowLog.inputs).toEqual({
      vpcId: "net-vpc-id",
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: "arn:aws:cloudwatch:eu-west-1:123456789012:loggroup/net-flow-logs-mock",
      iamRoleArn: "arn:aws:iam:eu-west-1:123456789012:role/net-flow-logs-role-mock",
      maxAggregationInterval: 60,
      tags: { ...TAGS, Name: "net-flow-log" },
    });
    expect(flowLog.dependencies).toContain(graph.byName("net-flow-logs-policy").urn);
    expect(JSON.parse(graph.byName("net-flow-logs-role").inputs.assumeRolePolicy as string)).toEqual({
      Version: "2012-10-17",
      Statement: [{
        Effect: "Allow",
        Principal: { Service: "vpc-flow-logs.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": "arn:aws:ec2:eu-west-1:123456789012:vpc-flow-log/*" } },
      }],
    });
    const group = "arn:aws:cloudwatch:eu-west-1:123456789012:loggroup/net-flow-logs-mock";
    expect(JSON.parse(graph.byName("net-flow-logs-policy").inputs.policy as string).Statement).toEqual([
      { Sid: "WriteFlowLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"], Resource: [group, `${group}:*`] },
      { Sid: "FindLogGroup", Effect: "Allow", Action: ["logs:DescribeLogGroups"], Resource: ["*"] },
    ]);
  });

  it("GIVEN no flowLogs WHEN created THEN there is no flow log, no log group and no flow-logs role", async () => {
    await build({ azCount: 2, natGateways: "single" });
    expect(mocked.graph.resources.filter((r) => r.name.includes("flow-log")).map((r) => r.name)).toEqual([]);
  });

  it("GIVEN explicit availability zones as an Output WHEN created THEN subnets use the first azCount of them", async () => {
    const { network } = await build({ azCount: 2, availabilityZones: pulumi.output(["eu-west-1c", "eu-west-1a", "eu-west-1b"]) });
    const { graph } = mocked;
    expect(graph.byName("net-private-0").inputs.availabilityZone).toBe("eu-west-1c");
    expect(graph.byName("net-public-1").inputs.availabilityZone).toBe("eu-west-1a");
    expect(await promiseOf(network.availabilityZones)).toEqual(["eu-west-1c", "eu-west-1a"]);
  });
});

describe("resolveNetworkArgs", () => {
  it("GIVEN valid args without tags WHEN resolved THEN tags default to {} and the layout and NAT count are derived", () => {
    const { tags, ...rest } = BASE;
    const resolved = resolveNetworkArgs({ ...rest, natGateways: "single" });
    expect(tags).toBe(TAGS);
    expect(resolved.tags).toEqual({});
    expect(resolved.natGatewayCount).toBe(1);
    expect(resolved.containerPorts).toEqual([8000, 3000]);
    expect(resolved.layout.zones.map((z) => z.privateCidr)).toEqual(["10.40.0.0/18", "10.40.64.0/18", "10.40.128.0/18"]);
  });

  it.each([
    [{ azCount: 4 as unknown as 2 }, "Network: azCount must be 2 or 3 (got 4). Set azCount to 2 or 3."],
    [{ natGateways: "none" as unknown as "single" }, 'Network: natGateways must be "single" or "per-az" (got "none").'],
    [{ containerPorts: [] }, "Network: containerPorts must hold TCP ports from 1 to 65535 (got []). Pass the ports the services listen on, e.g. [8000, 3000]."],
    [{ containerPorts: [8000, 70000] }, "Network: containerPorts must hold TCP ports from 1 to 65535 (got [8000,70000]). Pass the ports the services listen on, e.g. [8000, 3000]."],
    [
      { availabilityZones: ["eu-west-1a", "eu-west-1a", "eu-west-1b"], azCount: 3 as const },
      'Network: availabilityZones must name at least azCount (3) distinct zones (got ["eu-west-1a","eu-west-1a","eu-west-1b"]). Add zones, lower azCount, or leave availabilityZones unset to use the region\'s available zones.',
    ],
    [
      { availabilityZones: ["eu-west-1a"], azCount: 2 as const },
      'Network: availabilityZones must name at least azCount (2) distinct zones (got ["eu-west-1a"]). Add zones, lower azCount, or leave availabilityZones unset to use the region\'s available zones.',
    ],
    [{ cidr: "10.0.0.0/24" }, 'cidr "10.0.0.0/24" has prefix length /24. Allowed: /16 to /22. Use a VPC CIDR such as "10.40.0.0/16".'],
  ])("GIVEN %j WHEN resolved THEN it throws the exact message", (overrides, message) => {
    expect(() => resolveNetworkArgs({ ...BASE, ...overrides })).toThrow(new Error(message));
  });
});
