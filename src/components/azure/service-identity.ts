/**
 * ServiceIdentity: the user-assigned managed identity of one service (api, web, worker or the migration job) and
 * the role assignments it needs. Apps and jobs that run as it must wait for `roleAssignments` (explicit
 * `dependsOn`): Container Apps resolves Key Vault references when it creates a revision, and fails without them.
 */
import * as authorization from "@pulumi/azure-native/authorization/index.js";
import * as managedidentity from "@pulumi/azure-native/managedidentity/index.js";
import * as pulumi from "@pulumi/pulumi";
import { definedOnly, type AzureTags } from "./args.js";
import { roleAssignmentName } from "./names.js";
import { AZURE_ROLES, roleDefinitionId, type AzureRole } from "./roles.js";

export const SERVICE_IDENTITY_TYPE = "asc:azure:ServiceIdentity";

/** One role on one scope. */
export interface RoleGrant {
  /** Logical-name suffix of the assignment, unique per identity. @example "vault-secrets-user" */
  readonly part: string;
  readonly role: AzureRole;
  /** ARM id the role applies to (a vault, a secret, a storage account). */
  readonly scope: pulumi.Input<string>;
}

export interface ServiceIdentityArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  /** Azure location. @example "westeurope" */
  readonly location: string;
  /** Subscription of the role definitions (`authorization.getClientConfigOutput().subscriptionId`). */
  readonly subscriptionId: pulumi.Input<string>;
  /** What the identity may do. @default [] */
  readonly grants?: readonly RoleGrant[];
  /** Tags for the identity. @default {} */
  readonly tags?: AzureTags;
}

export interface ResolvedServiceIdentityArgs extends ServiceIdentityArgs {
  readonly grants: readonly RoleGrant[];
  readonly tags: AzureTags;
}

/** Applies defaults and refuses duplicate grants. Pure. */
export function resolveServiceIdentityArgs(args: ServiceIdentityArgs): ResolvedServiceIdentityArgs {
  const resolved = { grants: [], tags: {}, ...definedOnly(args) } as ResolvedServiceIdentityArgs;
  const parts = resolved.grants.map((g) => g.part);
  const duplicate = parts.find((p, i) => parts.indexOf(p) !== i);
  if (duplicate !== undefined) throw new Error(`ServiceIdentity grants: part "${duplicate}" is used twice; give each grant its own part.`);
  const bad = parts.find((p) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(p));
  if (bad !== undefined) throw new Error(`ServiceIdentity grants: part ${JSON.stringify(bad)} is not a kebab-case name suffix such as "vault-secrets-user".`);
  return resolved;
}

export class ServiceIdentity extends pulumi.ComponentResource {
  /** ARM id, for `identity.userAssignedIdentities` and Key Vault references. */
  readonly id: pulumi.Output<string>;
  /** AZURE_MANAGED_IDENTITY_CLIENT_ID. */
  readonly clientId: pulumi.Output<string>;
  readonly principalId: pulumi.Output<string>;
  /** The role assignments, for `dependsOn` of whatever runs as this identity. */
  readonly roleAssignments: readonly authorization.RoleAssignment[];

  constructor(name: string, args: ServiceIdentityArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(SERVICE_IDENTITY_TYPE, name, {}, opts);
    const resolved = resolveServiceIdentityArgs(args);

    const identity = new managedidentity.UserAssignedIdentity(`${name}-uami`, { resourceGroupName: resolved.resourceGroupName, location: resolved.location, tags: resolved.tags }, { parent: this });
    this.roleAssignments = resolved.grants.map(
      (grant) =>
        new authorization.RoleAssignment(
          `${name}-${grant.part}`,
          {
            scope: grant.scope,
            roleDefinitionId: pulumi.output(resolved.subscriptionId).apply((id) => roleDefinitionId(id, grant.role)),
            principalId: identity.principalId,
            // A new identity may not have replicated yet; naming the type lets ARM skip the lookup.
            principalType: "ServicePrincipal",
            roleAssignmentName: pulumi.all([grant.scope, identity.principalId]).apply(([scope, principal]) => roleAssignmentName(scope, AZURE_ROLES[grant.role], principal)),
          },
          { parent: this },
        ),
    );

    this.id = identity.id;
    this.clientId = identity.clientId;
    this.principalId = identity.principalId;
    this.registerOutputs({ id: this.id, clientId: this.clientId, principalId: this.principalId });
  }
}
