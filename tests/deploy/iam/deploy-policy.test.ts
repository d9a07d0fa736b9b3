/**
 * `asc policy iam`: the deploy role's IAM policy covers every resource type of the plan and every AWS call asc's
 * own code makes (found by reading src/ for the SDK commands it sends), with the stack's roles passable to ECS
 * tasks only.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { deployPolicy, servicePrefixes, type IamPolicyDocument } from "../../../src/deploy/iam/deploy-policy.js";
import { REPO_ROOT, runAsc } from "../../helpers/cli.js";

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

let production: IamPolicyDocument;
beforeAll(async () => {
  const result = await runAsc(["policy", "iam", "--profile", "aws-production"]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  production = JSON.parse(result.stdout) as IamPolicyDocument;
});

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
    const runtime = JSON.parse((await runAsc(["policy", "iam", "--profile", "aws-production", "--scope", "runtime"])).stdout) as IamPolicyDocument;
    for (const { action, file } of calls) {
      if (action === "sts:GetCallerIdentity") continue;
      expect({ action, file, deploy: allows(production, action), runtime: allows(runtime, action) }).toEqual({ action, file, deploy: true, runtime: true });
    }
    expect(runtime.Statement.some((s) => s.Action.some((a) => a.endsWith(":*")))).toBe(false);
  });

  it("GIVEN the stack's roles THEN they may be passed to ECS tasks only, and RunTask only on the stack's task definitions in its clusters", () => {
    const pass = production.Statement.find((s) => s.Action.includes("iam:PassRole"))!;
    expect(pass.Resource).toBe("arn:aws:iam::*:role/asc-prod-*");
    expect(pass.Condition).toEqual({ StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } });
    const run = production.Statement.find((s) => s.Action.includes("ecs:RunTask"))!;
    expect(run.Resource).toBe("arn:aws:ecs:eu-west-1:*:task-definition/asc-prod-*");
    expect(run.Condition).toEqual({ ArnLike: { "ecs:cluster": "arn:aws:ecs:eu-west-1:*:cluster/asc-prod-*" } });
    expect(production.Statement.filter((s) => s.Action.includes("iam:*"))).toEqual([]);
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
