/**
 * Production logs are kept at least a year, long enough for an incident investigation or an audit.
 * @severity low
 */
import { AWS } from "../resource-types.js";
import { asNumber, expectInput } from "../../props.js";
import { defineRule, PRODUCTION_ONLY } from "../../rule.js";

export const MIN_PRODUCTION_LOG_RETENTION_DAYS = 365;

export const cloudwatchProductionLogRetention = defineRule({
  name: "asc-aws-cloudwatch-production-log-retention",
  cloud: "aws",
  description: `In production a CloudWatch log group keeps its logs at least ${MIN_PRODUCTION_LOG_RETENTION_DAYS} days (0, never expire, also passes); other tiers are not checked.`,
  severity: "low",
  frameworks: { checkov: ["CKV_AWS_338"], securityHub: ["CloudWatch.16"] },
  mandatoryTiers: PRODUCTION_ONLY,
  remediation: `Set retentionInDays to ${MIN_PRODUCTION_LOG_RETENTION_DAYS} or more (asc:logs.retentionDays, which defaults to ${MIN_PRODUCTION_LOG_RETENTION_DAYS} in production).`,
  configKeys: ["logs.retentionDays"],
  resourceTypes: AWS.logGroup,
  check: (_type, props, ctx) => {
    if (ctx.tier !== "production") return [];
    return expectInput(props, {
      path: "retentionInDays",
      ok: (v) => {
        const days = asNumber(v);
        return days === 0 || (days ?? 0) >= MIN_PRODUCTION_LOG_RETENTION_DAYS;
      },
      must: `at least ${MIN_PRODUCTION_LOG_RETENTION_DAYS} days in production`,
      whenMissing: "compliant",
    });
  },
});
