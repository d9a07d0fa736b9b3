import { containerAppsExternalIngress } from "../../../../src/policies/azure/containerapps/external-ingress.js";
import { describeRule, policyContext, withInput } from "../../../helpers/policy-rules.js";
import { CONTAINER_APP_TYPE, compliantApp } from "./fixtures.js";

const apiHidden = policyContext("production", { exposeApi: false });
const workerWithoutIngress = withInput(withInput(compliantApp, "configuration.ingress", undefined), "tags.asc-service", "worker");
const ONLY = "only web, and api when asc:app.exposeApi is true, may take external traffic";

describeRule(containerAppsExternalIngress, {
  type: CONTAINER_APP_TYPE,
  compliant: compliantApp,
  // The fixture is an external api: compliant only in dev, where the api may use its own public ingress.
  ctx: policyContext("dev"),
  passes: [
    { title: "the web app while the api is hidden", props: withInput(compliantApp, "tags.asc-service", "web"), ctx: apiHidden },
    { title: "an internal api while the api is hidden", props: withInput(compliantApp, "configuration.ingress.external", false), ctx: apiHidden },
    { title: "a worker without ingress", props: workerWithoutIngress, ctx: apiHidden },
    { title: "an unknown service tag", props: withInput(compliantApp, "tags.asc-service", "[unknown]"), ctx: apiHidden },
    { title: "unknown external flag", props: withInput(compliantApp, "configuration.ingress.external", "[unknown]"), ctx: apiHidden },
  ],
  violations: [
    {
      title: "an external api in production",
      props: compliantApp,
      ctx: policyContext("production"),
      expected: ["configuration.ingress.external is true for the api in production, which would make every path public (/metrics, /api/v1/*); outside dev the api's ingress is internal and only the contract's public paths reach it through the environment's HTTP route configuration"],
    },
    { title: "an external api while asc:app.exposeApi is false", props: compliantApp, ctx: apiHidden, expected: ["configuration.ingress.external is true for the api, but asc:app.exposeApi is false; the api's ingress must be internal"] },
    { title: "an external worker", props: withInput(compliantApp, "tags.asc-service", "worker"), expected: [`configuration.ingress.external is true for the "worker" app; ${ONLY}`] },
    { title: "an external app without service tag", props: withInput(compliantApp, "tags.asc-service", undefined), expected: [`configuration.ingress.external is true, but the app has no asc-service tag; ${ONLY}`] },
    { title: "an external app without tags", props: withInput(compliantApp, "tags", undefined), expected: [`configuration.ingress.external is true, but the app has no asc-service tag; ${ONLY}`] },
  ],
});
