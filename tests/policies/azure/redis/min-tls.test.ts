import { redisMinTls } from "../../../../src/policies/azure/redis/min-tls.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { compliantCluster, REDIS_CLUSTER_TYPE } from "./fixtures.js";

describeRule(redisMinTls, {
  type: REDIS_CLUSTER_TYPE,
  compliant: compliantCluster,
  violations: [
    { title: "TLS 1.0", props: { ...compliantCluster, minimumTlsVersion: "1.0" }, expected: ['minimumTlsVersion is "1.0"; it must be "1.2" or newer'] },
    { title: "no minimum", props: { ...compliantCluster, minimumTlsVersion: undefined }, expected: ['minimumTlsVersion is not set (the service default is not pinned); it must be "1.2" or newer'] },
  ],
});
