import { rdsForceSsl } from "../../../../src/policies/aws/rds/force-ssl.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { compliantInstance, RDS_INSTANCE_TYPE } from "./fixtures.js";

const PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup";
const group = { family: "postgres16", parameters: [{ name: "log_min_duration_statement", value: "500" }, { name: "rds.force_ssl", value: "1" }] };
const MUST_GROUP = "it must be an asc parameter group that sets rds.force_ssl = 1";

describeRule(rdsForceSsl, {
  type: RDS_INSTANCE_TYPE,
  compliant: compliantInstance,
  passes: [
    { title: "a compliant parameter group", type: PARAMETER_GROUP, props: group },
    { title: "a MySQL instance on the default group", props: { ...compliantInstance, engine: "mysql", parameterGroupName: undefined } },
    { title: "a non-Postgres parameter group", type: PARAMETER_GROUP, props: { family: "mysql8.0", parameters: [] } },
    { title: "a parameter group with an unknown entry", type: PARAMETER_GROUP, props: { family: "postgres16", parameters: ["[unknown]"] } },
    { title: "a parameter group with unknown parameters", type: PARAMETER_GROUP, props: { family: "postgres16", parameters: "[unknown]" } },
    { title: "a numeric 1", type: PARAMETER_GROUP, props: { family: "postgres16", parameters: [{ name: "rds.force_ssl", value: 1 }] } },
  ],
  violations: [
    { title: "an instance on the default group", props: { ...compliantInstance, parameterGroupName: undefined }, expected: [`parameterGroupName is not set (the default parameter group is not managed by asc); ${MUST_GROUP}`] },
    { title: "an instance naming a default group", props: { ...compliantInstance, parameterGroupName: "default.postgres16" }, expected: [`parameterGroupName is "default.postgres16"; ${MUST_GROUP}`] },
    { title: "a group with rds.force_ssl 0", type: PARAMETER_GROUP, props: { ...group, parameters: [{ name: "rds.force_ssl", value: "0" }] }, expected: ['parameter rds.force_ssl is "0"; it must be "1"'] },
    { title: "a group without rds.force_ssl", type: PARAMETER_GROUP, props: { family: "postgres16", parameters: [{ name: "work_mem", value: "8192" }] }, expected: ['parameters has no rds.force_ssl; it must set rds.force_ssl to "1"'] },
    { title: "a group without parameters", type: PARAMETER_GROUP, props: { family: "postgres16" }, expected: ['parameters has no rds.force_ssl; it must set rds.force_ssl to "1"'] },
    { title: "an entry without value", type: PARAMETER_GROUP, props: { family: "postgres16", parameters: [{ name: "rds.force_ssl" }] }, expected: ['parameter rds.force_ssl is not set; it must be "1"'] },
  ],
});
