/**
 * The Container Apps environment lives in asc's VNet.
 * @severity high
 */
import { AZURE } from "../resource-types.js";
import { expectInput, isNonEmptyString } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

export const containerAppsEnvironmentVnet = defineRule({
  name: "asc-azure-containerapps-environment-vnet",
  cloud: "azure",
  description: "A Container Apps environment is VNet-integrated (vnetConfiguration.infrastructureSubnetId), so apps reach Postgres, Redis and Key Vault privately.",
  severity: "high",
  frameworks: { azurePolicy: ["Container App environment should use network injection"], mcsb: ["NS-2"] },
  mandatoryTiers: EVERY_TIER,
  remediation: "Set vnetConfiguration: { infrastructureSubnetId: <subnet delegated to Microsoft.App/environments> } on the managed environment (it cannot be added later).",
  resourceTypes: AZURE.managedEnvironment,
  check: (_type, props) =>
    expectInput(props, { path: "vnetConfiguration.infrastructureSubnetId", ok: isNonEmptyString, must: "the id of the environment's infrastructure subnet" }),
});
