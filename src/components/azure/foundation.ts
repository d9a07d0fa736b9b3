/**
 * Foundation: the resource group that holds the whole stack and the Log Analytics workspace the Container Apps
 * environment (and with it every app and the migration job) logs to.
 */
import * as operationalinsights from "@pulumi/azure-native/operationalinsights/index.js";
import * as resources from "@pulumi/azure-native/resources/index.js";
import * as pulumi from "@pulumi/pulumi";
import { definedOnly } from "./args.js";
import { LOG_ANALYTICS_MAX_RETENTION_DAYS, LOG_ANALYTICS_MIN_RETENTION_DAYS } from "../../sizing/azure-instances.js";

export const FOUNDATION_TYPE = "asc:azure:Foundation";

export interface FoundationArgs {
  /** Azure location of the resource group and the workspace. @example "westeurope" */
  readonly location: string;
  /**
   * Days Log Analytics keeps logs (30 to 730). Use `logAnalyticsRetentionDays()` to map a profile's retention.
   * @default 30
   */
  readonly logRetentionDays?: number;
  /** Tags for every taggable child. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface ResolvedFoundationArgs {
  readonly location: string;
  readonly logRetentionDays: number;
  readonly tags: Readonly<Record<string, string>>;
}

/** Applies defaults and refuses a retention Log Analytics would reject. Pure. */
export function resolveFoundationArgs(args: FoundationArgs): ResolvedFoundationArgs {
  const resolved = { logRetentionDays: LOG_ANALYTICS_MIN_RETENTION_DAYS, tags: {}, ...definedOnly(args) } as ResolvedFoundationArgs;
  const days = resolved.logRetentionDays;
  if (!Number.isInteger(days) || days < LOG_ANALYTICS_MIN_RETENTION_DAYS || days > LOG_ANALYTICS_MAX_RETENTION_DAYS) {
    throw new Error(`Foundation logRetentionDays: ${days} is out of range; Log Analytics keeps whole days from ${LOG_ANALYTICS_MIN_RETENTION_DAYS} to ${LOG_ANALYTICS_MAX_RETENTION_DAYS}. Pass logAnalyticsRetentionDays(<profile days>).`);
  }
  if (resolved.location.trim() === "") {
    throw new Error("Foundation location: empty; pass an Azure location such as \"westeurope\".");
  }
  return resolved;
}

export class Foundation extends pulumi.ComponentResource {
  readonly resourceGroupName: pulumi.Output<string>;
  readonly resourceGroupId: pulumi.Output<string>;
  readonly location: string;
  readonly workspaceName: pulumi.Output<string>;
  readonly workspaceId: pulumi.Output<string>;
  /** The workspace's customer id (what Container Apps calls it), not a secret. */
  readonly workspaceCustomerId: pulumi.Output<string>;

  constructor(name: string, args: FoundationArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(FOUNDATION_TYPE, name, {}, opts);
    const resolved = resolveFoundationArgs(args);

    const group = new resources.ResourceGroup(`${name}-rg`, { location: resolved.location, tags: resolved.tags }, { parent: this });
    const workspace = new operationalinsights.Workspace(
      `${name}-logs`,
      {
        resourceGroupName: group.name,
        location: resolved.location,
        sku: { name: "PerGB2018" },
        retentionInDays: resolved.logRetentionDays,
        tags: resolved.tags,
      },
      { parent: this },
    );

    this.resourceGroupName = group.name;
    this.resourceGroupId = group.id;
    this.location = resolved.location;
    this.workspaceName = workspace.name;
    this.workspaceId = workspace.id;
    this.workspaceCustomerId = workspace.customerId;
    this.registerOutputs({
      resourceGroupName: this.resourceGroupName,
      resourceGroupId: this.resourceGroupId,
      workspaceName: this.workspaceName,
      workspaceId: this.workspaceId,
      workspaceCustomerId: this.workspaceCustomerId,
    });
  }
}
