/**
 * What each Azure location asc accepts can do, and the locations that can host a production stack. Pure data and
 * the derivation from it; checked against Microsoft's documentation on {@link AZURE_CAPABILITIES_CHECKED}.
 *
 * A production stack turns on three zone features, and a location must offer all three:
 * - a zone-redundant Container Apps environment: "available in all regions that support Container Apps and
 *   availability zones" ({@link AZURE_CAPABILITY_SOURCES.containerApps});
 * - Postgres Flexible Server with zone-redundant HA **and** geo-redundant backup, the combination the capabilities
 *   API reports per location as `zoneRedundantHaAndGeoBackupSupported`
 *   ({@link AZURE_CAPABILITY_SOURCES.postgres}; some locations have one feature but not the other);
 * - Azure Managed Redis with high availability, zone-redundant "in any region that supports availability zones and
 *   where the service is available" ({@link AZURE_CAPABILITY_SOURCES.managedRedis}).
 * Container Apps and Managed Redis therefore follow the regions list's availability-zone column
 * ({@link AZURE_CAPABILITY_SOURCES.zones}); Postgres has its own table.
 *
 * Postgres marks some locations "$": new zone-redundant HA deployments are temporarily blocked there, while existing
 * HA servers stay supported. That is a capacity hold that changes without notice and may differ per subscription, so
 * it is recorded ({@link PostgresCapability.zoneRedundantHaTemporarilyBlocked}) but does not remove a location; the
 * per-subscription answer is the capabilities API, which `asc doctor` asks for a production profile (docs/azure.md).
 */
import { AZURE_LOCATIONS, type AzureLocation } from "./regions.js";

/** The day the tables below were compared with the sources. */
export const AZURE_CAPABILITIES_CHECKED = "2026-12-06";

export const AZURE_CAPABILITY_SOURCES = {
  zones: "https://learn.microsoft.com/azure/reliability/regions-list (MicrosoftDocs/reliability-docs articles/reliability/regions-list.md, ms.date 09/23/2025)",
  containerApps: "https://learn.microsoft.com/azure/reliability/reliability-container-apps#requirements",
  postgres: "https://learn.microsoft.com/azure/postgresql/flexible-server/overview#azure-regions (MicrosoftDocs/azure-databases-docs includes/regions-table.md, ms.date 11/18/2025)",
  managedRedis: "https://learn.microsoft.com/azure/reliability/reliability-managed-redis#requirements",
} as const;

export interface PostgresCapability {
  readonly zoneRedundantHa: boolean;
  readonly geoRedundantBackup: boolean;
  /** "$" in Microsoft's table: new zone-redundant HA servers are temporarily refused there. */
  readonly zoneRedundantHaTemporarilyBlocked?: boolean;
}

export interface AzureLocationCapabilities {
  /** The location has availability zones (regions list). */
  readonly availabilityZones: boolean;
  readonly postgres: PostgresCapability;
}

const pg = (zoneRedundantHa: boolean, geoRedundantBackup: boolean, blocked = false): PostgresCapability =>
  blocked ? { zoneRedundantHa, geoRedundantBackup, zoneRedundantHaTemporarilyBlocked: true } : { zoneRedundantHa, geoRedundantBackup };

/** One row per location asc accepts (regions.ts): zones, then Postgres ZR-HA / geo-backup / "$". */
export const AZURE_LOCATION_CAPABILITIES: Readonly<Record<AzureLocation, AzureLocationCapabilities>> = {
  eastus: { availabilityZones: true, postgres: pg(true, true, true) },
  eastus2: { availabilityZones: true, postgres: pg(true, true, true) },
  westus: { availabilityZones: false, postgres: pg(false, true) },
  westus2: { availabilityZones: true, postgres: pg(true, true, true) },
  westus3: { availabilityZones: true, postgres: pg(true, false) },
  centralus: { availabilityZones: true, postgres: pg(true, true) },
  northcentralus: { availabilityZones: false, postgres: pg(false, true) },
  southcentralus: { availabilityZones: true, postgres: pg(true, true, true) },
  westcentralus: { availabilityZones: false, postgres: pg(false, true) },
  canadacentral: { availabilityZones: true, postgres: pg(true, true) },
  canadaeast: { availabilityZones: false, postgres: pg(false, true) },
  brazilsouth: { availabilityZones: true, postgres: pg(true, false, true) },
  mexicocentral: { availabilityZones: true, postgres: pg(true, false, true) },
  northeurope: { availabilityZones: true, postgres: pg(true, true, true) },
  westeurope: { availabilityZones: true, postgres: pg(true, true, true) },
  uksouth: { availabilityZones: true, postgres: pg(true, true) },
  ukwest: { availabilityZones: false, postgres: pg(false, true) },
  francecentral: { availabilityZones: true, postgres: pg(true, true) },
  germanywestcentral: { availabilityZones: true, postgres: pg(true, true, true) },
  norwayeast: { availabilityZones: true, postgres: pg(true, true) },
  swedencentral: { availabilityZones: true, postgres: pg(true, true) },
  switzerlandnorth: { availabilityZones: true, postgres: pg(true, true) },
  polandcentral: { availabilityZones: true, postgres: pg(true, false) },
  italynorth: { availabilityZones: true, postgres: pg(true, false) },
  spaincentral: { availabilityZones: true, postgres: pg(true, false) },
  eastasia: { availabilityZones: true, postgres: pg(true, true, true) },
  southeastasia: { availabilityZones: true, postgres: pg(true, true, true) },
  japaneast: { availabilityZones: true, postgres: pg(true, true) },
  japanwest: { availabilityZones: true, postgres: pg(false, true) },
  koreacentral: { availabilityZones: true, postgres: pg(true, true) },
  australiaeast: { availabilityZones: true, postgres: pg(true, true) },
  australiasoutheast: { availabilityZones: false, postgres: pg(false, true) },
  centralindia: { availabilityZones: true, postgres: pg(true, true, true) },
  // Postgres lists zone-redundant HA here, but the region has no availability zones, so Container Apps and Redis cannot.
  southindia: { availabilityZones: false, postgres: pg(true, true) },
  uaenorth: { availabilityZones: true, postgres: pg(true, true) },
  qatarcentral: { availabilityZones: true, postgres: pg(true, false, true) },
  israelcentral: { availabilityZones: true, postgres: pg(true, false) },
  southafricanorth: { availabilityZones: true, postgres: pg(true, true) },
  newzealandnorth: { availabilityZones: true, postgres: pg(true, false) },
};

/** What a location lacks to host production, in words; empty when it has everything. */
export function missingProductionCapabilities(location: AzureLocation): string[] {
  const c = AZURE_LOCATION_CAPABILITIES[location];
  const missing: string[] = [];
  if (!c.availabilityZones) missing.push("availability zones (a zone-redundant Container Apps environment and zone-redundant Managed Redis)");
  if (!c.postgres.zoneRedundantHa) missing.push("Postgres zone-redundant HA");
  if (!c.postgres.geoRedundantBackup) missing.push("Postgres geo-redundant backup");
  return missing;
}

/** The locations that can host a production stack, in regions.ts order. */
export const AZURE_PRODUCTION_LOCATIONS: readonly AzureLocation[] = AZURE_LOCATIONS.filter((l) => missingProductionCapabilities(l).length === 0);
