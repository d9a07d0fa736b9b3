import fc from "fast-check";
import {
  blockSize,
  cidrContains,
  cidrsOverlap,
  formatCidr,
  layoutSubnets,
  parseCidr,
} from "../../../src/components/aws/subnet-layout.js";

describe("layoutSubnets", () => {
  it.each([
    {
      cidr: "10.40.0.0/16",
      azCount: 3,
      privateCidrs: ["10.40.0.0/18", "10.40.64.0/18", "10.40.128.0/18"],
      publicCidrs: ["10.40.192.0/20", "10.40.208.0/20", "10.40.224.0/20"],
    },
    {
      cidr: "10.40.0.0/16",
      azCount: 2,
      privateCidrs: ["10.40.0.0/18", "10.40.64.0/18"],
      publicCidrs: ["10.40.192.0/20", "10.40.208.0/20"],
    },
    {
      cidr: "172.16.0.0/20",
      azCount: 3,
      privateCidrs: ["172.16.0.0/22", "172.16.4.0/22", "172.16.8.0/22"],
      publicCidrs: ["172.16.12.0/24", "172.16.13.0/24", "172.16.14.0/24"],
    },
    {
      cidr: "192.168.4.0/22",
      azCount: 3,
      privateCidrs: ["192.168.4.0/24", "192.168.5.0/24", "192.168.6.0/24"],
      publicCidrs: ["192.168.7.0/26", "192.168.7.64/26", "192.168.7.128/26"],
    },
    {
      cidr: "10.1.128.0/17",
      azCount: 2,
      privateCidrs: ["10.1.128.0/19", "10.1.160.0/19"],
      publicCidrs: ["10.1.224.0/21", "10.1.232.0/21"],
    },
  ])("GIVEN $cidr and $azCount AZs WHEN laid out THEN private and public subnets are exactly these", ({ cidr, azCount, privateCidrs, publicCidrs }) => {
    const layout = layoutSubnets(cidr, azCount);
    expect(layout.vpcCidr).toBe(cidr);
    expect(layout.zones.map((z) => z.privateCidr)).toEqual(privateCidrs);
    expect(layout.zones.map((z) => z.publicCidr)).toEqual(publicCidrs);
    expect(layout.zones.map((z) => z.zoneIndex)).toEqual(privateCidrs.map((_, i) => i));
  });

  it("GIVEN a /16 WHEN laid out THEN private subnets are /18 and public subnets /20", () => {
    const layout = layoutSubnets("10.0.0.0/16", 3);
    expect(layout.privatePrefixLength).toBe(18);
    expect(layout.publicPrefixLength).toBe(20);
  });

  it.each([
    ["10.0.0.0/15", 2, 'cidr "10.0.0.0/15" has prefix length /15. Allowed: /16 to /22. Use a VPC CIDR such as "10.40.0.0/16".'],
    ["10.0.0.0/23", 2, 'cidr "10.0.0.0/23" has prefix length /23. Allowed: /16 to /22. Use a VPC CIDR such as "10.40.0.0/16".'],
    ["10.0.0.1/16", 2, 'cidr "10.0.0.1/16" has host bits set. Use its network address: "10.0.0.0/16".'],
    ["10.0.0.0", 2, 'cidr "10.0.0.0" is not an IPv4 CIDR. Allowed: a.b.c.d/n, e.g. "10.40.0.0/16".'],
    ["10.0.300.0/16", 2, 'cidr "10.0.300.0/16" is not an IPv4 CIDR. Allowed: a.b.c.d/n, e.g. "10.40.0.0/16".'],
    ["10.0.0.0/16", 4, "azCount 4 is out of range. Allowed: 1 to 3. Set azCount to 2 or 3."],
    ["10.0.0.0/16", 0, "azCount 0 is out of range. Allowed: 1 to 3. Set azCount to 2 or 3."],
  ])("GIVEN cidr %s and azCount %d WHEN laid out THEN it throws the exact message", (cidr, azCount, message) => {
    expect(() => layoutSubnets(cidr, azCount)).toThrow(new Error(message));
  });

  it("GIVEN a VPC WHEN a third AZ is added THEN the subnets of the first two AZs do not move", () => {
    const two = layoutSubnets("10.40.0.0/16", 2);
    const three = layoutSubnets("10.40.0.0/16", 3);
    expect(three.zones.slice(0, 2)).toEqual(two.zones);
  });
});

describe("layoutSubnets properties", () => {
  const vpcArb = fc
    .record({
      address: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      prefixLength: fc.integer({ min: 16, max: 22 }),
      azCount: fc.integer({ min: 2, max: 3 }),
    })
    .map(({ address, prefixLength, azCount }) => ({
      cidr: formatCidr({ network: address - (address % blockSize(prefixLength)), prefixLength }),
      azCount,
    }));

  it("GIVEN any /16–/22 VPC and 2–3 AZs WHEN laid out THEN every subnet lies inside the VPC and no two subnets overlap", () => {
    fc.assert(
      fc.property(vpcArb, ({ cidr, azCount }) => {
        const layout = layoutSubnets(cidr, azCount);
        const vpc = parseCidr(cidr);
        const subnets = layout.zones.flatMap((z) => [parseCidr(z.publicCidr), parseCidr(z.privateCidr)]);
        expect(subnets).toHaveLength(2 * azCount);
        for (const subnet of subnets) expect(cidrContains(vpc, subnet)).toBe(true);
        for (let i = 0; i < subnets.length; i++) {
          for (let j = i + 1; j < subnets.length; j++) expect(cidrsOverlap(subnets[i], subnets[j])).toBe(false);
        }
      }),
    );
  });

  it("GIVEN any VPC WHEN laid out twice THEN the layout is the same and private subnets are larger than public ones", () => {
    fc.assert(
      fc.property(vpcArb, ({ cidr, azCount }) => {
        const layout = layoutSubnets(cidr, azCount);
        expect(layoutSubnets(cidr, azCount)).toEqual(layout);
        expect(layout.privatePrefixLength).toBeLessThan(layout.publicPrefixLength);
        expect(layout.publicPrefixLength).toBeLessThanOrEqual(28);
      }),
    );
  });

  it("GIVEN any network address WHEN formatted and parsed THEN it round-trips", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 32 }), (address, prefixLength) => {
        const cidr = { network: address - (address % blockSize(prefixLength)), prefixLength };
        expect(parseCidr(formatCidr(cidr))).toEqual(cidr);
      }),
    );
  });
});

describe("cidrsOverlap and cidrContains", () => {
  it.each([
    ["10.0.0.0/24", "10.0.1.0/24", false],
    ["10.0.0.0/23", "10.0.1.0/24", true],
    ["10.0.0.0/24", "10.0.0.128/25", true],
  ])("GIVEN %s and %s WHEN compared THEN overlap is %s", (a, b, overlap) => {
    expect(cidrsOverlap(parseCidr(a), parseCidr(b))).toBe(overlap);
    expect(cidrsOverlap(parseCidr(b), parseCidr(a))).toBe(overlap);
  });

  it.each([
    ["10.0.0.0/16", "10.0.255.0/24", true],
    ["10.0.0.0/16", "10.1.0.0/24", false],
    ["10.0.0.0/24", "10.0.0.0/23", false],
  ])("GIVEN %s and %s WHEN checked THEN containment is %s", (outer, inner, contained) => {
    expect(cidrContains(parseCidr(outer), parseCidr(inner))).toBe(contained);
  });
});
