/**
 * `asc policy iam`: the deploy role's IAM policy covers every resource type of the plan and every AWS call asc's
 * own code makes (found by reading src/ for the SDK commands it sends); the stack's roles, log groups and buckets
 * (named as the offline plan of aws-production names them) are covered by statements scoped to their names.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { deployPolicy, servicePrefixes, type IamPolicyDocument } from "../../../src/deploy/iam/deploy-policy.js";
import { REPO_ROOT, runAsc } from "../../helpers/cli.js";
import type { PlanResource, PlanV1 } from "../../../src/preview/plan.js";

/** Every `new <X>Command(` in src/, as the IAM action of the AWS SDK client package that exports that command. */
async function sdkActionsInSource(): Promise<{ action: string; file: string }[]> {
  const clients: [string, Record<string, unknown>][] = [
    ["ecs", await import("@aws-sdk/client-ecs")],
    ["logs", await import("@aws-sdk/client-cloudwatch-logs")],
    ["sts", await import("@aws-sdk/client-sts")],
  ];
  const out: { action: string; file: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ts")) {
        for (const m of readFileSync(full, "utf8").matchAll(/new ([A-Z][A-Za-z]+)Command\(/g)) {
          const owner = clients.find(([, mod]) => typeof mod[`${m[1]}Command`] === "function");
          if (owner) out.push({ action: `${owner[0]}:${m[1]}`, file: path.relative(REPO_ROOT, full) });
        }
      }
    }
  };
  walk(path.join(REPO_ROOT, "src"));
  return out;
}

const allows = (doc: IamPolicyDocument, action: string) => doc.Statement.some((s) => s.Action.includes(action) || s.Action.includes(`${action.split(":")[0]}:*`));

/** IAM's wildcard match of an action or a resource ARN: `*` any run of characters, `?` one character. */
const globMatches = (pattern: string, value: string, caseInsensitive = false) =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, caseInsensitive ? "i" : "").test(value);
/** The statements that allow `action` on `arn` (conditions are asserted apart). */
const allowing = (doc: IamPolicyDocument, action: string, arn: string) =>
  doc.Statement.filter((s) => s.Action.some((a) => globMatches(a, action, true)) && [s.Resource].flat().some((r) => globMatches(r, arn)));

