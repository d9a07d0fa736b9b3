/**
 * Subnet layout for an asc VPC. Pure: splits the VPC CIDR into one public and one private subnet per AZ.
 *
 * The VPC is cut into quarters. Private subnets (tasks, database, cache) take quarter 0, 1 and 2, one per AZ,
 * so they get most of the addresses. The last quarter is cut into four sixteenths, and public subnets (ALB, NAT)
 * take sixteenths 12, 13 and 14. For a /16 that is a /18 private and a /20 public subnet per AZ; for a /22,
 * a /24 and a /26. Positions do not depend on `azCount`, so going from 2 to 3 AZs adds subnets without moving
 * the existing ones.
 */

/** The largest VPC asc lays out (AWS allows /16 at most). */
export const MIN_VPC_PREFIX_LENGTH = 16;
/** The smallest VPC asc lays out: its public subnets are /26, well above AWS's /28 minimum. */
export const MAX_VPC_PREFIX_LENGTH = 22;
/** Private subnets are a quarter of the VPC each. */
export const PRIVATE_PREFIX_DELTA = 2;
/** Public subnets are a sixteenth of the VPC each. */
export const PUBLIC_PREFIX_DELTA = 4;
/** Public subnets start at this sixteenth of the VPC (the start of the last quarter). */
const FIRST_PUBLIC_SIXTEENTH = 12;
export const MAX_AZ_COUNT = 3;

export interface Ipv4Cidr {
  /** The network address as an unsigned 32-bit integer. */
  readonly network: number;
  readonly prefixLength: number;
}

export interface ZoneSubnets {
  /** Index of the AZ in the list of zones the network uses. */
  readonly zoneIndex: number;
  readonly publicCidr: string;
  readonly privateCidr: string;
}

export interface SubnetLayout {
  readonly vpcCidr: string;
  readonly publicPrefixLength: number;
  readonly privatePrefixLength: number;
  readonly zones: readonly ZoneSubnets[];
}

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; throws when it is not an IPv4 CIDR or has host bits set. */
export function parseCidr(cidr: string): Ipv4Cidr {
  const match = IPV4_CIDR.exec(cidr);
  const octets = match ? match.slice(1, 5).map(Number) : [];
  const prefixLength = match ? Number(match[5]) : NaN;
  if (!match || octets.some((o) => o > 255) || prefixLength > 32) {
    throw new Error(`cidr ${JSON.stringify(cidr)} is not an IPv4 CIDR. Allowed: a.b.c.d/n, e.g. "10.40.0.0/16".`);
  }
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const network = address - (address % blockSize(prefixLength));
  if (network !== address) {
    throw new Error(
      `cidr ${JSON.stringify(cidr)} has host bits set. Use its network address: ${JSON.stringify(formatCidr({ network, prefixLength }))}.`,
    );
  }
  return { network, prefixLength };
}

export function formatCidr({ network, prefixLength }: Ipv4Cidr): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256);
  return `${octets.join(".")}/${prefixLength}`;
}

/** Number of addresses in a block of this prefix length. */
export function blockSize(prefixLength: number): number {
  return 2 ** (32 - prefixLength);
}

/** True when `inner` lies entirely inside `outer`. */
export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return inner.network >= outer.network && inner.network + blockSize(inner.prefixLength) <= outer.network + blockSize(outer.prefixLength);
}

/** True when the two blocks share at least one address. */
export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.network < b.network + blockSize(b.prefixLength) && b.network < a.network + blockSize(a.prefixLength);
}

/** The public and private subnet of each AZ. Throws, naming the arg, when the CIDR or AZ count is out of range. */
export function layoutSubnets(cidr: string, azCount: number): SubnetLayout {
  const vpc = parseCidr(cidr);
  if (vpc.prefixLength < MIN_VPC_PREFIX_LENGTH || vpc.prefixLength > MAX_VPC_PREFIX_LENGTH) {
    throw new Error(
      `cidr ${JSON.stringify(cidr)} has prefix length /${vpc.prefixLength}. Allowed: /${MIN_VPC_PREFIX_LENGTH} to /${MAX_VPC_PREFIX_LENGTH}. ` +
        `Use a VPC CIDR such as "10.40.0.0/16".`,
    );
  }
  if (!Number.isInteger(azCount) || azCount < 1 || azCount > MAX_AZ_COUNT) {
    throw new Error(`azCount ${azCount} is out of range. Allowed: 1 to ${MAX_AZ_COUNT}. Set azCount to 2 or 3.`);
  }
  const privatePrefixLength = vpc.prefixLength + PRIVATE_PREFIX_DELTA;
  const publicPrefixLength = vpc.prefixLength + PUBLIC_PREFIX_DELTA;
  const zones = Array.from({ length: azCount }, (_, zoneIndex) => ({
    zoneIndex,
    privateCidr: formatCidr({ network: vpc.network + zoneIndex * blockSize(privatePrefixLength), prefixLength: privatePrefixLength }),
    publicCidr: formatCidr({
      network: vpc.network + (FIRST_PUBLIC_SIXTEENTH + zoneIndex) * blockSize(publicPrefixLength),
      prefixLength: publicPrefixLength,
    }),
  }));
  return { vpcCidr: formatCidr(vpc), publicPrefixLength, privatePrefixLength, zones };
}
