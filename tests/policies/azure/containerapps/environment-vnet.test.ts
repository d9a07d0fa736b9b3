import { containerAppsEnvironmentVnet } from "../../../../src/policies/azure/containerapps/environment-vnet.js";
import { describeRule } from "../../../helpers/policy-rules.js";

const compliant = { resourceGroupName: "asc-prod", vnetConfiguration: { infrastructureSubnetId: "/subscriptions/0/.../subnets/apps", internal: false } };
const MUST = "it must be the id of the environment's infrastructure subnet";

describeRule(containerAppsEnvironmentVnet, {
  type: "azure-native:app:ManagedEnvironment",
  compliant,
  violations: [
    { title: "no VNet", props: { resourceGroupName: "asc-prod" }, expected: [`vnetConfiguration.infrastructureSubnetId is not set; ${MUST}`] },
    { title: "a VNet block without subnet", props: { vnetConfiguration: { internal: true } }, expected: [`vnetConfiguration.infrastructureSubnetId is not set; ${MUST}`] },
    { title: "an empty subnet id", props: { vnetConfiguration: { infrastructureSubnetId: "" } }, expected: [`vnetConfiguration.infrastructureSubnetId is ""; ${MUST}`] },
  ],
});