let production: IamPolicyDocument;
let runtime: IamPolicyDocument;
let plan: PlanV1;
beforeAll(async () => {
  const result = await runAsc(["policy", "iam", "--profile", "aws-production"]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  production = JSON.parse(result.stdout) as IamPolicyDocument;
  runtime = JSON.parse((await runAsc(["policy", "iam", "--profile", "aws-production", "--scope", "runtime"])).stdout) as IamPolicyDocument;
  const preview = await runAsc(["preview", "--profile", "aws-production", "--offline", "--json"]);
  expect(preview.code).toBe(0);
  plan = JSON.parse(preview.stdout) as PlanV1;
});

/**
 * The physical name a plan resource gets: its explicit `name`, else Pulumi's autoname (the logical name, `-` and
 * 7 random characters; a fixed stand-in here).
 */
const AUTONAME_SUFFIX = "-0a1b2c3";
const physicalName = (r: PlanResource): string => {
  expect(r.inputs.namePrefix).toBeUndefined();
  return typeof r.inputs.name === "string" ? r.inputs.name : `${r.name}${AUTONAME_SUFFIX}`;
};
const ACCOUNT = "123456789012";

describe("the deploy role's IAM policy", () => {
  it("GIVEN the production profile THEN a valid policy document with unique statement ids", () => {
    expect(production.Version).toBe("2012-10-17");
    const sids = production.Statement.map((s) => s.Sid);
    expect(new Set(sids).size).toBe(sids.length);
    for (const s of production.Statement) {
      expect(s.Effect).toBe("Allow");
      expect(s.Action.length).toBeGreaterThan(0);
      for (const a of s.Action) expect(a).toMatch(/^[a-z0-9-]+:[A-Za-z*]+$/);
    }
  });

  it("GIVEN asc's own AWS SDK calls THEN each is allowed, in both scopes (GetCallerIdentity needs no permission)", async () => {
    const calls = await sdkActionsInSource();
    expect(calls.map((c) => c.action)).toEqual(expect.arrayContaining(["ecs:RunTask", "ecs:DescribeServices", "logs:GetLogEvents"]));
    for (const { action, file } of calls) {
      if (action === "sts:GetCallerIdentity") continue;
      expect({ action, file, deploy: allows(production, action), runtime: allows(runtime, action) }).toEqual({ action, file, deploy: true, runtime: true });
    }
    expect(runtime.Statement.some((s) => s.Action.some((a) => a.endsWith(":*")))).toBe(false);
  });

  it("GIVEN the stack's roles THEN they may be passed to ECS tasks under the ecs-tasks condition, and RunTask only on the stack's task definitions in its clusters", () => {
    const pass = production.Statement.find((s) => s.Sid === "PassTheStackRolesToEcsTasks")!;
    expect(pass.Resource).toBe("arn:aws:iam::*:role/asc-prod-*");
    expect(pass.Condition).toEqual({ StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } });
    const run = production.Statement.find((s) => s.Action.includes("ecs:RunTask"))!;
    expect(run.Resource).toBe("arn:aws:ecs:eu-west-1:*:task-definition/asc-prod-*");
    expect(run.Condition).toEqual({ ArnLike: { "ecs:cluster": "arn:aws:ecs:eu-west-1:*:cluster/asc-prod-*" } });
    expect(production.Statement.filter((s) => s.Action.includes("iam:*"))).toEqual([]);
  });

  it("GIVEN the log groups of the production plan THEN each name is covered by the log-group statement, and no statement allows logs on every resource", () => {
    const groups = plan.resources.filter((r) => r.type === "aws:cloudwatch/logGroup:LogGroup").map(physicalName).sort();
    expect(groups).toEqual([
      "/aws/rds/instance/asc-prod-db/postgresql",
      "/aws/rds/instance/asc-prod-db/upgrade",
      `asc-prod-api-logs${AUTONAME_SUFFIX}`,
      `asc-prod-migrate-logs${AUTONAME_SUFFIX}`,
      `asc-prod-network-flow-logs${AUTONAME_SUFFIX}`,
      `asc-prod-web-logs${AUTONAME_SUFFIX}`,
      `asc-prod-worker-logs${AUTONAME_SUFFIX}`,
    ]);
    for (const group of groups) {
      for (const arn of [`arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:${group}`, `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:${group}:*`]) {
        for (const action of ["logs:CreateLogGroup", "logs:AssociateKmsKey", "logs:PutRetentionPolicy", "logs:TagResource", "logs:ListTagsForResource", "logs:DeleteLogGroup"]) {
          expect({ arn, action, sids: allowing(production, action, arn).map((s) => s.Sid) }).toEqual({ arn, action, sids: ["PulumiManagesTheStackLogGroups"] });
        }
      }
      // Another region's log group of the same name is not covered.
      expect(allowing(production, "logs:CreateLogGroup", `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${group}`)).toEqual([]);
    }
    expect(allowing(production, "logs:CreateLogGroup", `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:other-stack-api-logs`)).toEqual([]);
    expect(allowing(production, "logs:DescribeLogGroups", "*").map((s) => s.Sid)).toEqual(["PulumiReadsLogGroups"]);
  });

  it("GIVEN the migration task's log group THEN asc may read its streams, in both scopes", () => {
    const migrate = physicalName(plan.resources.find((r) => r.type === "aws:cloudwatch/logGroup:LogGroup" && r.name === "asc-prod-migrate-logs")!);
    const stream = `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:${migrate}:log-stream:migrate/migrate/0123456789abcdef`;
    expect(allowing(production, "logs:GetLogEvents", stream).map((s) => s.Sid)).toEqual(["AscReadsMigrationLogs"]);
    expect(allowing(runtime, "logs:GetLogEvents", stream).map((s) => s.Sid)).toEqual(["AscReadsMigrationLogs"]);
  });

  it("GIVEN the roles of the production plan THEN each is managed by name, passed only where it is used, and only the plan's managed policy may be attached", () => {
    const roles = plan.resources.filter((r) => r.type === "aws:iam/role:Role");
    expect(roles.length).toBeGreaterThan(8);
    const passSids = (role: string) => allowing(production, "iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/${role}`).map((s) => s.Sid).sort();
    for (const r of roles) {
      const role = physicalName(r);
      const arn = `arn:aws:iam::${ACCOUNT}:role/${role}`;
      for (const action of ["iam:CreateRole", "iam:GetRole", "iam:TagRole", "iam:PutRolePolicy", "iam:ListAttachedRolePolicies", "iam:DeleteRole"]) {
        expect({ role, action, sids: allowing(production, action, arn).map((s) => s.Sid) }).toEqual({ role, action, sids: ["PulumiManagesTheStackRoles"] });
      }
      const expected = r.name.endsWith("-monitoring-role")
        ? ["PassTheMonitoringRoleToRds", "PassTheStackRolesToEcsTasks"]
        : r.name.endsWith("-flow-logs-role")
          ? ["PassTheFlowLogsRoleToVpcFlowLogs", "PassTheStackRolesToEcsTasks"]
          : ["PassTheStackRolesToEcsTasks"];
      expect({ role, sids: passSids(role) }).toEqual({ role, sids: expected });
    }
    expect(roles.map((r) => r.name)).toEqual(expect.arrayContaining(["asc-prod-db-monitoring-role", "asc-prod-network-flow-logs-role"]));
    const attachments = plan.resources.filter((r) => r.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment");
    expect(attachments.map((a) => a.inputs.policyArn)).toEqual(["arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"]);
    const monitoringRole = `arn:aws:iam::${ACCOUNT}:role/${physicalName(roles.find((r) => r.name === "asc-prod-db-monitoring-role")!)}`;
    for (const action of ["iam:AttachRolePolicy", "iam:DetachRolePolicy"]) {
      const [attach, ...others] = allowing(production, action, monitoringRole);
      expect(others).toEqual([]);
      expect(attach).toMatchObject({ Sid: "PulumiAttachesThePlansManagedPolicies", Condition: { ArnEquals: { "iam:PolicyARN": ["arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"] } } });
    }
    expect(passSids("other-stack-db-monitoring-role-0a1b2c3")).toEqual([]);
    expect(allowing(production, "iam:CreateRole", `arn:aws:iam::${ACCOUNT}:role/other-stack-api-task-role`)).toEqual([]);
  });

  it("GIVEN the buckets of the production plan THEN their logging, encryption and policy are managed by name only", () => {
    const buckets = plan.resources.filter((r) => r.type === "aws:s3/bucket:Bucket").map(physicalName).sort();
    expect(buckets).toEqual([`asc-prod-lb-access-logs${AUTONAME_SUFFIX}`, `asc-prod-storage-access-logs${AUTONAME_SUFFIX}`, `asc-prod-storage-bucket${AUTONAME_SUFFIX}`]);
    for (const bucket of buckets) {
      for (const action of ["s3:CreateBucket", "s3:PutBucketLogging", "s3:GetBucketLogging", "s3:PutBucketPolicy", "s3:PutEncryptionConfiguration", "s3:PutLifecycleConfiguration", "s3:PutBucketOwnershipControls"]) {
        expect({ bucket, action, sids: allowing(production, action, `arn:aws:s3:::${bucket}`).map((s) => s.Sid) }).toEqual({ bucket, action, sids: ["PulumiManagesTheStackBuckets"] });
      }
    }
    expect(allowing(production, "s3:PutBucketLogging", "arn:aws:s3:::other-stack-storage-bucket")).toEqual([]);
  });

  it("GIVEN the logs key THEN KMS is managed by service (key ARNs carry no name), and no IAM, logs or S3 action is granted by service", () => {
    expect(plan.resources.filter((r) => r.type === "aws:kms/key:Key").map((r) => r.name)).toEqual(expect.arrayContaining(["asc-prod-logs-key"]));
    const byService = production.Statement.find((s) => s.Sid === "PulumiManagesThePlan")!;
    expect(byService.Resource).toBe("*");
    expect(byService.Action).toContain("kms:*");
    expect(byService.Action.filter((a) => ["iam:*", "logs:*", "s3:*"].includes(a))).toEqual([]);
  });

  it("GIVEN a resource type of a module asc has no IAM prefix for THEN it refuses instead of leaving it out", () => {
    expect(servicePrefixes(["aws:rds/instance:Instance", "aws:wafv2/webAcl:WebAcl"])).toEqual({ prefixes: ["rds"], unknown: ["wafv2"] });
    expect(() => deployPolicy({ name: "x", region: "eu-west-1", resourceTypes: ["aws:wafv2/webAcl:WebAcl"] })).toThrow("wafv2");
  });

  it("GIVEN an Azure profile THEN exit 2: Azure uses role assignments", async () => {
    const result = await runAsc(["policy", "iam", "--profile", "azure-dev"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("asc policy iam is for AWS profiles");
  });
});
