/**
 * The production database reports OS metrics (CPU, memory, file system, processes) through Enhanced Monitoring.
 * @severity low
 */
import { AWS } from "../resource-types.js";
import { asNumber, expectInput, isNonEmptyString, lookup } from "../../props.js";
import { defineRule, PRODUCTION_ONLY } from "../../rule.js";

export const rdsEnhancedMonitoring = defineRule({
  name: "asc-aws-rds-enhanced-monitoring",
  cloud: "aws",
  description: "An RDS instance runs Enhanced Monitoring: monitoringInterval above 0 with a monitoringRoleArn (mandatory in production).",
  severity: "low",
  frameworks: { checkov: ["CKV_AWS_118"], securityHub: ["RDS.6"] },
  mandatoryTiers: PRODUCTION_ONLY,
  remediation: "Set monitoringInterval to 1, 5, 10, 15, 30 or 60 and monitoringRoleArn to a role RDS monitoring may assume (asc:database.monitoringIntervalSeconds).",
  configKeys: ["database.monitoringIntervalSeconds"],
  resourceTypes: AWS.rdsInstance,
  check: (_type, props) => {
    const interval = expectInput(props, {
      path: "monitoringInterval",
      ok: (v) => (asNumber(v) ?? 0) > 0,
      must: "1, 5, 10, 15, 30 or 60 seconds",
      missingNote: "the AWS default is 0, no Enhanced Monitoring",
    });
    if (interval.length > 0 || lookup(props, "monitoringInterval").state !== "set") return interval;
    return expectInput(props, { path: "monitoringRoleArn", ok: isNonEmptyString, must: "the ARN of the role RDS publishes the metrics with" });
  },
});
