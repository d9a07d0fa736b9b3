import { redisMinTls } from "../../../../src/policies/azure/redis/min-tls.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { compliantRedis, REDIS_TYPE } from "./fixtures.js";

describeRule(redisMinTls, {
  type: REDIS_TYPE,
  compliant: compliantRedis,
  violations: [
    { title: "TLS 1.0", props: { ...compliantRedis, minimumTlsVersion: "1.0" }, expected: ['minimumTlsVersion is "1.0"; it must be "1.2" or newer'] },
    { title: "no minimum", props: { ...compliantRedis, minimumTlsVersion: undefined }, expected: ['minimumTlsVersion is not set (older caches accept TLS 1.0); it must be "1.2" or newer'] },
  ],
});
