import { redisNonSslPortDisabled } from "../../../../src/policies/azure/redis/non-ssl-port-disabled.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { compliantRedis, REDIS_TYPE } from "./fixtures.js";

describeRule(redisNonSslPortDisabled, {
  type: REDIS_TYPE,
  compliant: compliantRedis,
  passes: [{ title: "enableNonSslPort unset (false)", props: { ...compliantRedis, enableNonSslPort: undefined } }],
  violations: [{ title: "the plaintext port open", props: { ...compliantRedis, enableNonSslPort: true }, expected: ["enableNonSslPort is true; it must be false"] }],
});
