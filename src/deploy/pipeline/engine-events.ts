/** Maps Pulumi engine events to pipeline events: a row per resource, warnings and errors, policy results. Pure. */
import type { EngineEvent } from "../pulumi/gateway.js";
import type { Emitter, PhaseName } from "./events.js";

export const displayName = (urn: string): string => urn.split("::").pop() ?? urn;

export function engineEventHandler(emitter: Emitter, phase: PhaseName): (event: EngineEvent) => void {
  return (event) => {
    const step = event.resourcePreEvent ?? event.resOutputsEvent ?? event.resOpFailedEvent;
    if (step && step.metadata.op !== "same") {
      const status = event.resourcePreEvent ? "started" : event.resOutputsEvent ? "done" : "failed";
      const m = step.metadata;
      emitter.emit(phase, { type: "resource", status, op: m.op, urn: m.urn, name: displayName(m.urn), resourceType: m.type });
    }
    const d = event.diagnosticEvent;
    if (d && (d.severity === "warning" || d.severity === "error")) {
      emitter.emit(phase, { type: "diagnostic", severity: d.severity, message: d.message.trim(), ...(d.urn ? { urn: d.urn } : {}) });
    }
    const p = event.policyEvent;
    if (p) emitter.emit(phase, { type: "policy", policy: p.policyName, enforcement: p.enforcementLevel, message: p.message.trim(), ...(p.resourceUrn ? { urn: p.resourceUrn } : {}) });
  };
}
