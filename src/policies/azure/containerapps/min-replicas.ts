/**
 * Production apps that serve traffic keep two replicas up.
 * @severity medium
 */
import { AZURE } from "../resource-types.js";
import { asNumber, expectInput, lookup } from "../../props.js";
import { defineRule, PRODUCTION_ONLY } from "../../rule.js";

export const MIN_PRODUCTION_REPLICAS = 2;

export const containerAppsMinReplicas = defineRule({
  name: "asc-azure-containerapps-min-replicas",
  cloud: "azure",
  description: `A container app with ingress keeps at least ${MIN_PRODUCTION_REPLICAS} replicas (template.scale.minReplicas; mandatory in production). Apps without ingress, such as the worker, are skipped.`,
  severity: "medium",
  frameworks: {},
  mandatoryTiers: PRODUCTION_ONLY,
  remediation: `Set template.scale.minReplicas to ${MIN_PRODUCTION_REPLICAS} or more (asc:services.<service>.replicas).`,
  configKeys: ["services.<service>.replicas"],
  resourceTypes: AZURE.containerApp,
  check: (_type, props) =>
    lookup(props, "configuration.ingress").state !== "set"
      ? []
      : expectInput(props, {
          path: "template.scale.minReplicas",
          ok: (v) => (asNumber(v) ?? 0) >= MIN_PRODUCTION_REPLICAS,
          must: `at least ${MIN_PRODUCTION_REPLICAS}`,
          missingNote: "the app may scale to zero",
        }),
});
