/**
 * The asc VNet: a delegated subnet for the Container Apps environment, a delegated subnet for Postgres Flexible
 * Server, a subnet for private endpoints, and the private DNS zones (linked to the VNet) that make Postgres,
 * Redis, Blob storage and Key Vault resolve to private addresses from inside it.
 */
import * as network from "@pulumi/azure-native/network/index.js";
import * as privatedns from "@pulumi/azure-native/privatedns/index.js";
import * as pulumi from "@pulumi/pulumi";
import { definedOnly } from "./args.js";
import { layoutAzureSubnets, type AzureSubnetLayout } from "./subnet-layout.js";

export const NETWORK_TYPE = "asc:azure:Network";

/** The private DNS zones of the services asc reaches through private endpoints (Azure public cloud). */
export const PRIVATE_LINK_ZONES = {
  /** Azure Managed Redis (`Microsoft.Cache/redisEnterprise`, sub-resource `redisEnterprise`). */
  redis: "privatelink.redis.azure.net",
  blob: "privatelink.blob.core.windows.net",
  keyVault: "privatelink.vaultcore.azure.net",
} as const;

export type PrivateDnsZoneKey = keyof typeof PRIVATE_LINK_ZONES | "postgres";

export interface NetworkArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  /** Azure location of the VNet. @example "westeurope" */
  readonly location: string;
  /**
   * Address space of the VNet, /16 to /22, host bits zero. Plain, because it decides the subnets.
   * @example "10.40.0.0/16"
   */
  readonly cidr: string;
  /**
   * Private DNS zone of the VNet-integrated Postgres server. It must end in `.postgres.database.azure.com`.
   * @example "asc-prod.private.postgres.database.azure.com"
   */
  readonly postgresDnsZoneName: string;
  /** Tags for every taggable child. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface ResolvedNetworkArgs extends Omit<NetworkArgs, "tags"> {
  readonly tags: Readonly<Record<string, string>>;
  readonly layout: AzureSubnetLayout;
}

/** Defaults, validation and the subnet layout. Throws at once, naming the arg. Pure. */
export function resolveNetworkArgs(args: NetworkArgs): ResolvedNetworkArgs {
  const resolved = { tags: {}, ...definedOnly(args) } as NetworkArgs & { tags: Readonly<Record<string, string>> };
  if (!/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+postgres\.database\.azure\.com$/.test(resolved.postgresDnsZoneName) || resolved.postgresDnsZoneName.startsWith("privatelink.")) {
    throw new Error(
      `Network postgresDnsZoneName: ${JSON.stringify(resolved.postgresDnsZoneName)} is not a zone a VNet-integrated Flexible Server accepts; ` +
        'allowed: a DNS name ending in ".postgres.database.azure.com" that does not start with "privatelink.", e.g. "asc.private.postgres.database.azure.com".',
    );
  }
  return { ...resolved, layout: layoutAzureSubnets(resolved.cidr) };
}

export class Network extends pulumi.ComponentResource {
  readonly vnetId: pulumi.Output<string>;
  readonly vnetName: pulumi.Output<string>;
  readonly layout: AzureSubnetLayout;
  readonly containerAppsSubnetId: pulumi.Output<string>;
  readonly postgresSubnetId: pulumi.Output<string>;
  readonly privateEndpointsSubnetId: pulumi.Output<string>;
  /**
   * Zone ids by service. Each resolves only once the zone is linked to the VNet, so a server or endpoint that
   * uses it is created after the link (a Flexible Server refuses a zone the VNet cannot resolve).
   */
  readonly privateDnsZoneIds: Readonly<Record<PrivateDnsZoneKey, pulumi.Output<string>>>;

  constructor(name: string, args: NetworkArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(NETWORK_TYPE, name, {}, opts);
    const resolved = resolveNetworkArgs(args);

    const vnet = new network.VirtualNetwork(
      `${name}-vnet`,
      { resourceGroupName: resolved.resourceGroupName, location: resolved.location, addressSpace: { addressPrefixes: [resolved.layout.vnetCidr] }, tags: resolved.tags },
      { parent: this },
    );
    const subnets = this.createSubnets(name, resolved, vnet);
    const zones = {
      postgres: this.createZone(`${name}-zone-postgres`, resolved.postgresDnsZoneName, resolved, vnet),
      redis: this.createZone(`${name}-zone-redis`, PRIVATE_LINK_ZONES.redis, resolved, vnet),
      blob: this.createZone(`${name}-zone-blob`, PRIVATE_LINK_ZONES.blob, resolved, vnet),
      keyVault: this.createZone(`${name}-zone-keyvault`, PRIVATE_LINK_ZONES.keyVault, resolved, vnet),
    };

    this.vnetId = vnet.id;
    this.vnetName = vnet.name;
    this.layout = resolved.layout;
    this.containerAppsSubnetId = subnets.containerApps.id;
    this.postgresSubnetId = subnets.postgres.id;
    this.privateEndpointsSubnetId = subnets.privateEndpoints.id;
    this.privateDnsZoneIds = zones;
    this.registerOutputs({
      vnetId: this.vnetId,
      vnetName: this.vnetName,
      containerAppsSubnetId: this.containerAppsSubnetId,
      postgresSubnetId: this.postgresSubnetId,
      privateEndpointsSubnetId: this.privateEndpointsSubnetId,
      privateDnsZoneIds: this.privateDnsZoneIds,
    });
  }

  /** Created one after another: Azure refuses concurrent changes to subnets of one VNet. */
  private createSubnets(name: string, args: ResolvedNetworkArgs, vnet: network.VirtualNetwork) {
    const common = { resourceGroupName: args.resourceGroupName, virtualNetworkName: vnet.name };
    const containerApps = new network.Subnet(
      `${name}-container-apps`,
      {
        ...common,
        subnetName: "container-apps",
        addressPrefix: args.layout.containerAppsCidr,
        delegations: [{ name: "container-apps", serviceName: "Microsoft.App/environments" }],
      },
      { parent: this },
    );
    const postgres = new network.Subnet(
      `${name}-postgres`,
      {
        ...common,
        subnetName: "postgres",
        addressPrefix: args.layout.postgresCidr,
        delegations: [{ name: "postgres", serviceName: "Microsoft.DBforPostgreSQL/flexibleServers" }],
      },
      { parent: this, dependsOn: [containerApps] },
    );
    const privateEndpoints = new network.Subnet(
      `${name}-private-endpoints`,
      { ...common, subnetName: "private-endpoints", addressPrefix: args.layout.privateEndpointsCidr, privateEndpointNetworkPolicies: "Disabled" },
      { parent: this, dependsOn: [postgres] },
    );
    return { containerApps, postgres, privateEndpoints };
  }

  private createZone(logicalName: string, zoneName: string, args: ResolvedNetworkArgs, vnet: network.VirtualNetwork): pulumi.Output<string> {
    const zone = new privatedns.PrivateZone(logicalName, { resourceGroupName: args.resourceGroupName, privateZoneName: zoneName, location: "global", tags: args.tags }, { parent: this });
    const link = new privatedns.VirtualNetworkLink(
      `${logicalName}-link`,
      {
        resourceGroupName: args.resourceGroupName,
        privateZoneName: zone.name,
        location: "global",
        virtualNetwork: { id: vnet.id },
        registrationEnabled: false,
        tags: args.tags,
      },
      { parent: this },
    );
    return pulumi.all([zone.id, link.id]).apply(([id]) => id);
  }
}
