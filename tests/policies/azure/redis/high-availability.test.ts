import { redisHighAvailability } from "../../../../src/policies/azure/redis/high-availability.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { compliantCluster, REDIS_CLUSTER_TYPE } from "./fixtures.js";

describeRule(redisHighAvailability, {
  type: REDIS_CLUSTER_TYPE,
  compliant: compliantCluster,
  passes: [{ title: "highAvailability unset (Enabled)", props: { ...compliantCluster, highAvailability: undefined } }],
  violations: [{ title: "no replica", props: { ...compliantCluster, highAvailability: "Disabled" }, expected: ['highAvailability is "Disabled"; it must be "Enabled"'] }],
});
