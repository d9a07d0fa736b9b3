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
 * Names follow the blueprint's: every physical name starts with `<asc:name>-` (Pulumi autonaming keeps the logical
 * name as the prefix), log groups live under `/asc/<asc:name>-`.
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

export interface DeployPolicyInput {
  readonly name: string;
  readonly region: string;
  /** Pulumi type tokens in the plan, e.g. `aws:rds/instance:Instance`. */
  readonly resourceTypes: readonly string[];
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
  const pulumi: IamStatement[] = [
    {
      Sid: "PulumiManagesThePlan",
      Effect: "Allow",
      // The provider reads and writes each managed resource type of the plan; IAM is scoped below instead.
      Action: prefixes.filter((p) => p !== "iam").map((p) => `${p}:*`),
      Resource: "*",
    },
    {
      Sid: "PulumiManagesTheStackRoles",
      Effect: "Allow",
      Action: ["iam:CreateRole", "iam:DeleteRole", "iam:GetRole", "iam:TagRole", "iam:UntagRole", "iam:UpdateRole", "iam:UpdateAssumeRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole", "iam:GetRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy"],
      Resource: roles,
    },
    {
      Sid: "ServiceLinkedRolesOnFirstUse",
      Effect: "Allow",
      Action: ["iam:CreateServiceLinkedRole"],
      Resource: "*",
      Condition: { StringEquals: { "iam:AWSServiceName": ["ecs.amazonaws.com", "rds.amazonaws.com", "elasticache.amazonaws.com", "elasticloadbalancing.amazonaws.com"] } },
    },
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
      Resource: `arn:aws:logs:${region}:*:log-group:/asc/${name}-*:*`,
    },
  ];
  return { Version: "2012-10-17", Statement: input.scope === "runtime" ? asc : [...pulumi, ...asc] };
}
