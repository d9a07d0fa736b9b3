/**
 * The asc VPC: public and private subnets per AZ, internet and NAT routing, and the security-group chain
 * internet → ALB → services → database/cache (plus a migration group that reaches the data stores but takes no traffic).
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "./sdk.js";
import { layoutSubnets, type SubnetLayout } from "./subnet-layout.js";

export const NETWORK_TYPE = "asc:aws:Network";
export const POSTGRES_PORT = 5432;
export const REDIS_PORT = 6379;

export type NatGatewayMode = "single" | "per-az";

export interface NetworkArgs {
  /**
   * IPv4 CIDR of the VPC, /16 to /22, host bits zero. Plain, because it decides the subnets.
   * @example "10.40.0.0/16"
   */
  readonly cidr: string;
  /** Availability zones to spread subnets across. Plain, because it decides how many subnets are created. */
  readonly azCount: 2 | 3;
  /**
   * `single`: one NAT gateway in the first public subnet (cheaper; private egress fails with that AZ).
   * `per-az`: one NAT gateway per AZ, each private subnet routing through the NAT of its own AZ.
   */
  readonly natGateways: NatGatewayMode;
  /**
   * Zones to place the subnets in; the first `azCount` are used.
   * @default - the first `azCount` zones of `aws.getAvailabilityZonesOutput`, available and of zone type
   *   `availability-zone`: never a Local or Wavelength Zone (EC2 API, DescribeAvailabilityZones, filter `zone-type`)
   * @example ["eu-west-1a", "eu-west-1b"]
   */
  readonly availabilityZones?: pulumi.Input<string[]>;
  /**
   * Ports the services listen on; the ALB may reach the services on these and nothing else.
   * @example [8000, 3000]
   */
  readonly containerPorts: readonly number[];
  /**
   * Ports the services reach each other on inside the services' security group (the web calling the api over
   * Service Connect, whose proxy takes the container port).
   * @default []
   */
  readonly internalPorts?: readonly number[];
  /**
   * VPC flow logs (all traffic, accepted and rejected) to a CloudWatch log group asc creates, written through a role
   * only the VPC Flow Logs service of this account may assume.
   * @default - no flow logs
   * @example { retentionDays: 365, kmsKeyArn: logsKey.arn }
   */
  readonly flowLogs?: {
    /** One of CloudWatch Logs' retention values. */
    readonly retentionDays: number;
    /** KMS key for the log group; its key policy must let CloudWatch Logs use it. @default - CloudWatch Logs' own encryption */
    readonly kmsKeyArn?: pulumi.Input<string>;
  };
  /**
   * Tags applied to every taggable child (a `Name` tag is added per child).
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface ResolvedNetworkArgs extends Omit<NetworkArgs, "tags" | "containerPorts" | "internalPorts"> {
  readonly internalPorts: readonly number[];
  readonly tags: Readonly<Record<string, string>>;
  /** Deduplicated, in the order given. */
  readonly containerPorts: readonly number[];
  readonly layout: SubnetLayout;
  readonly natGatewayCount: number;
}

const NETWORK_DEFAULTS = { tags: {}, internalPorts: [] as readonly number[] } as const;

/** Pure: defaults, validation and the subnet layout. Throws at once, naming the arg, on bad input. */
export function resolveNetworkArgs(args: NetworkArgs): ResolvedNetworkArgs {
  const merged = { ...NETWORK_DEFAULTS, ...args };
  if (merged.azCount !== 2 && merged.azCount !== 3) {
    throw new Error(`Network: azCount must be 2 or 3 (got ${JSON.stringify(merged.azCount)}). Set azCount to 2 or 3.`);
  }
  if (merged.natGateways !== "single" && merged.natGateways !== "per-az") {
    throw new Error(`Network: natGateways must be "single" or "per-az" (got ${JSON.stringify(merged.natGateways)}).`);
  }
  const badPort = merged.containerPorts.find((p) => !Number.isInteger(p) || p < 1 || p > 65535);
  if (merged.containerPorts.length === 0 || badPort !== undefined) {
    throw new Error(
      `Network: containerPorts must hold TCP ports from 1 to 65535 (got ${JSON.stringify(merged.containerPorts)}). ` +
        "Pass the ports the services listen on, e.g. [8000, 3000].",
    );
  }
  const badInternal = merged.internalPorts.find((p) => !merged.containerPorts.includes(p));
  if (badInternal !== undefined) {
    throw new Error(`Network: internalPorts ${JSON.stringify(merged.internalPorts)} must be among containerPorts ${JSON.stringify(merged.containerPorts)}. Drop ${badInternal} or add it to containerPorts.`);
  }
  const zones = merged.availabilityZones;
  if (Array.isArray(zones) && (zones.length < merged.azCount || new Set(zones.slice(0, merged.azCount)).size < merged.azCount)) {
    throw new Error(
      `Network: availabilityZones must name at least azCount (${merged.azCount}) distinct zones (got ${JSON.stringify(zones)}). ` +
        "Add zones, lower azCount, or leave availabilityZones unset to use the region's available zones.",
    );
  }
  const layout = layoutSubnets(merged.cidr, merged.azCount);
  return {
    ...merged,
    containerPorts: [...new Set(merged.containerPorts)],
    internalPorts: [...new Set(merged.internalPorts)],
    layout,
    natGatewayCount: merged.natGateways === "per-az" ? merged.azCount : 1,
  };
}

