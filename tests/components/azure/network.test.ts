import { NETWORK_TYPE, Network, PRIVATE_LINK_ZONES, resolveNetworkArgs, type NetworkArgs } from "../../../src/components/azure/network.js";
import { snapshotGraph, type GraphSnapshot } from "../../helpers/graph-snapshot.js";
import { promiseOf, usePulumiMocks } from "../../helpers/pulumi.js";

const mocked = usePulumiMocks({ region: "westeurope" });
const TAGS = { project: "asc", profile: "test", tier: "staging", "managed-by": "asc" };
const ARGS: NetworkArgs = { resourceGroupName: "rg", location: "westeurope", cidr: "10.40.0.0/16", postgresDnsZoneName: "asc.private.postgres.database.azure.com", tags: TAGS };
const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers";

describe("resolveNetworkArgs", () => {
  it("GIVEN a /16 WHEN resolved THEN the layout is attached and tags default to {}", () => {
    const { tags: _tags, ...rest } = ARGS;
    const resolved = resolveNetworkArgs(rest);
    expect(resolved.tags).toEqual({});
    expect(resolved.layout).toEqual({ vnetCidr: "10.40.0.0/16", containerAppsCidr: "10.40.0.0/18", postgresCidr: "10.40.64.0/26", privateEndpointsCidr: "10.40.64.64/26" });
  });

  it.each(["privatelink.postgres.database.azure.com", "asc.example.com"])("GIVEN the Postgres zone %s WHEN resolved THEN it is refused with the rule", (zone) => {
    expect(() => resolveNetworkArgs({ ...ARGS, postgresDnsZoneName: zone })).toThrow(
      `Network postgresDnsZoneName: ${JSON.stringify(zone)} is not a zone a VNet-integrated Flexible Server accepts; allowed: a DNS name ending in ".postgres.database.azure.com" that does not start with "privatelink.", e.g. "asc.private.postgres.database.azure.com".`,
    );
  });
});

describe("Network", () => {
  let network: Network;
  let urn: string;
  let graph: GraphSnapshot;
  beforeAll(async () => {
    network = new Network("n", ARGS);
    [urn] = await Promise.all([promiseOf(network.urn), ...Object.values(network.privateDnsZoneIds).map(promiseOf), promiseOf(network.privateEndpointsSubnetId)]);
    graph = await snapshotGraph(mocked.graph);
  });

  it("GIVEN the component WHEN created THEN every child is parented to it and the VNet spans the CIDR", () => {
    expect(graph.byName("n").type).toBe(NETWORK_TYPE);
    const children = graph.resources.filter((r) => r.urn !== urn);
    expect(children).toHaveLength(12);
    expect(children.every((r) => r.parent === urn)).toBe(true);
    // enableDdosProtection/enableVmProtection are the SDK's defaults.
    expect(graph.byName("n-vnet").inputs).toEqual({ resourceGroupName: "rg", location: "westeurope", addressSpace: { addressPrefixes: ["10.40.0.0/16"] }, enableDdosProtection: false, enableVmProtection: false, tags: TAGS });
  });

  it("GIVEN the layout WHEN subnets are created THEN Container Apps and Postgres subnets are delegated, and they are created one after another", () => {
    // The SDK's defaults for every subnet: network policies off for private endpoints, on for private link services.
    const policies = { privateEndpointNetworkPolicies: "Disabled", privateLinkServiceNetworkPolicies: "Enabled" };
    expect(graph.byName("n-container-apps").inputs).toEqual({
      resourceGroupName: "rg",
      virtualNetworkName: "n-vnet-mock",
      subnetName: "container-apps",
      addressPrefix: "10.40.0.0/18",
      delegations: [{ name: "container-apps", serviceName: "Microsoft.App/environments" }],
      ...policies,
    });
    expect(graph.byName("n-postgres").inputs).toEqual({
      resourceGroupName: "rg",
      virtualNetworkName: "n-vnet-mock",
      subnetName: "postgres",
      addressPrefix: "10.40.64.0/26",
      delegations: [{ name: "postgres", serviceName: "Microsoft.DBforPostgreSQL/flexibleServers" }],
      ...policies,
    });
    expect(graph.byName("n-private-endpoints").inputs).toEqual({
      resourceGroupName: "rg",
      virtualNetworkName: "n-vnet-mock",
      subnetName: "private-endpoints",
      addressPrefix: "10.40.64.64/26",
      ...policies,
    });
    expect(graph.byName("n-postgres").dependencies).toContain(graph.byName("n-container-apps").urn);
    expect(graph.byName("n-private-endpoints").dependencies).toContain(graph.byName("n-postgres").urn);
  });

  it("GIVEN the private DNS zones WHEN created THEN each is global, linked to the VNet without registration, and its id waits for the link", async () => {
    const zones = { postgres: "asc.private.postgres.database.azure.com", ...PRIVATE_LINK_ZONES };
    expect(zones).toEqual({
      postgres: "asc.private.postgres.database.azure.com",
      redis: "privatelink.redis.azure.net",
      blob: "privatelink.blob.core.windows.net",
      keyVault: "privatelink.vaultcore.azure.net",
    });
    for (const [key, part] of [["postgres", "postgres"], ["redis", "redis"], ["blob", "blob"], ["keyVault", "keyvault"]] as const) {
      expect(graph.byName(`n-zone-${part}`).inputs).toEqual({ resourceGroupName: "rg", privateZoneName: zones[key], location: "global", tags: TAGS });
      expect(graph.byName(`n-zone-${part}-link`).inputs).toEqual({
        resourceGroupName: "rg",
        privateZoneName: zones[key],
        location: "global",
        virtualNetwork: { id: `${SUB}/network/VirtualNetwork/n-vnet-mock` },
        registrationEnabled: false,
        tags: TAGS,
      });
      expect(await promiseOf(network.privateDnsZoneIds[key])).toBe(`${SUB}/privatedns/PrivateZone/${zones[key]}`);
    }
    expect(await promiseOf(network.containerAppsSubnetId)).toBe(`${SUB}/network/Subnet/container-apps`);
  });
});
