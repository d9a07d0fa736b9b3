/**
 * The Pulumi program: `npm run build && pulumi up -s <profile>` runs the default export; `asc preview --offline`
 * and `asc deploy` call `defineStack` with an already-resolved config. Outputs are the typed StackOutputs.
 */
import * as pulumi from "@pulumi/pulumi";
import type { StackOutputs } from "./contract/stack-outputs.js";
import type { BlueprintConfig } from "./config/schema.js";
import { ENCRYPTED_PLACEHOLDER } from "./config/load.js";
import { CONTRACT_OUTPUT, describeUnapplied, readReleaseRecord, RELEASE_OUTPUT, releaseRecord, rotationBehind, unappliedImages, withReleasedImages, type ReleaseRecord } from "./config/release-images.js";
import { contractFromStackOutputs } from "./contract/from-outputs.js";
import { operatorSecretValues, registryPasswordValue } from "./contract/operator-secrets.js";
import type { SecretVariable } from "./contract/types.js";
import { planContractEntry } from "./preview/plan.js";

/**
 * Adds what `asc` reads back from a deployed stack: the images of the release (`release`) and the env contract the
 * services received (`envContract`), so a later preview can diff against what runs.
 */
function withReleaseOutputs(config: BlueprintConfig, outputs: Record<string, unknown>): Record<string, unknown> {
  const contract = pulumi
    .output(outputs.contract as pulumi.Input<StackOutputs["contract"]>)
    .apply((c) => Object.fromEntries(Object.entries(contractFromStackOutputs(config, { contract: c })).map(([service, entries]) => [service, (entries ?? []).map(planContractEntry)])));
  // A held update (a first deploy's provision) releases nothing: without a `release` output the next deploy is still a first one.
  return { ...outputs, ...(config.holdServices ? {} : { [RELEASE_OUTPUT]: releaseRecord(config) }), [CONTRACT_OUTPUT]: contract };
}

export interface DefineStackOptions {
  /** The profile (stack) name. */
  readonly profile: string;
  /** `deploy` refuses missing secrets; `offline` stands in placeholders so a preview runs anywhere. */
  readonly mode: "deploy" | "offline";
}

/**
 * An explicit aws.Provider does not read the stack's `aws:*` config (by design: pulumi/pulumi-aws#1307), only the
 * environment. The credential settings a team puts in the stack (aws:profile, aws:assumeRoles, static keys,
 * aws:endpoints) are passed on here, so the provider uses the credential asc's own clients prove in validate
 * (src/deploy/credentials/settings.ts reads the same keys).
 */
function awsCredentialArgs(): Record<string, unknown> {
  const aws = new pulumi.Config("aws");
  const args: Record<string, unknown> = {};
  const profile = aws.get("profile");
  if (profile) args.profile = profile;
  const assumeRoles = aws.getObject<unknown[]>("assumeRoles");
  if (assumeRoles?.length) args.assumeRoles = assumeRoles;
  const endpoints = aws.getObject<unknown[]>("endpoints");
  if (endpoints?.length) args.endpoints = endpoints;
  const accessKey = aws.get("accessKey");
  if (accessKey) {
    args.accessKey = accessKey;
    args.secretKey = aws.getSecret("secretKey");
    const token = aws.getSecret("token");
    if (token) args.token = token;
  }
  return args;
}

export async function defineStack(config: BlueprintConfig, options: DefineStackOptions): Promise<Record<string, unknown>> {
  const values = operatorSecretValues(config, options.mode, ENCRYPTED_PLACEHOLDER);
  const operatorSecrets = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, pulumi.secret(v)])) as Partial<Record<SecretVariable, pulumi.Output<string>>>;
  if (config.cloud === "aws") {
    const aws = await import("./components/aws/sdk.js");
    const { AwsBlueprint } = await import("./components/aws/blueprint.js");
    const provider = new aws.Provider(`${config.name}-aws`, { region: config.region as never, ...awsCredentialArgs() });
    const blueprint = new AwsBlueprint(config.name, { config, profile: options.profile, operatorSecrets, holdServices: config.holdServices ?? false }, { providers: { aws: provider } });
    return withReleaseOutputs(config, blueprint.outputs as unknown as Record<string, unknown>);
  }
  const { AzureBlueprint } = await import("./components/azure/blueprint.js");
  const registryPassword = registryPasswordValue(config, options.mode, ENCRYPTED_PLACEHOLDER);
  const blueprint = new AzureBlueprint(config.name, {
    config,
    profile: options.profile,
    operatorSecrets,
    ...(registryPassword !== undefined ? { registryPassword: pulumi.secret(registryPassword) } : {}),
    holdServices: config.holdServices ?? false,
  });
  return withReleaseOutputs(config, blueprint.outputs as unknown as Record<string, unknown>);
}

/**
 * The release a plain `pulumi up` keeps: the stack's own `release` output, read through a StackReference to the
 * stack's fully qualified name. The engine answers a StackReference from the stack's latest persisted snapshot
 * (pkg/backend/backend.go backendClient.GetStackOutputs → Stack.SnapshotStackOutputs, "the stack outputs of the
 * latest deployment snapshot"; Pulumi Cloud requires the <org>/<project>/<stack> form, pkg/backend/httpstate), and
 * the root stack's outputs there are the previous update's until this program registers its own at the end. That a
 * stack may reference itself this way is undocumented Pulumi behaviour (docs/architecture.md); asc's tests check
 * the program's side under mocks, not the engine's.
 */
export async function releasedByOwnStack(): Promise<ReleaseRecord | undefined> {
  const name = `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`;
  const self = new pulumi.StackReference("asc-own-release", { name });
  const details = await self.getOutputDetails(RELEASE_OUTPUT);
  return readReleaseRecord(details.value ?? details.secretValue);
}

/**
 * The config a plain `pulumi up` deploys: once the stack has a release, its images (the profile's asc:images only
 * seed the first release). A profile image that differs is reported as not applied; epochs behind the release are
 * refused, as `asc deploy` refuses them.
 */
export function configForPlainUp(config: BlueprintConfig, released: ReleaseRecord | undefined, warn: (message: string) => void): BlueprintConfig {
  if (!released) return config;
  for (const u of unappliedImages(config.images, [], released.services)) warn(describeUnapplied(u, "asc deploy --image"));
  const current = config.secrets?.rotation ?? {};
  const behind = rotationBehind(released.rotation, current);
  if (behind.length) {
    throw new pulumi.RunError(`The profile's rotation epochs are behind the stack's release (${behind.map(([k, n]) => `asc:secrets.rotation.${k} ${current[k] ?? 0} < ${n}`).join(", ")}): this update would roll the rotated secrets back. Commit or pull the rotated profile, then run again.`);
  }
  return withReleasedImages(config, released);
}

/** Entry point for the Pulumi engine. */
export default async function main(): Promise<Record<string, unknown>> {
  const { loadProfileFromRuntime } = await import("./config/load.js");
  const { isAscUserError, formatProblems } = await import("./errors.js");
  try {
    const profile = loadProfileFromRuntime(pulumi.runtime.allConfig(), pulumi.getStack(), process.env, new Date());
    const config = configForPlainUp(profile.config, await releasedByOwnStack(), (m) => void pulumi.log.warn(m));
    return await defineStack(config, { profile: profile.profile, mode: "deploy" });
  } catch (e) {
    // A user error stops the update before any resource is registered, with the same message the CLI shows.
    if (isAscUserError(e)) throw new pulumi.RunError(`${e.title}\n${formatProblems(e.problems)}`);
    throw e;
  }
}
