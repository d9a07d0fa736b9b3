import { storageMinTls } from "../../../../src/policies/azure/storage/min-tls.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { compliantAccount, STORAGE_ACCOUNT_TYPE } from "./fixtures.js";

describeRule(storageMinTls, {
  type: STORAGE_ACCOUNT_TYPE,
  compliant: compliantAccount,
  passes: [{ title: "TLS 1.3", props: { ...compliantAccount, minimumTlsVersion: "TLS1_3" } }],
  violations: [
    { title: "TLS 1.1", props: { ...compliantAccount, minimumTlsVersion: "TLS1_1" }, expected: ['minimumTlsVersion is "TLS1_1"; it must be "TLS1_2"'] },
    { title: "no minimum", props: { ...compliantAccount, minimumTlsVersion: undefined }, expected: ['minimumTlsVersion is not set (the Azure default is TLS1_0); it must be "TLS1_2"'] },
  ],
});
