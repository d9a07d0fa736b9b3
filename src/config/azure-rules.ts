/**
 * Azure rules about where a stack can run and which addresses it may use. Each returns the problems it finds. Pure.
 */
import type { UserProblem } from "../errors.js";
import { AZURE_CAPABILITIES_CHECKED, AZURE_PRODUCTION_LOCATIONS, missingProductionCapabilities } from "./azure-capabilities.js";
import { CONTAINER_APPS_RESERVED_RANGES, formatIpv4, ipv4Range, reservedRangesOverlapping } from "./azure-network.js";
import { AZURE_LOCATIONS, type AzureLocation } from "./regions.js";
import { ENTRA_PLACEHOLDER_OBJECT_ID, ENTRA_PRINCIPAL_TYPES, type BlueprintConfig } from "./schema.js";

/** Production turns on zone redundancy everywhere; a location without the three zone features cannot host it. */
export function checkAzureProductionLocation(c: BlueprintConfig): UserProblem[] {
  if (c.cloud !== "azure" || c.tier !== "production") return [];
  // An unknown location is reported by checkRegion already.
  if (!(AZURE_LOCATIONS as readonly string[]).includes(c.region)) return [];
  const missing = missingProductionCapabilities(c.region as AzureLocation);
  if (missing.length === 0) return [];
  return [{
    path: "asc:region",
    value: c.region,
    message: `${c.region} cannot host production: it lacks ${missing.join(", ")} (Microsoft's region tables, checked ${AZURE_CAPABILITIES_CHECKED}; see docs/azure.md)`,
    allowed: AZURE_PRODUCTION_LOCATIONS.join(", "),
    fix: `set asc:region to a location that has all three, such as ${nearestProductionLocation(c.region as AzureLocation)}; a staging or dev profile may stay in ${c.region}`,
  }];
}

/** A nearby location that can host production, for the fix (tests check each one can). */
export const NEAREST_PRODUCTION_LOCATION: Readonly<Partial<Record<AzureLocation, AzureLocation>>> = {
  westus: "westus2", westus3: "westus2", northcentralus: "centralus", westcentralus: "westus2", canadaeast: "canadacentral",
  brazilsouth: "southcentralus", mexicocentral: "southcentralus", ukwest: "uksouth", polandcentral: "germanywestcentral",
  italynorth: "switzerlandnorth", spaincentral: "francecentral", japanwest: "japaneast", australiasoutheast: "australiaeast",
  southindia: "centralindia", qatarcentral: "uaenorth", israelcentral: "uaenorth", newzealandnorth: "australiaeast",
};

function nearestProductionLocation(location: AzureLocation): AzureLocation {
  return NEAREST_PRODUCTION_LOCATION[location] ?? "westeurope";
}

/** The VNet's subnets must stay clear of the ranges Container Apps reserves (azure-network.ts). */
export function checkAzureVnetCidr(c: BlueprintConfig): UserProblem[] {
  if (c.cloud !== "azure") return [];
  const cidr = c.network.cidr;
  const block = ipv4Range(cidr);
  if (!block) return []; // the schema refuses it
  if (block.hostBitsSet) {
    const network = `${formatIpv4(block.first)}/${cidr.split("/")[1]}`;
    return [{ path: "asc:network.cidr", value: cidr, message: "has host bits set: a VNet address space is a network address", allowed: `the network address of the block, ${network}`, fix: `set asc:network.cidr to ${network}` }];
  }
  const reserved = reservedRangesOverlapping(cidr);
  if (reserved.length === 0) return [];
  return [{
    path: "asc:network.cidr",
    value: cidr,
    message: `the VNet's subnets would overlap ${reserved.join(", ")}, which Container Apps reserves; Azure refuses the environment (learn.microsoft.com/azure/container-apps/custom-virtual-networks#subnet-address-range-restrictions)`,
    allowed: `a private /16 to /22 clear of ${CONTAINER_APPS_RESERVED_RANGES.join(", ")}`,
    fix: "set asc:network.cidr to a range such as 10.40.0.0/16 (the default) that overlaps none of them and none of the networks you peer with",
  }];
}

/**
 * Production turns on Microsoft Entra authentication for Postgres beside password authentication, and that needs an
 * Entra administrator: without one no Entra identity can sign in, so the setting would do nothing
 * (https://learn.microsoft.com/azure/postgresql/flexible-server/how-to-configure-sign-in-azure-ad-authentication).
 */
export function checkAzurePostgresEntraAdmin(c: BlueprintConfig): UserProblem[] {
  if (c.cloud !== "azure" || c.tier !== "production" || c.azure.postgresEntraAdmin) return [];
  return [{
    path: "asc:azure.postgresEntraAdmin",
    message: "production turns on Microsoft Entra authentication for Postgres, which needs an Entra administrator",
    allowed: `{ objectId: <GUID>, principalName: <name>, principalType: ${ENTRA_PRINCIPAL_TYPES.join(" | ")} }`,
    fix: `set asc:azure.postgresEntraAdmin to the group that administers the database, e.g. { objectId: <az ad group show --group <name> --query id -o tsv>, principalName: <name>, principalType: Group }; the shipped azure-production profile holds the placeholder ${ENTRA_PLACEHOLDER_OBJECT_ID} to replace`,
  }];
}

/**
 * The shipped azure-production profile names its Entra administrator by a placeholder object ID, so that the offline
 * preview runs as shipped; a deploy with it would make a principal that does not exist the database's Entra
 * administrator. Checked by a run that updates the stack (deploy-time only), never by the offline preview. Pure.
 */
export function checkAzureEntraAdminPlaceholder(c: BlueprintConfig): UserProblem[] {
  if (c.cloud !== "azure" || c.azure.postgresEntraAdmin?.objectId !== ENTRA_PLACEHOLDER_OBJECT_ID) return [];
  const name = c.azure.postgresEntraAdmin.principalName;
  return [{
    path: "asc:azure.postgresEntraAdmin.objectId",
    value: ENTRA_PLACEHOLDER_OBJECT_ID,
    message: "is the placeholder of the shipped profile, not the object ID of a Microsoft Entra principal",
    allowed: "the object ID (GUID) of the Entra group, user or service principal named by principalName",
    fix: `set it to the group's object ID: az ad group show --group ${name} --query id -o tsv (for a user: az ad user show --id <upn> --query id -o tsv; for a service principal: az ad sp show --id <app id> --query id -o tsv)`,
  }];
}
