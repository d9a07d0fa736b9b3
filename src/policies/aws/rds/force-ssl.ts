/**
 * Postgres refuses connections without TLS (rds.force_ssl = 1 in the instance's parameter group).
 * @severity high
 */
import { AWS } from "../resource-types.js";
import { asArray, asRecord, expectInput, isNonEmptyString, isOpaque, lookup } from "../../props.js";
import { defineRule, EVERY_TIER, type ResourceProps } from "../../rule.js";

const FORCE_SSL = "rds.force_ssl";
const AWS_PARAMETER_GROUP_TYPES: readonly string[] = AWS.rdsParameterGroup;

function checkParameterGroup(props: ResourceProps): string[] {
  const family = lookup(props, "family");
  if (family.state !== "set" || !String(family.value).startsWith("postgres")) return [];
  const parameters = lookup(props, "parameters");
  if (parameters.state === "opaque") return [];
  const list = asArray(parameters.state === "set" ? parameters.value : undefined) ?? [];
  const entry = list.map(asRecord).find((p) => p?.name === FORCE_SSL);
  if (entry) return expectInput(entry, { path: "value", label: `parameter ${FORCE_SSL}`, ok: (v) => String(v) === "1", must: '"1"' });
  const someUnknown = list.some((p) => isOpaque(p) || isOpaque(asRecord(p)?.name));
  return someUnknown ? [] : [`parameters has no ${FORCE_SSL}; it must set ${FORCE_SSL} to "1"`];
}

function checkInstance(props: ResourceProps): string[] {
  const engine = lookup(props, "engine");
  if (engine.state !== "set" || !String(engine.value).startsWith("postgres")) return [];
  return expectInput(props, {
    path: "parameterGroupName",
    ok: (v) => isNonEmptyString(v) && !String(v).startsWith("default."),
    must: `an asc parameter group that sets ${FORCE_SSL} = 1`,
    missingNote: "the default parameter group is not managed by asc",
  });
}

export const rdsForceSsl = defineRule({
  name: "asc-aws-rds-force-ssl",
  cloud: "aws",
  description: `A Postgres RDS instance uses an asc parameter group, and that group sets ${FORCE_SSL} = 1.`,
  severity: "high",
  frameworks: {},
  mandatoryTiers: EVERY_TIER,
  remediation: `Create an aws.rds.ParameterGroup with parameters: [{ name: "${FORCE_SSL}", value: "1" }] and set the instance's parameterGroupName to it.`,
  resourceTypes: [...AWS.rdsInstance, ...AWS.rdsParameterGroup],
  check: (type, props) => (AWS_PARAMETER_GROUP_TYPES.includes(type) ? checkParameterGroup(props) : checkInstance(props)),
});
