/**
 * The Postgres server is reachable only from asc's network.
 * @severity critical
 */
import { AZURE } from "../resource-types.js";
import { equalsIgnoreCase, isNonEmptyString, lookup, show } from "../../props.js";
import { defineRule, OUTSIDE_DEV } from "../../rule.js";

const MUST = 'it must be "Disabled" (private endpoint), or network.delegatedSubnetResourceId must be set (VNet integration)';

export const postgresNoPublicAccess = defineRule({
  name: "asc-azure-postgres-no-public-access",
  cloud: "azure",
  description: 'A Postgres flexible server takes no public connections: network.publicNetworkAccess is "Disabled" or the server is in a delegated subnet.',
  severity: "critical",
  frameworks: { azurePolicy: ["Public network access should be disabled for PostgreSQL flexible servers"], mcsb: ["NS-2"] },
  mandatoryTiers: OUTSIDE_DEV,
  devOverride: "publicDatabase",
  remediation:
    'Set network: { delegatedSubnetResourceId, privateDnsZoneArmResourceId } (VNet integration) or network.publicNetworkAccess: "Disabled" with a private endpoint; in dev only, asc:devOverrides.publicDatabase relaxes this.',
  configKeys: ["devOverrides.publicDatabase"],
  resourceTypes: AZURE.postgresServer,
  check: (_type, props) => {
    const network = lookup(props, "network");
    if (network.state === "opaque") return [];
    if (network.state === "missing") return ['network is not set (the server takes public connections); it must set publicNetworkAccess "Disabled" or delegatedSubnetResourceId'];
    const subnet = lookup(props, "network.delegatedSubnetResourceId");
    const access = lookup(props, "network.publicNetworkAccess");
    if (subnet.state === "opaque" || access.state === "opaque") return [];
    if (subnet.state === "set" && isNonEmptyString(subnet.value)) return [];
    if (access.state === "set" && equalsIgnoreCase("Disabled")(access.value)) return [];
    return [access.state === "missing" ? `network.publicNetworkAccess is not set; ${MUST}` : `network.publicNetworkAccess is ${show(access.value)}; ${MUST}`];
  },
});
