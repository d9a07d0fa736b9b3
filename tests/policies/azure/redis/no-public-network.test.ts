import { redisNoPublicNetwork } from "../../../../src/policies/azure/redis/no-public-network.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { compliantRedis, REDIS_TYPE } from "./fixtures.js";

describeRule(redisNoPublicNetwork, {
  type: REDIS_TYPE,
  compliant: compliantRedis,
  violations: [
    { title: "public access", props: { ...compliantRedis, publicNetworkAccess: "Enabled" }, expected: ['publicNetworkAccess is "Enabled"; it must be "Disabled"'] },
    { title: "no setting", props: { ...compliantRedis, publicNetworkAccess: undefined }, expected: ['publicNetworkAccess is not set (the Azure default is Enabled); it must be "Disabled"'] },
  ],
});
