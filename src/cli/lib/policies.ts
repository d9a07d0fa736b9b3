/** The plan evaluation lives with the policies (the pipeline uses it too); re-exported for the CLI. */
export { evaluatePlanPolicies } from "../../policies/plan-policies.js";
