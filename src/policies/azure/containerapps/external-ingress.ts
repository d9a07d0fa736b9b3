/**
 * Only the web app (and, in dev, the api when asc:app.exposeApi) take traffic from the internet on their own ingress.
 * Outside dev the api's public paths go through the environment's HTTP route configuration (api-public-paths.ts).
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
  description: `External ingress only on allowed apps, identified by the "${SERVICE_TAG}" tag: web always, api only in dev with asc:app.exposeApi true (outside dev its public paths go through the environment's HTTP route configuration), nothing else.`,
  severity: "high",
  frameworks: { azurePolicy: ["Container Apps should disable external network access"], mcsb: ["NS-2"] },
  mandatoryTiers: EVERY_TIER,
  remediation: `Set configuration.ingress.external: false on the app (internal ingress), or tag it with ${SERVICE_TAG}: "web" / "api" if it is one of those; the api takes external traffic on its own ingress only in dev with asc:app.exposeApi: true, and elsewhere through an HTTP route configuration that forwards only the contract's public paths.`,
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
      if (!ctx.config.app.exposeApi) return ["configuration.ingress.external is true for the api, but asc:app.exposeApi is false; the api's ingress must be internal"];
      return ctx.tier === "dev"
        ? []
        : [`configuration.ingress.external is true for the api in ${ctx.tier}, which would make every path public (/metrics, /api/v1/*); outside dev the api's ingress is internal and only the contract's public paths reach it through the environment's HTTP route configuration`];
    }
    return [`configuration.ingress.external is true for the ${show(service.value)} app; only web, and api when asc:app.exposeApi is true, may take external traffic`];
  },
});