interface SecurityGroups {
  readonly alb: aws.ec2.SecurityGroup;
  readonly services: aws.ec2.SecurityGroup;
  readonly migration: aws.ec2.SecurityGroup;
  readonly database: aws.ec2.SecurityGroup;
  readonly cache: aws.ec2.SecurityGroup;
}

/** One ingress or egress rule; exactly one of the peer fields is set. */
interface RuleSpec {
  readonly part: string;
  readonly direction: "ingress" | "egress";
  readonly group: aws.ec2.SecurityGroup;
  readonly description: string;
  readonly ipProtocol: "tcp" | "-1";
  readonly port?: number;
  readonly cidrIpv4?: string;
  readonly cidrIpv6?: string;
  readonly peer?: aws.ec2.SecurityGroup;
}

/** Only this account's VPC Flow Logs may assume the flow-logs role (confused-deputy guard). Pure. */
export function flowLogsTrustPolicy(partition: string, region: string, accountId: string): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "vpc-flow-logs.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": accountId }, ArnLike: { "aws:SourceArn": `arn:${partition}:ec2:${region}:${accountId}:vpc-flow-log/*` } },
      },
    ],
  };
}

/** What the flow-logs role may do: write streams in its own log group (listing groups cannot be scoped). Pure. */
export function flowLogsRolePolicy(logGroupArn: string): Record<string, unknown> {
  const group = logGroupArn.replace(/:\*$/, "");
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "WriteFlowLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"], Resource: [group, `${group}:*`] },
      { Sid: "FindLogGroup", Effect: "Allow", Action: ["logs:DescribeLogGroups"], Resource: ["*"] },
    ],
  };
}

