/**
 * Apps that serve traffic tell the platform when they are alive and ready.
 * @severity medium
 */
import { AZURE } from "../resource-types.js";
import { asArray, asRecord, lookup } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

const REQUIRED_PROBES = ["Liveness", "Readiness"];

export const containerAppsProbes = defineRule({
  name: "asc-azure-containerapps-probes",
  cloud: "azure",
  description: "Every container of a container app with ingress has Liveness and Readiness probes (apps without ingress, such as the worker, are skipped).",
  severity: "medium",
  frameworks: {},
  mandatoryTiers: EVERY_TIER,
  remediation:
    'Add probes: [{ type: "Liveness", httpGet: { path: "/health", port, httpHeaders: [{ name: "Host", value: "localhost" }] } }, { type: "Readiness", httpGet: { path: "/health/ready", … } }] to each container.',
  resourceTypes: AZURE.containerApp,
  check: (_type, props) => {
    const ingress = lookup(props, "configuration.ingress");
    if (ingress.state !== "set") return [];
    const containers = lookup(props, "template.containers");
    if (containers.state === "opaque") return [];
    const list = containers.state === "set" ? asArray(containers.value) ?? [] : [];
    if (list.length === 0) return ["template.containers is not set; it must list the app's containers, each with Liveness and Readiness probes"];
    return list.flatMap((entry, i) => {
      const container = asRecord(entry);
      if (!container) return [];
      const probes = lookup(container, "probes");
      if (probes.state === "opaque") return [];
      const kinds = (asArray(probes.state === "set" ? probes.value : undefined) ?? []).map((p) => String(asRecord(p)?.type ?? "").toLowerCase());
      const missing = REQUIRED_PROBES.filter((kind) => !kinds.includes(kind.toLowerCase()));
      if (missing.length === 0) return [];
      const label = typeof container.name === "string" ? `container "${container.name}"` : `container #${i}`;
      return [`${label}: probes lack ${missing.join(" and ")}; every container behind ingress must have Liveness and Readiness probes`];
    });
  },
});
