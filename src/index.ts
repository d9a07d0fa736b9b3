/**
 * The public face of asc (`import … from "asc"`). The CLI is one client of this library; everything a user's own
 * Pulumi program or tooling needs is exported here, typed:
 *
 * - the program seam: `defineStack` (config → blueprint → outputs) and `program()` (`export default program()`);
 * - the blueprints `AwsBlueprint` and `AzureBlueprint`, and every per-resource component under the `aws` and `azure`
 *   namespaces (the two clouds share component names such as `Database`; also importable as `asc/aws`, `asc/azure`);
 * - the profile config: the zod schema, tier defaults, loading and resolving a profile, its JSON Schema;
 * - the env contract: the catalog, its derivation and the contract read back from stack outputs;
 * - the offline preview (plan JSON v1) and the policy evaluation over a plan;
 * - the user-error type and exit codes.
 *
 * Importing it loads @pulumi/pulumi, @pulumi/aws and the @pulumi/azure-native submodules asc uses.
 */
export { defineStack, program, type DefineStackOptions, type ProgramOutputs } from "./define-stack.js";

export { AwsBlueprint, resolveAwsBlueprintArgs, type AwsBlueprintArgs, type ResolvedAwsBlueprintArgs } from "./components/aws/blueprint.js";
export { AzureBlueprint } from "./components/azure/blueprint.js";
export { resolveAzureBlueprintArgs, type AzureBlueprintArgs, type ResolvedAzureBlueprintArgs } from "./components/azure/blueprint-args.js";
export * as aws from "./components/aws/index.js";
export * as azure from "./components/azure/index.js";
export { STACK_OUTPUTS_VERSION, type StackOutputs, type HealthEndpoint, type AwsMigrationTarget, type AzureMigrationTarget } from "./contract/stack-outputs.js";

export * from "./config/schema.js";
export { tierDefaults, type ConfigDefaults } from "./config/defaults.js";
export { loadProfile, loadProfileFromRuntime, readProfileFile, listProfiles, profileFile, envNameFor, STACKS_DIR, type LoadedProfile, type LoadProfileOptions, type ProfileFile } from "./config/load.js";
export { resolveConfig, type ConfigLayer, type ResolvedConfig } from "./config/resolve.js";
export { profileJsonSchema } from "./config/json-schema.js";

export * from "./contract/index.js";
export { contractFromStackOutputs } from "./contract/from-outputs.js";
export { deployedServices, contractConsumers, hasDedicatedWorker } from "./contract/topology.js";
export { neededOperatorSecrets, OPERATOR_SECRET_VARIABLES } from "./contract/operator-secrets.js";

export { runOfflinePreview, previewExitCode } from "./preview/offline.js";
export { PLAN_VERSION, type PlanV1, type PlanResource, type PlanContractEntry, type PlanPolicyResult } from "./preview/plan.js";
export { evaluatePlanPolicies } from "./policies/plan-policies.js";

export { AscUserError, isAscUserError, ExitCode, EXIT_CODE_MEANINGS, type UserProblem } from "./errors.js";
