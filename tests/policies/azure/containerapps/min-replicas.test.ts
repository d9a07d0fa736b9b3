import { containerAppsMinReplicas } from "../../../../src/policies/azure/containerapps/min-replicas.js";
import { describeRule, withInput } from "../../../helpers/policy-rules.js";
import { CONTAINER_APP_TYPE, compliantApp } from "./fixtures.js";

describeRule(containerAppsMinReplicas, {
  type: CONTAINER_APP_TYPE,
  compliant: compliantApp,
  passes: [
    { title: "exactly 2 replicas", props: withInput(compliantApp, "template.scale.minReplicas", 2) },
    { title: "a worker without ingress on 1 replica", props: withInput(withInput(compliantApp, "configuration.ingress", undefined), "template.scale.minReplicas", 1) },
  ],
  violations: [
    { title: "1 replica", props: withInput(compliantApp, "template.scale.minReplicas", 1), expected: ["template.scale.minReplicas is 1; it must be at least 2"] },
    { title: "no scale block", props: withInput(compliantApp, "template.scale", undefined), expected: ["template.scale.minReplicas is not set (the app may scale to zero); it must be at least 2"] },
  ],
});
