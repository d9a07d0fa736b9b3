/**
 * The address ranges a Container Apps environment reserves, and the overlap test the config rules use. Pure.
 *
 * "Subnet address ranges can't overlap with the following ranges reserved by Azure Kubernetes Services:
 * 169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16, 192.0.2.0/24. In addition, a workload profiles environment reserves
 * 100.100.0.0/17, 100.100.128.0/19, 100.100.160.0/19, 100.100.192.0/19."
 * (https://learn.microsoft.com/azure/container-apps/custom-virtual-networks#subnet-address-range-restrictions)
 *
 * asc lays out every subnet inside the VNet's address space (src/components/azure/subnet-layout.ts), so the config
 * tests the VNet CIDR; tests/config/azure-network.test.ts checks, for every CIDR the schema accepts, that this gives
 * the same answer as testing each subnet of the layout.
 */

/** The ranges of the workload-profiles environment asc creates (the AKS ones, then its own). */
export const CONTAINER_APPS_RESERVED_RANGES = [
  "169.254.0.0/16",
  "172.30.0.0/16",
  "172.31.0.0/16",
  "192.0.2.0/24",
  "100.100.0.0/17",
  "100.100.128.0/19",
  "100.100.160.0/19",
  "100.100.192.0/19",
] as const;

/** An IPv4 block as its first and last address (unsigned 32-bit integers). */
export interface Ipv4Range {
  readonly first: number;
  readonly last: number;
  /** True when the text had bits set after the prefix (`10.40.0.1/16`). */
  readonly hostBitsSet: boolean;
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** `a.b.c.d/n` as a range; undefined when it is not an IPv4 CIDR. */
export function ipv4Range(cidr: string): Ipv4Range | undefined {
  const m = CIDR.exec(cidr);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  const first = address - (address % size);
  return { first, last: first + size - 1, hostBitsSet: first !== address };
}

/** The network address of a range, dotted (`10.40.0.0`). */
export function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join(".");
}

/** True when the two ranges share at least one address. */
export function rangesOverlap(a: Pick<Ipv4Range, "first" | "last">, b: Pick<Ipv4Range, "first" | "last">): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** The reserved ranges that a block overlaps, in list order; empty for a block clear of all of them. */
export function reservedRangesOverlapping(cidr: string): string[] {
  const block = ipv4Range(cidr);
  if (!block) return [];
  return CONTAINER_APPS_RESERVED_RANGES.filter((r) => rangesOverlap(block, ipv4Range(r)!));
}
