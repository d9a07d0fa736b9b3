import { postgresNoPublicAccess } from "../../../../src/policies/azure/postgres/no-public-access.js";
import { describeRule, withInput } from "../../../helpers/policy-rules.js";
import { compliantServer, POSTGRES_SERVER_TYPE } from "./fixtures.js";

const MUST = 'it must be "Disabled" (private endpoint), or network.delegatedSubnetResourceId must be set (VNet integration)';

describeRule(postgresNoPublicAccess, {
  type: POSTGRES_SERVER_TYPE,
  compliant: compliantServer,
  passes: [
    { title: "VNet integration", props: { ...compliantServer, network: { delegatedSubnetResourceId: "/subscriptions/0/.../subnets/db", publicNetworkAccess: "Enabled" } } },
    { title: "an unknown subnet id", props: { ...compliantServer, network: { delegatedSubnetResourceId: "[unknown]" } } },
    { title: "a lowercase disabled", props: withInput(compliantServer, "network.publicNetworkAccess", "disabled") },
  ],
  violations: [
    { title: "public access enabled", props: withInput(compliantServer, "network.publicNetworkAccess", "Enabled"), expected: [`network.publicNetworkAccess is "Enabled"; ${MUST}`] },
    { title: "an empty network block", props: { ...compliantServer, network: {} }, expected: [`network.publicNetworkAccess is not set; ${MUST}`] },
    { title: "an empty subnet id", props: { ...compliantServer, network: { delegatedSubnetResourceId: "" } }, expected: [`network.publicNetworkAccess is not set; ${MUST}`] },
    {
      title: "no network block",
      props: { ...compliantServer, network: undefined },
      expected: ['network is not set (the server takes public connections); it must set publicNetworkAccess "Disabled" or delegatedSubnetResourceId'],
    },
  ],
});
