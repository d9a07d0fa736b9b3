/**
 * A private endpoint for one Azure resource plus the DNS zone group that registers its private IP in the matching
 * private DNS zone. Not a component: a helper for components (KeyVault, Cache, ObjectStorage) that creates the
 * two resources as children of `parent`.
 */
import * as network from "@pulumi/azure-native/network/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface PrivateEndpointArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: pulumi.Input<string>;
  /** The subnet the endpoint's network interface lives in. */
  readonly subnetId: pulumi.Input<string>;
  /** Resource id of the target (vault, cache, storage account). */
  readonly targetResourceId: pulumi.Input<string>;
  /** Sub-resource of the target, e.g. `vault`, `redisEnterprise`, `blob`. */
  readonly groupId: string;
  /** Private DNS zone the endpoint's A record goes into (e.g. privatelink.vaultcore.azure.net). */
  readonly privateDnsZoneId: pulumi.Input<string>;
  readonly tags: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export interface CreatedPrivateEndpoint {
  readonly endpoint: network.PrivateEndpoint;
  readonly dnsZoneGroup: network.PrivateDnsZoneGroup;
}

/**
 * Creates `${name}` (network.PrivateEndpoint) and `${name}-dns` (network.PrivateDnsZoneGroup) under `parent`.
 * @example createPrivateEndpoint(`${name}-pe`, { ..., targetResourceId: vault.id, groupId: "vault", privateDnsZoneId }, this)
 */
export function createPrivateEndpoint(name: string, args: PrivateEndpointArgs, parent: pulumi.Resource): CreatedPrivateEndpoint {
  const endpoint = new network.PrivateEndpoint(
    name,
    {
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      subnet: { id: args.subnetId },
      privateLinkServiceConnections: [{ name: args.groupId, privateLinkServiceId: args.targetResourceId, groupIds: [args.groupId] }],
      tags: args.tags,
    },
    { parent },
  );
  const dnsZoneGroup = new network.PrivateDnsZoneGroup(
    `${name}-dns`,
    {
      resourceGroupName: args.resourceGroupName,
      privateEndpointName: endpoint.name,
      privateDnsZoneGroupName: "default",
      privateDnsZoneConfigs: [{ name: args.groupId, privateDnsZoneId: args.privateDnsZoneId }],
    },
    { parent },
  );
  return { endpoint, dnsZoneGroup };
}
