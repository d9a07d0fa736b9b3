/**
 * The IAM policy an operator or CI role needs to run `asc deploy` for an AWS profile: what Pulumi's AWS provider
 * needs to manage the plan's resource types, and what asc's own clients call (migration runner, rollout check,
 * verify, doctor). Pure: built from the plan's resource types and the profile's name and region.
 *
 * Facts relied on (AWS documentation):
 * - RunTask takes a task-definition resource and the `ecs:cluster` condition key; a task definition with a task or
 *   execution role needs `iam:PassRole` on those roles, which `iam:PassedToService` can limit to
 *   ecs-tasks.amazonaws.com (ECS developer guide, "IAM roles for Amazon ECS"; Service Authorization Reference for ECS).
 * - STS GetCallerIdentity needs no permission (STS API reference), so asc's credential check needs none.
 * - ECS, RDS, ElastiCache and Elastic Load Balancing create their service-linked roles on first use, which needs
 *   `iam:CreateServiceLinkedRole` for their service principals.
 * - A managed-policy attachment needs `iam:AttachRolePolicy` / `iam:DetachRolePolicy` on the role, and the
 *   `iam:PolicyARN` condition (ArnEquals) limits which policies may be attached (IAM User Guide, "IAM: Limits managed
 *   policies that can be applied to an IAM user, group, or role",
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_iam_limit-managed.html).
 * - Passing a role to a service needs `iam:PassRole` on that role (IAM User Guide, "Grant a user permissions to pass a
 *   role to an AWS service", https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html). Which
 *   `iam:PassedToService` value RDS checks when CreateDBInstance passes the Enhanced Monitoring role
 *   (rds.amazonaws.com, or the role's trusted principal monitoring.rds.amazonaws.com) is not stated in the RDS User
 *   Guide ("Setting up and enabling Enhanced Monitoring") nor in the IAM PassRole pages; the same holds for the VPC
 *   flow-logs role (VPC User Guide, "IAM role for publishing flow logs to CloudWatch Logs"). Those two roles are
 *   therefore passable by their resource ARN only (`<asc:name>-*-monitoring-role-*`, `<asc:name>-*-flow-logs-role-*`),
 *   with no service condition.
 * - The log key's policy gives the account root `kms:*` (KMS's default statement), so the deploy role's IAM policy
 *   decides who manages it; KMS key ARNs carry a random key id, not a name, so KMS stays in the by-service statement.
 *
 * Names follow the blueprint's (src/components/aws): every physical name starts with `<asc:name>-` (Pulumi's
 * autonaming appends `-<7 random characters>` to the logical name, which starts with `<asc:name>-`): roles, buckets,
 * and the log groups of the services, the migration task, the release steps and the VPC flow logs, which asc leaves
 * auto-named. The RDS log-export groups are the one explicit name: `/aws/rds/instance/<identifier>/<log type>`, the
 * names RDS publishes to, with the instance identifier `<asc:name>-db`.
 */

export interface IamStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Action: readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export interface IamPolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly IamStatement[];
}

/** Pulumi AWS module (the token's `aws:<module>/…`) → IAM service prefix. */
export const IAM_PREFIX_OF_MODULE: Readonly<Record<string, string>> = {
  acm: "acm",
  appautoscaling: "application-autoscaling",
  cloudwatch: "logs",
  ec2: "ec2",
  ecs: "ecs",
  elasticache: "elasticache",
  iam: "iam",
  kms: "kms",
  lb: "elasticloadbalancing",
  rds: "rds",
  route53: "route53",
  s3: "s3",
  secretsmanager: "secretsmanager",
  servicediscovery: "servicediscovery",
  vpc: "ec2",
};

