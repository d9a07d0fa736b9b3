import { containerAppsHttpsOnly } from "../../../../src/policies/azure/containerapps/https-only.js";
import { describeRule, withInput } from "../../../helpers/policy-rules.js";
import { CONTAINER_APP_TYPE, compliantApp } from "./fixtures.js";

describeRule(containerAppsHttpsOnly, {
  type: CONTAINER_APP_TYPE,
  compliant: compliantApp,
  passes: [
    { title: "allowInsecure unset (false)", props: withInput(compliantApp, "configuration.ingress.allowInsecure", undefined) },
    { title: "an app without ingress", props: withInput(compliantApp, "configuration.ingress", undefined) },
  ],
  violations: [
    { title: "insecure ingress", props: withInput(compliantApp, "configuration.ingress.allowInsecure", true), expected: ["configuration.ingress.allowInsecure is true; it must be false"] },
  ],
});
