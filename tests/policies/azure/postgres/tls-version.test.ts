import { postgresTlsVersion } from "../../../../src/policies/azure/postgres/tls-version.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { POSTGRES_CONFIGURATION_TYPE, serverParameter } from "./fixtures.js";

const MUST = 'it must be "TLSv1.2" or "TLSv1.3"';

describeRule(postgresTlsVersion, {
  type: POSTGRES_CONFIGURATION_TYPE,
  compliant: serverParameter("ssl_min_protocol_version", "TLSv1.2"),
  passes: [
    { title: "TLS 1.3", props: serverParameter("ssl_min_protocol_version", "TLSv1.3") },
    { title: "another parameter", props: serverParameter("require_secure_transport", "on") },
  ],
  violations: [
    { title: "TLS 1.1", props: serverParameter("ssl_min_protocol_version", "TLSv1.1"), expected: [`ssl_min_protocol_version value is "TLSv1.1"; ${MUST}`] },
    { title: "no value", props: serverParameter("ssl_min_protocol_version", undefined), expected: [`ssl_min_protocol_version value is not set; ${MUST}`] },
  ],
});
