/**
 * Only the web app (and the api, when asc:app.exposeApi) take traffic from the internet.
 * @severity high
 */
import { AZURE } from "../resource-types.js";
import { lookup, show } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

/** Tag naming the asc service a container app runs (api, web, worker); components set it on every app and job. */
export const SERVICE_TAG = "asc-service";

export const containerAppsExternalIngress = defineRule({
  name: "asc-azure-containerapps-external-ingress",
  cloud: "azure",
  description: `External ingress only on allowed apps, identified by the "${SERVICE_TAG}" tag: web always, api only when asc:app.exposeApi is true, nothing else.`,
  severity: "high",
  frameworks: { azurePolicy: ["Container Apps should disable external network access"], mcsb: ["NS-2"] },
  mandatoryTiers: EVERY_TIER,
  remediation: `Set configuration.ingress.external: false on the app (internal ingress), or tag it with ${SERVICE_TAG}: "web" / "api" if it is one of those; the api takes external traffic only with asc:app.exposeApi: true.`,
  configKeys: ["app.exposeApi"],
  resourceTypes: AZURE.containerApp,
  check: (_type, props, ctx) => {
    const external = lookup(props, "configuration.ingress.external");
    if (external.state !== "set" || external.value !== true) return [];
    const service = lookup(props, `tags.${SERVICE_TAG}`);
    if (service.state === "opaque" || (service.state === "set" && service.value === "web")) return [];
    if (service.state === "missing") {
      return [`configuration.ingress.external is true, but the app has no ${SERVICE_TAG} tag; only web, and api when asc:app.exposeApi is true, may take external traffic`];
    }
    if (service.value === "api") {
      return ctx.config.app.exposeApi ? [] : ["configuration.ingress.external is true for the api, but asc:app.exposeApi is false; the api's ingress must be internal"];
    }
    return [`configuration.ingress.external is true for the ${show(service.value)} app; only web, and api when asc:app.exposeApi is true, may take external traffic`];
  },
});
