import { redisNoPublicNetwork } from "../../../../src/policies/azure/redis/no-public-network.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { compliantCluster, REDIS_CLUSTER_TYPE } from "./fixtures.js";

describeRule(redisNoPublicNetwork, {
  type: REDIS_CLUSTER_TYPE,
  compliant: compliantCluster,
  violations: [
    { title: "public access", props: { ...compliantCluster, publicNetworkAccess: "Enabled" }, expected: ['publicNetworkAccess is "Enabled"; it must be "Disabled"'] },
    { title: "no setting", props: { ...compliantCluster, publicNetworkAccess: undefined }, expected: ['publicNetworkAccess is not set (the property is required; an old API version left it unset); it must be "Disabled"'] },
  ],
});
