/**
 * An HTTP listener only redirects to HTTPS.
 * @severity high
 */
import { AWS } from "../resource-types.js";
import { asArray, equalsIgnoreCase, expectInput, lookup } from "../../props.js";
import { defineRule, OUTSIDE_DEV } from "../../rule.js";
import { listenerProtocol } from "./load-balancer-kind.js";

export const albHttpRedirectOnly = defineRule({
  name: "asc-aws-alb-http-redirect-only",
  cloud: "aws",
  description: "A load balancer listener on HTTP has exactly one default action: a redirect to HTTPS.",
  severity: "high",
  frameworks: { checkov: ["CKV2_AWS_20"], securityHub: ["ELB.1"] },
  mandatoryTiers: OUTSIDE_DEV,
  devOverride: "httpOnly",
  remediation:
    'Give the HTTP listener the single default action { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } } and attach forwarding rules to the HTTPS listener only; in dev only, asc:devOverrides.httpOnly relaxes this.',
  configKeys: ["devOverrides.httpOnly"],
  resourceTypes: AWS.listener,
  check: (_type, props) => {
    if (listenerProtocol(props) !== "HTTP") return [];
    const actions = lookup(props, "defaultActions");
    if (actions.state === "opaque") return [];
    const list = actions.state === "set" ? asArray(actions.value) ?? [] : [];
    if (list.length === 0) return ["defaultActions is not set; an HTTP listener must have one default action, a redirect to HTTPS"];
    if (list.length > 1) return [`defaultActions has ${list.length} actions; an HTTP listener must have only one, a redirect to HTTPS`];
    const typeProblems = expectInput(list[0], { path: "type", label: "defaultActions[0].type", ok: (v) => v === "redirect", must: '"redirect" (an HTTP listener only redirects to HTTPS)' });
    if (typeProblems.length > 0) return typeProblems;
    return expectInput(list[0], {
      path: "redirect.protocol",
      label: "defaultActions[0].redirect.protocol",
      ok: equalsIgnoreCase("HTTPS"),
      must: '"HTTPS"',
      missingNote: "the redirect keeps the request's protocol, HTTP",
    });
  },
});
