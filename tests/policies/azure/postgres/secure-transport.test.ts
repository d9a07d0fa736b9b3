import { postgresSecureTransport } from "../../../../src/policies/azure/postgres/secure-transport.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { POSTGRES_CONFIGURATION_TYPE, serverParameter } from "./fixtures.js";

describeRule(postgresSecureTransport, {
  type: POSTGRES_CONFIGURATION_TYPE,
  compliant: serverParameter("require_secure_transport", "on"),
  passes: [
    { title: "ON in capitals", props: serverParameter("require_secure_transport", "ON") },
    { title: "another parameter", props: serverParameter("log_min_duration_statement", "500") },
    { title: "a parameter without name (autonamed)", props: { serverName: "pg", value: "off" } },
  ],
  violations: [
    { title: "secure transport off", props: serverParameter("require_secure_transport", "off"), expected: ['require_secure_transport value is "off"; it must be "on"'] },
    { title: "no value", props: serverParameter("require_secure_transport", undefined), expected: ['require_secure_transport value is not set; it must be "on"'] },
  ],
});
