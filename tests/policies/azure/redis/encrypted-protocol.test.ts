import { redisEncryptedProtocol } from "../../../../src/policies/azure/redis/encrypted-protocol.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { compliantDatabase, REDIS_DATABASE_TYPE } from "./fixtures.js";

describeRule(redisEncryptedProtocol, {
  type: REDIS_DATABASE_TYPE,
  compliant: compliantDatabase,
  passes: [{ title: "clientProtocol unset (Encrypted)", props: { ...compliantDatabase, clientProtocol: undefined } }],
  violations: [{ title: "plaintext protocol", props: { ...compliantDatabase, clientProtocol: "Plaintext" }, expected: ['clientProtocol is "Plaintext"; it must be "Encrypted"'] }],
});
