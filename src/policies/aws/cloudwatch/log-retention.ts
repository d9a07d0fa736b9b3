/**
 * Logs are not kept forever (cost) and are kept long enough (audits).
 * @severity low
 */
import { AWS } from "../resource-types.js";
import { asNumber, expectInput } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

export const cloudwatchLogRetention = defineRule({
  name: "asc-aws-cloudwatch-log-retention",
  cloud: "aws",
  description: "A CloudWatch log group sets retentionInDays.",
  severity: "low",
  frameworks: { checkov: ["CKV_AWS_66"], securityHub: ["CloudWatch.16"] },
  mandatoryTiers: EVERY_TIER,
  remediation: "Set retentionInDays on the log group (asc:logs.retentionDays).",
  configKeys: ["logs.retentionDays"],
  resourceTypes: AWS.logGroup,
  check: (_type, props) =>
    expectInput(props, {
      path: "retentionInDays",
      ok: (v) => (asNumber(v) ?? 0) > 0,
      must: "a number of days such as 30",
      missingNote: "logs are kept forever",
    }),
});