export class Network extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  readonly vpcCidr: string;
  /** The zones actually used, in subnet order. */
  readonly availabilityZones: pulumi.Output<string[]>;
  readonly publicSubnetIds: pulumi.Output<string[]>;
  readonly privateSubnetIds: pulumi.Output<string[]>;
  readonly albSecurityGroupId: pulumi.Output<string>;
  readonly serviceSecurityGroupId: pulumi.Output<string>;
  readonly migrationSecurityGroupId: pulumi.Output<string>;
  readonly databaseSecurityGroupId: pulumi.Output<string>;
  readonly cacheSecurityGroupId: pulumi.Output<string>;
  readonly natGatewayCount: number;
  /** Set only with `flowLogs`. */
  readonly flowLogGroupName: pulumi.Output<string> | undefined;

  private readonly baseName: string;
  private readonly resolved: ResolvedNetworkArgs;

  constructor(name: string, args: NetworkArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(NETWORK_TYPE, name, {}, opts);
    this.baseName = name;
    this.resolved = resolveNetworkArgs(args);

    const zones = this.resolveZones();
    const vpc = this.createVpc();
    const publicSubnets = this.createSubnets(vpc, zones, "public");
    const privateSubnets = this.createSubnets(vpc, zones, "private");
    const internetGateway = this.createPublicRouting(vpc, publicSubnets);
    const natGateways = this.createNatGateways(publicSubnets, internetGateway);
    this.createPrivateRouting(vpc, privateSubnets, natGateways);
    const groups = this.createSecurityGroups(vpc);
    this.createDefaultSecurityGroup(vpc);
    const flowLogGroup = this.resolved.flowLogs ? this.createFlowLogs(vpc, this.resolved.flowLogs) : undefined;

    this.vpcId = vpc.id;
    this.vpcCidr = this.resolved.layout.vpcCidr;
    this.availabilityZones = zones;
    this.publicSubnetIds = pulumi.all(publicSubnets.map((s) => s.id));
    this.privateSubnetIds = pulumi.all(privateSubnets.map((s) => s.id));
    this.albSecurityGroupId = groups.alb.id;
    this.serviceSecurityGroupId = groups.services.id;
    this.migrationSecurityGroupId = groups.migration.id;
    this.databaseSecurityGroupId = groups.database.id;
    this.cacheSecurityGroupId = groups.cache.id;
    this.natGatewayCount = this.resolved.natGatewayCount;
    this.flowLogGroupName = flowLogGroup?.name;
    this.registerOutputs({
      flowLogGroupName: this.flowLogGroupName,
      vpcId: this.vpcId,
      vpcCidr: this.vpcCidr,
      availabilityZones: this.availabilityZones,
      publicSubnetIds: this.publicSubnetIds,
      privateSubnetIds: this.privateSubnetIds,
      albSecurityGroupId: this.albSecurityGroupId,
      serviceSecurityGroupId: this.serviceSecurityGroupId,
      migrationSecurityGroupId: this.migrationSecurityGroupId,
      databaseSecurityGroupId: this.databaseSecurityGroupId,
      cacheSecurityGroupId: this.cacheSecurityGroupId,
      natGatewayCount: this.natGatewayCount,
    });
  }

  private tags(part: string): Record<string, string> {
    return { ...this.resolved.tags, Name: `${this.baseName}-${part}` };
  }

  private resolveZones(): pulumi.Output<string[]> {
    const { azCount, availabilityZones } = this.resolved;
    const zones = availabilityZones
      ? pulumi.output(availabilityZones)
      : aws.getAvailabilityZonesOutput({ state: "available", filters: [{ name: "zone-type", values: ["availability-zone"] }] }, { parent: this }).names;
    return zones.apply((names) => {
      // Only reachable for zones given as an Output, or a region with fewer zones than azCount.
      if (names.length < azCount) throw new Error(`Network ${this.baseName}: azCount is ${azCount} but only ${names.length} zones are available: ${names.join(", ")}`);
      return names.slice(0, azCount);
    });
  }

  private createVpc(): aws.ec2.Vpc {
    return new aws.ec2.Vpc(
      `${this.baseName}-vpc`,
      { cidrBlock: this.resolved.layout.vpcCidr, enableDnsSupport: true, enableDnsHostnames: true, tags: this.tags("vpc") },
      { parent: this },
    );
  }

  private createSubnets(vpc: aws.ec2.Vpc, zones: pulumi.Output<string[]>, tier: "public" | "private"): aws.ec2.Subnet[] {
    return this.resolved.layout.zones.map(
      (zone) =>
        new aws.ec2.Subnet(
          `${this.baseName}-${tier}-${zone.zoneIndex}`,
          {
            vpcId: vpc.id,
            cidrBlock: tier === "public" ? zone.publicCidr : zone.privateCidr,
            availabilityZone: zones.apply((names) => names[zone.zoneIndex]),
            mapPublicIpOnLaunch: false,
            tags: { ...this.tags(`${tier}-${zone.zoneIndex}`), subnet: tier },
          },
          { parent: this },
        ),
    );
  }

  private createPublicRouting(vpc: aws.ec2.Vpc, publicSubnets: aws.ec2.Subnet[]): aws.ec2.InternetGateway {
    const igw = new aws.ec2.InternetGateway(`${this.baseName}-igw`, { vpcId: vpc.id, tags: this.tags("igw") }, { parent: this });
    const table = new aws.ec2.RouteTable(`${this.baseName}-public-rt`, { vpcId: vpc.id, tags: this.tags("public-rt") }, { parent: this });
    new aws.ec2.Route(
      `${this.baseName}-public-default`,
      { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id },
      { parent: this },
    );
    publicSubnets.forEach(
      (subnet, i) =>
        new aws.ec2.RouteTableAssociation(`${this.baseName}-public-rta-${i}`, { subnetId: subnet.id, routeTableId: table.id }, { parent: this }),
    );
    return igw;
  }

  private createNatGateways(publicSubnets: aws.ec2.Subnet[], igw: aws.ec2.InternetGateway): aws.ec2.NatGateway[] {
    return publicSubnets.slice(0, this.resolved.natGatewayCount).map((subnet, i) => {
      const eip = new aws.ec2.Eip(`${this.baseName}-nat-eip-${i}`, { domain: "vpc", tags: this.tags(`nat-eip-${i}`) }, { parent: this });
      return new aws.ec2.NatGateway(
        `${this.baseName}-nat-${i}`,
        // For a VPC EIP the id is its allocation id.
        { allocationId: eip.id, subnetId: subnet.id, connectivityType: "public", tags: this.tags(`nat-${i}`) },
        // A NAT gateway needs the VPC's internet gateway attached before it can route.
        { parent: this, dependsOn: [igw] },
      );
    });
  }

  /** One route table per AZ, so `per-az` keeps each AZ's egress inside it and `single` can grow into it. */
  private createPrivateRouting(vpc: aws.ec2.Vpc, privateSubnets: aws.ec2.Subnet[], natGateways: aws.ec2.NatGateway[]): void {
    privateSubnets.forEach((subnet, i) => {
      const table = new aws.ec2.RouteTable(`${this.baseName}-private-rt-${i}`, { vpcId: vpc.id, tags: this.tags(`private-rt-${i}`) }, { parent: this });
      new aws.ec2.Route(
        `${this.baseName}-private-default-${i}`,
        { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: natGateways[this.resolved.natGateways === "per-az" ? i : 0].id },
        { parent: this },
      );
      new aws.ec2.RouteTableAssociation(`${this.baseName}-private-rta-${i}`, { subnetId: subnet.id, routeTableId: table.id }, { parent: this });
    });
  }

  /**
   * Takes over the VPC's default security group and leaves it with no rules, so anything launched without a group
   * gets no traffic (AWS provider: `aws.ec2.DefaultSecurityGroup` removes every rule it is not given; Amazon VPC
   * User Guide, "Default security groups for your VPCs"; Security Hub EC2.2).
   */
  private createDefaultSecurityGroup(vpc: aws.ec2.Vpc): aws.ec2.DefaultSecurityGroup {
    return new aws.ec2.DefaultSecurityGroup(`${this.baseName}-default-sg`, { vpcId: vpc.id, ingress: [], egress: [], tags: this.tags("default-sg") }, { parent: this });
  }

  /**
   * Flow logs to CloudWatch Logs (Amazon VPC User Guide, "Publish flow logs to CloudWatch Logs" and "IAM role for
   * publishing flow logs to CloudWatch Logs"): the service assumes the role, limited by aws:SourceAccount and
   * aws:SourceArn, and writes streams in the log group asc creates.
   */
  private createFlowLogs(vpc: aws.ec2.Vpc, flowLogs: NonNullable<NetworkArgs["flowLogs"]>): aws.cloudwatch.LogGroup {
    const opts = { parent: this };
    const logGroup = new aws.cloudwatch.LogGroup(
      `${this.baseName}-flow-logs`,
      { retentionInDays: flowLogs.retentionDays, kmsKeyId: flowLogs.kmsKeyArn, tags: this.tags("flow-logs") },
      opts,
    );
    const identity = aws.getCallerIdentityOutput({}, opts);
    const region = aws.getRegionOutput({}, opts);
    const partition = aws.getPartitionOutput({}, opts);
    const role = new aws.iam.Role(
      `${this.baseName}-flow-logs-role`,
      {
        description: "VPC Flow Logs: write this VPC's flow logs to its log group",
        assumeRolePolicy: pulumi.all([identity.accountId, partition.partition, region.region]).apply(([account, partition, regionName]) => JSON.stringify(flowLogsTrustPolicy(partition, regionName, account))),
        tags: this.tags("flow-logs-role"),
      },
      opts,
    );
    const policy = new aws.iam.RolePolicy(`${this.baseName}-flow-logs-policy`, { role: role.id, policy: logGroup.arn.apply((arn) => JSON.stringify(flowLogsRolePolicy(arn))) }, opts);
    new aws.ec2.FlowLog(
      `${this.baseName}-flow-log`,
      { vpcId: vpc.id, trafficType: "ALL", logDestinationType: "cloud-watch-logs", logDestination: logGroup.arn, iamRoleArn: role.arn, maxAggregationInterval: 60, tags: this.tags("flow-log") },
      { ...opts, dependsOn: [policy] },
    );
    return logGroup;
  }

  private createSecurityGroups(vpc: aws.ec2.Vpc): SecurityGroups {
    const group = (part: string, description: string): aws.ec2.SecurityGroup =>
      new aws.ec2.SecurityGroup(`${this.baseName}-${part}-sg`, { vpcId: vpc.id, description, tags: this.tags(`${part}-sg`) }, { parent: this });
    // The AWS provider removes the default allow-all egress, so each group only has the rules below.
    const groups: SecurityGroups = {
      alb: group("alb", "asc load balancer: HTTP(S) from the internet"),
      services: group("services", "asc services: container ports from the load balancer"),
      migration: group("migration", "asc migration task: no ingress"),
      database: group("database", "asc Postgres: from services and migrations"),
      cache: group("cache", "asc Redis: from services and migrations"),
    };
    for (const spec of this.securityRules(groups)) this.createRule(spec);
    return groups;
  }

  private securityRules(g: SecurityGroups): RuleSpec[] {
    type Peer = Pick<RuleSpec, "cidrIpv4" | "cidrIpv6" | "peer">;
    const tcp = (part: string, direction: RuleSpec["direction"], group: aws.ec2.SecurityGroup, port: number, peer: Peer, description: string): RuleSpec =>
      ({ part, direction, group, ipProtocol: "tcp", port, ...peer, description });
    const internet = (port: number, label: string): RuleSpec[] => [
      tcp(`alb-in-${label}-ipv4`, "ingress", g.alb, port, { cidrIpv4: "0.0.0.0/0" }, `${label.toUpperCase()} from the internet (IPv4)`),
      tcp(`alb-in-${label}-ipv6`, "ingress", g.alb, port, { cidrIpv6: "::/0" }, `${label.toUpperCase()} from the internet (IPv6)`),
    ];
    const fromServicesAndMigrations = (to: "database" | "cache", port: number): RuleSpec[] => [
      tcp(`${to}-in-services`, "ingress", g[to], port, { peer: g.services }, `Port ${port} from the services`),
      tcp(`${to}-in-migration`, "ingress", g[to], port, { peer: g.migration }, `Port ${port} from the migration task`),
    ];
    const allEgress = (from: "services" | "migration"): RuleSpec => ({
      part: `${from}-out-all`, direction: "egress", group: g[from], ipProtocol: "-1", cidrIpv4: "0.0.0.0/0",
      description: "All egress (image pulls, AWS APIs, data stores) via NAT",
    });
    const ports = this.resolved.containerPorts;
    return [
      ...internet(443, "https"),
      ...internet(80, "http"),
      ...ports.map((port) => tcp(`alb-out-services-${port}`, "egress", g.alb, port, { peer: g.services }, `To the services on port ${port}`)),
      ...ports.map((port) => tcp(`services-in-alb-${port}`, "ingress", g.services, port, { peer: g.alb }, `Port ${port} from the load balancer`)),
      ...this.resolved.internalPorts.map((port) => tcp(`services-in-services-${port}`, "ingress", g.services, port, { peer: g.services }, `Port ${port} between the services (Service Connect)`)),
      allEgress("services"),
      allEgress("migration"),
      ...fromServicesAndMigrations("database", POSTGRES_PORT),
      ...fromServicesAndMigrations("cache", REDIS_PORT),
    ];
  }

  private createRule(spec: RuleSpec): void {
    const ruleArgs: aws.vpc.SecurityGroupIngressRuleArgs = {
      securityGroupId: spec.group.id,
      description: spec.description,
      ipProtocol: spec.ipProtocol,
      fromPort: spec.port,
      toPort: spec.port,
      cidrIpv4: spec.cidrIpv4,
      cidrIpv6: spec.cidrIpv6,
      referencedSecurityGroupId: spec.peer?.id,
      tags: this.tags(spec.part),
    };
    const name = `${this.baseName}-${spec.part}`;
    if (spec.direction === "ingress") new aws.vpc.SecurityGroupIngressRule(name, ruleArgs, { parent: this });
    else new aws.vpc.SecurityGroupEgressRule(name, ruleArgs, { parent: this });
  }
}
