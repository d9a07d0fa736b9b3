/**
 * ContainerAppsEnvironment: a workload-profiles Container Apps environment (Consumption profile) integrated into
 * the VNet's delegated subnet, with an external load balancer so the web is reachable, logging to Log Analytics.
 *
 * The environment's name and its infrastructure resource group can only be set at creation: a change replaces the
 * environment and, with it, every app and job. Both are in `ignoreChanges`, so Pulumi sends them when it creates the
 * environment and keeps the stored inputs afterwards: a stack created before they existed keeps its environment (a
 * property missing from the old inputs is dropped from the new ones: PropertyPath.Reset in pulumi/pulumi
 * sdk/go/common/resource/properties_path.go; https://www.pulumi.com/docs/iac/concepts/options/ignorechanges/).
 */
import * as app from "@pulumi/azure-native/app/index.js";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights/index.js";
import * as pulumi from "@pulumi/pulumi";
import { definedOnly, type AzureTags } from "./args.js";

export const CONTAINER_APPS_ENVIRONMENT_TYPE = "asc:azure:ContainerAppsEnvironment";

/** The serverless workload profile every app and job runs on; sizes follow src/sizing/container-apps.ts. */
export const CONSUMPTION_PROFILE = "Consumption";

export interface ContainerAppsEnvironmentArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  /** Azure location. @example "westeurope" */
  readonly location: string;
  /** The subnet delegated to Microsoft.App/environments. */
  readonly infrastructureSubnetId: pulumi.Input<string>;
  /** Name of the Log Analytics workspace; its shared key is read here and passed as a secret. */
  readonly logAnalyticsWorkspaceName: pulumi.Input<string>;
  /** Customer id of the same workspace. */
  readonly logAnalyticsCustomerId: pulumi.Input<string>;
  /**
   * Spread the environment across availability zones (the region must have zones).
   * @default false
   */
  readonly zoneRedundant?: boolean;
  /**
   * Only reachable from inside the VNet. The web must be public, so asc keeps this false.
   * @default false
   */
  readonly internal?: boolean;
  /**
   * The environment's name (2-60 lowercase letters, digits and hyphens). Used when the environment is created only.
   * @default - a name Pulumi derives from the logical name
   * @example "asc-prod-env"
   */
  readonly environmentName?: string;
  /**
   * The platform-managed resource group Azure creates for a workload-profiles environment (1-90 characters; it must
   * not exist yet). Used when the environment is created only.
   * @default - a name Azure chooses
   * @example "asc-prod-cae-infra-1a2b3c4d"
   */
  readonly infrastructureResourceGroupName?: pulumi.Input<string>;
  /** Tags for every taggable child. @default {} */
  readonly tags?: AzureTags;
}

/** The inputs Azure fixes at creation that asc sets for new stacks only. */
export const CREATE_ONLY_ENVIRONMENT_INPUTS = ["environmentName", "infrastructureResourceGroup"];

export interface ResolvedContainerAppsEnvironmentArgs extends ContainerAppsEnvironmentArgs {
  readonly zoneRedundant: boolean;
  readonly internal: boolean;
  readonly tags: AzureTags;
}

/** Applies defaults. Pure. */
export function resolveContainerAppsEnvironmentArgs(args: ContainerAppsEnvironmentArgs): ResolvedContainerAppsEnvironmentArgs {
  return { zoneRedundant: false, internal: false, tags: {}, ...definedOnly(args) } as ResolvedContainerAppsEnvironmentArgs;
}

export class ContainerAppsEnvironment extends pulumi.ComponentResource {
  readonly environmentId: pulumi.Output<string>;
  readonly environmentName: pulumi.Output<string>;
  /** `<unique>.<location>.azurecontainerapps.io`: apps are `<app>.<defaultDomain>` (or `<app>.internal.<defaultDomain>`). */
  readonly defaultDomain: pulumi.Output<string>;
  readonly staticIp: pulumi.Output<string>;

  constructor(name: string, args: ContainerAppsEnvironmentArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(CONTAINER_APPS_ENVIRONMENT_TYPE, name, {}, opts);
    const resolved = resolveContainerAppsEnvironmentArgs(args);

    const keys = operationalinsights.getSharedKeysOutput({ resourceGroupName: resolved.resourceGroupName, workspaceName: resolved.logAnalyticsWorkspaceName }, { parent: this });
    const environment = new app.ManagedEnvironment(
      `${name}-env`,
      {
        resourceGroupName: resolved.resourceGroupName,
        location: resolved.location,
        appLogsConfiguration: {
          destination: "log-analytics",
          logAnalyticsConfiguration: { customerId: resolved.logAnalyticsCustomerId, sharedKey: pulumi.secret(keys.apply((k) => k.primarySharedKey ?? "")) },
        },
        vnetConfiguration: { infrastructureSubnetId: resolved.infrastructureSubnetId, internal: resolved.internal },
        workloadProfiles: [{ name: CONSUMPTION_PROFILE, workloadProfileType: CONSUMPTION_PROFILE }],
        zoneRedundant: resolved.zoneRedundant,
        ...(resolved.environmentName !== undefined ? { environmentName: resolved.environmentName } : {}),
        ...(resolved.infrastructureResourceGroupName !== undefined ? { infrastructureResourceGroup: resolved.infrastructureResourceGroupName } : {}),
        tags: resolved.tags,
      },
      { parent: this, ignoreChanges: CREATE_ONLY_ENVIRONMENT_INPUTS },
    );

    this.environmentId = environment.id;
    this.environmentName = environment.name;
    this.defaultDomain = environment.defaultDomain;
    this.staticIp = environment.staticIp;
    this.registerOutputs({ environmentId: this.environmentId, environmentName: this.environmentName, defaultDomain: this.defaultDomain, staticIp: this.staticIp });
  }
}
