/** ALB-only settings do not apply to network or gateway load balancers; `loadBalancerType` defaults to application. */
import { lookup } from "../../props.js";
import type { ResourceProps } from "../../rule.js";

export function isApplicationLoadBalancer(props: ResourceProps): boolean {
  const kind = lookup(props, "loadBalancerType");
  return kind.state !== "set" || kind.value === "application";
}

/** The listener's protocol; AWS uses HTTP when an ALB listener sets none. Undefined when not known yet. */
export function listenerProtocol(props: ResourceProps): string | undefined {
  const protocol = lookup(props, "protocol");
  if (protocol.state === "opaque") return undefined;
  return protocol.state === "missing" ? "HTTP" : String(protocol.value).toUpperCase();
}