/** What asc's own AWS SDK calls need (src/deploy: the ECS runner and rollout check, the log tail). */
export const ASC_ECS_ACTIONS = ["ecs:DescribeServiceDeployments", "ecs:DescribeServiceRevisions", "ecs:DescribeServices", "ecs:DescribeTaskDefinition", "ecs:DescribeTasks", "ecs:ListServiceDeployments", "ecs:ListTasks", "ecs:StopTask"] as const;
export const ASC_LOGS_ACTIONS = ["logs:GetLogEvents"] as const;

/** CloudWatch Logs actions Pulumi's log-group resource calls (create, read, update, tag, delete). */
export const LOG_GROUP_ACTIONS = [
  "logs:AssociateKmsKey",
  "logs:CreateLogGroup",
  "logs:DeleteLogGroup",
  "logs:DeleteRetentionPolicy",
  "logs:DisassociateKmsKey",
  "logs:ListTagsForResource",
  "logs:ListTagsLogGroup",
  "logs:PutRetentionPolicy",
  "logs:TagLogGroup",
  "logs:TagResource",
  "logs:UntagLogGroup",
  "logs:UntagResource",
] as const;

/** IAM services whose plan resources are scoped by name in statements of their own, not by service. */
const SCOPED_BY_NAME = new Set(["iam", "logs", "s3"]);

/** The ARN patterns of the log groups asc creates for a stack named `name` (with and without the `:*` stream suffix). */
export function logGroupArnPatterns(name: string, region: string): string[] {
  const base = [`${name}-*`, `/aws/rds/instance/${name}-*`].map((n) => `arn:aws:logs:${region}:*:log-group:${n}`);
  return base.flatMap((arn) => [arn, `${arn}:*`]);
}

export interface DeployPolicyInput {
  readonly name: string;
  readonly region: string;
  /** Pulumi type tokens in the plan, e.g. `aws:rds/instance:Instance`. */
  readonly resourceTypes: readonly string[];
  /** The `policyArn` of every `aws:iam/rolePolicyAttachment` in the plan: the only managed policies the role may attach. */
  readonly managedPolicyArns?: readonly string[];
  /** deploy: Pulumi's and asc's needs; runtime: asc's own calls only (migrate, verify, rollout check). @default "deploy" */
  readonly scope?: "deploy" | "runtime";
}

/** The IAM service prefixes the plan's resource types need; an unknown module is returned apart, to be refused. */
export function servicePrefixes(resourceTypes: readonly string[]): { prefixes: string[]; unknown: string[] } {
  const prefixes = new Set<string>();
  const unknown = new Set<string>();
  for (const type of resourceTypes) {
    const m = /^aws:([a-z0-9]+)\//.exec(type);
    if (!m) continue;
    const prefix = IAM_PREFIX_OF_MODULE[m[1]];
    if (prefix) prefixes.add(prefix);
    else unknown.add(m[1]);
  }
  return { prefixes: [...prefixes].sort(), unknown: [...unknown].sort() };
}

