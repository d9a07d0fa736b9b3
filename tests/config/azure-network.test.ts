/** The Container Apps reserved ranges: the overlap test as properties, then the config rule that uses it. */
import fc from "fast-check";
import { cidrsOverlap, parseCidr } from "../../src/components/aws/subnet-layout.js";
import { layoutAzureSubnets } from "../../src/components/azure/subnet-layout.js";
import { CONTAINER_APPS_RESERVED_RANGES, formatIpv4, ipv4Range, rangesOverlap, reservedRangesOverlapping } from "../../src/config/azure-network.js";
import { Network } from "../../src/config/schema.js";
import { isAscUserError, type AscUserError } from "../../src/errors.js";
import { azureConfig } from "../helpers/azure-config.js";

const address = fc.integer({ min: 0, max: 2 ** 32 - 1 });
/** A network-aligned block of any prefix length. */
const block = fc.tuple(address, fc.integer({ min: 0, max: 32 })).map(([a, prefix]) => {
  const size = 2 ** (32 - prefix);
  return `${formatIpv4(a - (a % size))}/${prefix}`;
});
/** Every CIDR the schema's network.cidr accepts with host bits clear: 10/172/192 first octet, /16 to /22. */
const schemaVnet = fc.tuple(fc.constantFrom(10, 172, 192), fc.integer({ min: 0, max: 2 ** 24 - 1 }), fc.integer({ min: 16, max: 22 })).map(([first, rest, prefix]) => {
  const a = first * 2 ** 24 + rest;
  const size = 2 ** (32 - prefix);
  return `${formatIpv4(a - (a % size))}/${prefix}`;
});
/** A brute-force reference: do the two blocks share an address? (Compares the ends, not the same formula.) */
const sharesAddress = (a: string, b: string) => {
  const x = ipv4Range(a)!;
  const y = ipv4Range(b)!;
  const [lo, hi] = x.first <= y.first ? [x, y] : [y, x];
  return hi.first <= lo.last;
};

describe("rangesOverlap", () => {
  it("GIVEN two blocks THEN it is symmetric and agrees with the address-sharing reference", () => {
    fc.assert(fc.property(block, block, (a, b) => {
      const [x, y] = [ipv4Range(a)!, ipv4Range(b)!];
      expect(rangesOverlap(x, y)).toBe(rangesOverlap(y, x));
      expect(rangesOverlap(x, y)).toBe(sharesAddress(a, b));
    }), { numRuns: 2000 });
  });

  it("GIVEN a block inside another THEN they overlap; GIVEN adjacent blocks THEN they do not", () => {
    fc.assert(fc.property(block, fc.integer({ min: 0, max: 32 }), (outer, extra) => {
      const o = ipv4Range(outer)!;
      const prefix = Math.min(32, Number(outer.split("/")[1]) + extra);
      const inner = ipv4Range(`${formatIpv4(o.first)}/${prefix}`)!;
      expect(rangesOverlap(o, inner)).toBe(true);
      if (o.last < 2 ** 32 - 1) expect(rangesOverlap(o, { first: o.last + 1, last: o.last + 1 })).toBe(false);
    }));
  });

  it.each([
    ["172.30.0.0/16", ["172.30.0.0/16"]],
    ["172.28.0.0/14", ["172.30.0.0/16", "172.31.0.0/16"]],
    ["192.0.0.0/22", ["192.0.2.0/24"]],
    ["100.100.128.0/17", ["100.100.128.0/19", "100.100.160.0/19", "100.100.192.0/19"]],
    ["100.100.224.0/19", []],
    ["172.29.255.0/24", []],
    ["10.40.0.0/16", []],
  ])("GIVEN %s THEN it overlaps %j", (cidr, expected) => {
    expect(reservedRangesOverlapping(cidr)).toEqual(expected);
  });
});

describe("the VNet test stands for its subnets", () => {
  it("GIVEN any CIDR the schema accepts THEN the VNet overlaps a reserved range exactly when a subnet of asc's layout does", () => {
    fc.assert(fc.property(schemaVnet, (cidr) => {
      expect(Network.shape.cidr.safeParse(cidr).success).toBe(true);
      const layout = layoutAzureSubnets(cidr);
      const subnets = [layout.containerAppsCidr, layout.postgresCidr, layout.privateEndpointsCidr].map(parseCidr);
      const subnetHits = CONTAINER_APPS_RESERVED_RANGES.some((r) => subnets.some((s) => cidrsOverlap(s, parseCidr(r))));
      expect(reservedRangesOverlapping(cidr).length > 0).toBe(subnetHits);
    }), { numRuns: 3000 });
  });

  it.each(["172.30.0.0/16", "172.31.128.0/17", "192.0.0.0/22", "192.0.0.0/16"])("GIVEN %s (seeded: the reserved cases the random runs rarely hit) THEN a subnet overlaps and so does the VNet", (cidr) => {
    const layout = layoutAzureSubnets(cidr);
    const subnets = [layout.containerAppsCidr, layout.postgresCidr, layout.privateEndpointsCidr].map(parseCidr);
    expect(CONTAINER_APPS_RESERVED_RANGES.some((r) => subnets.some((s) => cidrsOverlap(s, parseCidr(r))))).toBe(true);
    expect(reservedRangesOverlapping(cidr).length).toBeGreaterThan(0);
  });
});

const errorOf = (fn: () => unknown): AscUserError => {
  try {
    fn();
  } catch (e) {
    if (isAscUserError(e)) return e;
    throw e;
  }
  throw new Error("expected an AscUserError");
};

describe("asc:network.cidr on Azure", () => {
  it("GIVEN a VNet in 172.31.0.0/16 THEN config refuses it, naming the ranges and a fix", () => {
    const [p] = errorOf(() => azureConfig("staging", { network: { cidr: "172.31.0.0/20" } })).problems;
    expect(p).toMatchObject({ path: "asc:network.cidr", value: "172.31.0.0/20" });
    expect(p.message).toContain("the VNet's subnets would overlap 172.31.0.0/16, which Container Apps reserves");
    expect(p.allowed).toBe(`a private /16 to /22 clear of ${CONTAINER_APPS_RESERVED_RANGES.join(", ")}`);
    expect(p.fix).toContain("10.40.0.0/16");
  });

  it("GIVEN host bits in the CIDR THEN config refuses it with the network address", () => {
    const [p] = errorOf(() => azureConfig("dev", { network: { cidr: "10.40.3.0/16" } })).problems;
    expect(p).toMatchObject({ path: "asc:network.cidr", value: "10.40.3.0/16", fix: "set asc:network.cidr to 10.40.0.0/16" });
  });

  it("GIVEN the defaults and a clear range THEN accepted", () => {
    expect(azureConfig("production").network.cidr).toBe("10.40.0.0/16");
    expect(azureConfig("staging", { network: { cidr: "172.29.0.0/16" } }).network.cidr).toBe("172.29.0.0/16");
  });
});
