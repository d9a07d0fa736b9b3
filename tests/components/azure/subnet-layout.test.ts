import fc from "fast-check";
import { cidrContains, cidrsOverlap, parseCidr } from "../../../src/components/aws/subnet-layout.js";
import { layoutAzureSubnets } from "../../../src/components/azure/subnet-layout.js";

describe("layoutAzureSubnets", () => {
  it.each([
    { cidr: "10.40.0.0/16", apps: "10.40.0.0/18", postgres: "10.40.64.0/26", endpoints: "10.40.64.64/26" },
    { cidr: "172.16.0.0/20", apps: "172.16.0.0/22", postgres: "172.16.4.0/26", endpoints: "172.16.4.64/26" },
    { cidr: "10.1.0.0/21", apps: "10.1.0.0/23", postgres: "10.1.2.0/26", endpoints: "10.1.2.64/26" },
    { cidr: "192.168.4.0/22", apps: "192.168.4.0/23", postgres: "192.168.6.0/26", endpoints: "192.168.6.64/26" },
  ])("GIVEN $cidr WHEN laid out THEN the subnets are exactly these", ({ cidr, apps, postgres, endpoints }) => {
    expect(layoutAzureSubnets(cidr)).toEqual({ vnetCidr: cidr, containerAppsCidr: apps, postgresCidr: postgres, privateEndpointsCidr: endpoints });
  });

  it.each([
    ["10.0.0.0/15", 'cidr "10.0.0.0/15" has prefix length /15. Allowed: /16 to /22. Use a VNet CIDR such as "10.40.0.0/16".'],
    ["10.0.0.0/23", 'cidr "10.0.0.0/23" has prefix length /23. Allowed: /16 to /22. Use a VNet CIDR such as "10.40.0.0/16".'],
    ["10.0.0.1/16", 'cidr "10.0.0.1/16" has host bits set. Use its network address: "10.0.0.0/16".'],
    ["not-a-cidr", 'cidr "not-a-cidr" is not an IPv4 CIDR. Allowed: a.b.c.d/n, e.g. "10.40.0.0/16".'],
  ])("GIVEN %s WHEN laid out THEN it throws the exact message", (cidr, message) => {
    expect(() => layoutAzureSubnets(cidr)).toThrow(message);
  });

  it("GIVEN any /16 to /22 VNet WHEN laid out THEN the subnets lie inside it, never overlap, and Container Apps gets /23 or larger", () => {
    const vnets = fc
      .tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 16, max: 22 }))
      .map(([address, prefix]) => {
        const size = 2 ** (32 - prefix);
        const network = address - (address % size);
        const octets = [24, 16, 8, 0].map((s) => Math.floor(network / 2 ** s) % 256);
        return `${octets.join(".")}/${prefix}`;
      });
    fc.assert(
      fc.property(vnets, (cidr) => {
        const layout = layoutAzureSubnets(cidr);
        const vnet = parseCidr(layout.vnetCidr);
        const subnets = [layout.containerAppsCidr, layout.postgresCidr, layout.privateEndpointsCidr].map(parseCidr);
        for (const s of subnets) expect(cidrContains(vnet, s)).toBe(true);
        expect(cidrsOverlap(subnets[0], subnets[1]) || cidrsOverlap(subnets[0], subnets[2]) || cidrsOverlap(subnets[1], subnets[2])).toBe(false);
        expect(subnets[0].prefixLength).toBeLessThanOrEqual(23);
      }),
    );
  });
});