export function deployPolicy(input: DeployPolicyInput): IamPolicyDocument {
  const { name, region } = input;
  const { prefixes, unknown } = servicePrefixes(input.resourceTypes);
  if (unknown.length) throw new Error(`no IAM service prefix known for the Pulumi AWS module(s) ${unknown.join(", ")}; add them to IAM_PREFIX_OF_MODULE`);
  const roles = `arn:aws:iam::*:role/${name}-*`;
  const types = new Set(input.resourceTypes);
  const managedPolicyArns = [...new Set(input.managedPolicyArns ?? [])].sort();
  const pulumi: IamStatement[] = [
    {
      Sid: "PulumiManagesThePlan",
      Effect: "Allow",
      // The provider reads and writes each managed resource type of the plan; IAM, CloudWatch Logs and S3 are scoped
      // by name below instead.
      Action: prefixes.filter((p) => !SCOPED_BY_NAME.has(p)).map((p) => `${p}:*`),
      Resource: "*",
    },
    {
      Sid: "PulumiManagesTheStackRoles",
      Effect: "Allow",
      Action: ["iam:CreateRole", "iam:DeleteRole", "iam:GetRole", "iam:ListRoleTags", "iam:TagRole", "iam:UntagRole", "iam:UpdateRole", "iam:UpdateRoleDescription", "iam:UpdateAssumeRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole", "iam:GetRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy"],
      Resource: roles,
    },
    ...(managedPolicyArns.length
      ? [
          {
            Sid: "PulumiAttachesThePlansManagedPolicies",
            Effect: "Allow" as const,
            // The RDS Enhanced Monitoring role's AmazonRDSEnhancedMonitoringRole, and nothing else the plan does not attach.
            Action: ["iam:AttachRolePolicy", "iam:DetachRolePolicy"],
            Resource: roles,
            Condition: { ArnEquals: { "iam:PolicyARN": managedPolicyArns } },
          },
        ]
      : []),
    {
      Sid: "ServiceLinkedRolesOnFirstUse",
      Effect: "Allow",
      Action: ["iam:CreateServiceLinkedRole"],
      Resource: "*",
      Condition: { StringEquals: { "iam:AWSServiceName": ["ecs.amazonaws.com", "rds.amazonaws.com", "elasticache.amazonaws.com", "elasticloadbalancing.amazonaws.com"] } },
    },
    ...(prefixes.includes("logs")
      ? [
          { Sid: "PulumiManagesTheStackLogGroups", Effect: "Allow" as const, Action: [...LOG_GROUP_ACTIONS], Resource: logGroupArnPatterns(name, region) },
          // DescribeLogGroups lists by name prefix; it is not scoped to a log group.
          { Sid: "PulumiReadsLogGroups", Effect: "Allow" as const, Action: ["logs:DescribeLogGroups"], Resource: "*" },
        ]
      : []),
    ...(prefixes.includes("s3")
      ? [
          {
            Sid: "PulumiManagesTheStackBuckets",
            Effect: "Allow" as const,
            // The app bucket and the log buckets (ALB and S3 server access logs): their configuration (PutBucketLogging,
            // lifecycle, encryption, policy…) and, for a force-destroyed dev bucket, its objects.
            Action: ["s3:*"],
            Resource: [`arn:aws:s3:::${name}-*`, `arn:aws:s3:::${name}-*/*`],
          },
        ]
      : []),
    ...(types.has("aws:rds/instance:Instance")
      ? [{ Sid: "PassTheMonitoringRoleToRds", Effect: "Allow" as const, Action: ["iam:PassRole"], Resource: `arn:aws:iam::*:role/${name}-*-monitoring-role-*` }]
      : []),
    ...(types.has("aws:ec2/flowLog:FlowLog")
      ? [{ Sid: "PassTheFlowLogsRoleToVpcFlowLogs", Effect: "Allow" as const, Action: ["iam:PassRole"], Resource: `arn:aws:iam::*:role/${name}-*-flow-logs-role-*` }]
      : []),
  ];
  const asc: IamStatement[] = [
    {
      Sid: "PassTheStackRolesToEcsTasks",
      Effect: "Allow",
      Action: ["iam:PassRole"],
      Resource: roles,
      Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
    },
    {
      Sid: "AscRunsMigrationsAndReleaseSteps",
      Effect: "Allow",
      Action: ["ecs:RunTask"],
      Resource: `arn:aws:ecs:${region}:*:task-definition/${name}-*`,
      Condition: { ArnLike: { "ecs:cluster": `arn:aws:ecs:${region}:*:cluster/${name}-*` } },
    },
    {
      Sid: "AscWatchesTasksAndRollouts",
      Effect: "Allow",
      Action: [...ASC_ECS_ACTIONS],
      Resource: "*",
    },
    {
      Sid: "AscReadsMigrationLogs",
      Effect: "Allow",
      Action: [...ASC_LOGS_ACTIONS],
      Resource: `arn:aws:logs:${region}:*:log-group:${name}-*:*`,
    },
  ];
  return { Version: "2012-10-17", Statement: input.scope === "runtime" ? asc : [...pulumi, ...asc] };
}
