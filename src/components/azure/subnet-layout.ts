/**
 * Subnet layout for an asc VNet. Pure: splits the VNet CIDR into the three subnets the Azure blueprint needs.
 *
 * - Container Apps: the first block, a quarter of the VNet but never smaller than /23 (workload-profile
 *   environments need /27, and a /23 leaves room for hundreds of replicas). For a /16 that is a /18; for a /21
 *   or /22, a /23.
 * - Postgres Flexible Server (delegated): the /26 right after it (the server and its HA standby take a few addresses).
 * - Private endpoints (Key Vault, Redis, Blob): the /26 after that.
 *
 * The positions depend only on the VNet CIDR, so the layout never moves once deployed.
 */
import { blockSize, formatCidr, parseCidr } from "../aws/subnet-layout.js";

/** The largest VNet asc lays out. */
export const MIN_VNET_PREFIX_LENGTH = 16;
/** The smallest VNet asc lays out: a /23 for Container Apps plus two /26 still fit. */
export const MAX_VNET_PREFIX_LENGTH = 22;
/** Container Apps subnets are never smaller than this. */
export const CONTAINER_APPS_MAX_PREFIX_LENGTH = 23;
/** Postgres and private-endpoint subnets. */
export const SMALL_SUBNET_PREFIX_LENGTH = 26;

export interface AzureSubnetLayout {
  readonly vnetCidr: string;
  /** Delegated to Microsoft.App/environments. */
  readonly containerAppsCidr: string;
  /** Delegated to Microsoft.DBforPostgreSQL/flexibleServers. */
  readonly postgresCidr: string;
  /** Private endpoints of Key Vault, Redis and Blob storage. */
  readonly privateEndpointsCidr: string;
}

/** Throws, naming the value and the allowed range, when the CIDR is not a /16 to /22 network address. */
export function layoutAzureSubnets(cidr: string): AzureSubnetLayout {
  const vnet = parseCidr(cidr);
  if (vnet.prefixLength < MIN_VNET_PREFIX_LENGTH || vnet.prefixLength > MAX_VNET_PREFIX_LENGTH) {
    throw new Error(
      `cidr ${JSON.stringify(cidr)} has prefix length /${vnet.prefixLength}. Allowed: /${MIN_VNET_PREFIX_LENGTH} to /${MAX_VNET_PREFIX_LENGTH}. ` +
        'Use a VNet CIDR such as "10.40.0.0/16".',
    );
  }
  const appsPrefix = Math.min(CONTAINER_APPS_MAX_PREFIX_LENGTH, vnet.prefixLength + 2);
  const postgres = vnet.network + blockSize(appsPrefix);
  const endpoints = postgres + blockSize(SMALL_SUBNET_PREFIX_LENGTH);
  return {
    vnetCidr: formatCidr(vnet),
    containerAppsCidr: formatCidr({ network: vnet.network, prefixLength: appsPrefix }),
    postgresCidr: formatCidr({ network: postgres, prefixLength: SMALL_SUBNET_PREFIX_LENGTH }),
    privateEndpointsCidr: formatCidr({ network: endpoints, prefixLength: SMALL_SUBNET_PREFIX_LENGTH }),
  };
}
