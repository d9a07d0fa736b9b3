/**
 * Apps answer HTTPS only; plain HTTP is not forwarded.
 * @severity high
 */
import { AZURE } from "../resource-types.js";
import { expectInput, isNotTrue } from "../../props.js";
import { defineRule, OUTSIDE_DEV } from "../../rule.js";

export const containerAppsHttpsOnly = defineRule({
  name: "asc-azure-containerapps-https-only",
  cloud: "azure",
  description: "A container app's ingress does not allow insecure connections (configuration.ingress.allowInsecure is false; unset means false).",
  severity: "high",
  frameworks: { azurePolicy: ["Container Apps should only be accessible over HTTPS"], mcsb: ["DP-3"] },
  mandatoryTiers: OUTSIDE_DEV,
  devOverride: "httpOnly",
  remediation: "Set configuration.ingress.allowInsecure: false; HTTP requests are then redirected to HTTPS; in dev only, asc:devOverrides.httpOnly relaxes this.",
  configKeys: ["devOverrides.httpOnly"],
  resourceTypes: AZURE.containerApp,
  check: (_type, props) =>
    expectInput(props, { path: "configuration.ingress.allowInsecure", ok: isNotTrue, must: "false", whenMissing: "compliant" }),
});
