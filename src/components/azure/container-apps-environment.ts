/**
 * ContainerAppsEnvironment: a workload-profiles Container Apps environment (Consumption profile) integrated into
 * the VNet's delegated subnet, with an external load balancer so the web is reachable, logging to Log Analytics.
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
  /** Tags for every taggable child. @default {} */
  readonly tags?: AzureTags;
}

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
        tags: resolved.tags,
      },
      { parent: this },
    );

    this.environmentId = environment.id;
    this.environmentName = environment.name;
    this.defaultDomain = environment.defaultDomain;
    this.staticIp = environment.staticIp;
    this.registerOutputs({ environmentId: this.environmentId, environmentName: this.environmentName, defaultDomain: this.defaultDomain, staticIp: this.staticIp });
  }
}
