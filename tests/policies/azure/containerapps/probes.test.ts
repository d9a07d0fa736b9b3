import { containerAppsProbes } from "../../../../src/policies/azure/containerapps/probes.js";
import { describeRule, withInput } from "../../../helpers/policy-rules.js";
import { CONTAINER_APP_TYPE, compliantApp } from "./fixtures.js";

const MUST = "every container behind ingress must have Liveness and Readiness probes";

describeRule(containerAppsProbes, {
  type: CONTAINER_APP_TYPE,
  compliant: compliantApp,
  passes: [
    { title: "a worker without ingress or probes", props: withInput(withInput(compliantApp, "configuration.ingress", undefined), "template.containers[0].probes", undefined) },
    { title: "unknown probes", props: withInput(compliantApp, "template.containers[0].probes", "[unknown]") },
    { title: "unknown containers", props: withInput(compliantApp, "template.containers", "[unknown]") },
  ],
  violations: [
    { title: "no probes", props: withInput(compliantApp, "template.containers[0].probes", undefined), expected: [`container "api": probes lack Liveness and Readiness; ${MUST}`] },
    {
      title: "only a startup and a liveness probe",
      props: withInput(compliantApp, "template.containers[0].probes", [{ type: "Startup" }, { type: "liveness" }]),
      expected: [`container "api": probes lack Readiness; ${MUST}`],
    },
    { title: "no containers", props: withInput(compliantApp, "template", undefined), expected: ["template.containers is not set; it must list the app's containers, each with Liveness and Readiness probes"] },
  ],
});
