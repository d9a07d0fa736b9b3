/**
 * HTTPS listeners negotiate TLS 1.3 (and 1.2 at least).
 * @severity high
 */
import { AWS } from "../resource-types.js";
import { expectInput } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";
import { listenerProtocol } from "./load-balancer-kind.js";

export const RECOMMENDED_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

export const albTls13Policy = defineRule({
  name: "asc-aws-alb-tls13-policy",
  cloud: "aws",
  description: "An HTTPS listener uses a TLS 1.3 security policy (ELBSecurityPolicy-TLS13-*), which refuses TLS 1.0 and 1.1.",
  severity: "high",
  frameworks: { checkov: ["CKV_AWS_103"] },
  mandatoryTiers: EVERY_TIER,
  remediation: `Set sslPolicy: "${RECOMMENDED_TLS_POLICY}" (or another ELBSecurityPolicy-TLS13-* policy) on the HTTPS listener.`,
  resourceTypes: AWS.listener,
  check: (_type, props) =>
    listenerProtocol(props) !== "HTTPS"
      ? []
      : expectInput(props, {
          path: "sslPolicy",
          ok: (v) => typeof v === "string" && v.startsWith("ELBSecurityPolicy-TLS13-"),
          must: `a TLS 1.3 policy such as "${RECOMMENDED_TLS_POLICY}"`,
          missingNote: "the AWS default, ELBSecurityPolicy-2016-08, allows TLS 1.0",
        }),
});
