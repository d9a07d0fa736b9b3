/**
 * checkEcsRollout through the real ECSClient against the fake ECS endpoint: what the platform reports decides,
 * including the cases `pulumi up` cannot see (a forced redeploy rolled back to the same task definition).
 */
import { checkEcsRollout } from "../../../src/deploy/rollout/aws-ecs.js";
import type { RolloutRequest } from "../../../src/deploy/rollout/types.js";
import { CLUSTER_ARN, FakeEcs, taskDefinitionArn } from "../../helpers/fake-cloud/fake-ecs.js";
import { awsStackOutputs } from "../../helpers/fake-pulumi/world.js";

const IMAGE = "ghcr.io/acme/api:v2";
const TD43 = taskDefinitionArn("app-api", 43);
const SINCE = new Date("2026-12-01T10:00:00Z");
const after = (s: number) => new Date(SINCE.getTime() + s * 1000);
const target = awsStackOutputs().migration as RolloutRequest["target"];
const request = (extra: Partial<RolloutRequest> = {}): RolloutRequest => ({ target, services: [{ service: "api", name: "app-api", image: IMAGE }], since: SINCE, ...extra });

let ecs: FakeEcs;
beforeEach(async () => {
  ecs = await new FakeEcs().start();
  ecs.taskDefinitions.set(TD43, [{ name: "api", image: IMAGE }]);
});
afterEach(() => ecs.stop());

describe("checkEcsRollout", () => {
  it("GIVEN the update's deployment is PRIMARY on the new task definition and COMPLETED THEN ok, asking DescribeServices for the stack's cluster", async () => {
    ecs.services.set("app-api", [{ id: "ecs-svc/9", status: "PRIMARY", taskDefinition: TD43, rolloutState: "COMPLETED", createdAt: after(20) }]);
    const [result] = await checkEcsRollout(ecs.clients().ecs, request());
    expect(result).toMatchObject({ ok: true, expected: TD43, actual: TD43, actualImages: [IMAGE] });
    expect(ecs.calls[0]).toEqual({ operation: "DescribeServices", body: { cluster: CLUSTER_ARN, services: ["app-api"] } });
    expect(ecs.calls.find((c) => c.operation === "ListServiceDeployments")?.body).toEqual({ cluster: CLUSTER_ARN, service: "app-api", createdAt: { after: SINCE.getTime() / 1000 } });
  });

  it("GIVEN a forced redeploy (same task definition ARN) that ECS rolled back, visible only in ListServiceDeployments THEN failed, naming the deployment", async () => {
    ecs.services.set("app-api", [{ id: "ecs-svc/10", status: "PRIMARY", taskDefinition: TD43, rolloutState: "COMPLETED", createdAt: after(400) }]);
    ecs.serviceDeployments.set("app-api", [
      { serviceDeploymentArn: "arn:aws:ecs:eu-west-1:123456789012:service-deployment/app/app-api/old", status: "SUCCESSFUL", createdAt: new Date("2026-11-01T00:00:00Z"), targetTaskDefinition: TD43 },
      { serviceDeploymentArn: "arn:aws:ecs:eu-west-1:123456789012:service-deployment/app/app-api/forced", status: "ROLLBACK_SUCCESSFUL", statusReason: "circuit breaker", createdAt: after(10), targetTaskDefinition: TD43 },
    ]);
    const [result] = await checkEcsRollout(ecs.clients().ecs, request());
    expect(result.ok).toBe(false);
    expect(result.message).toBe(`ECS rolled the deployment back: service deployment arn:aws:ecs:eu-west-1:123456789012:service-deployment/app/app-api/forced is ROLLBACK_SUCCESSFUL (circuit breaker); the service runs ${TD43}`);
    expect(ecs.operations()).toEqual(["DescribeServices", "DescribeTaskDefinition", "ListServiceDeployments", "DescribeServiceRevisions"]);
  });

  it("GIVEN a PRIMARY deployment still IN_PROGRESS THEN failed: not COMPLETED", async () => {
    ecs.services.set("app-api", [{ id: "ecs-svc/11", status: "PRIMARY", taskDefinition: TD43, rolloutState: "IN_PROGRESS", createdAt: after(20) }]);
    const [result] = await checkEcsRollout(ecs.clients().ecs, request());
    expect(result).toMatchObject({ ok: false, expected: TD43, actual: TD43, message: "the PRIMARY deployment ecs-svc/11 is IN_PROGRESS, not COMPLETED" });
  });

  it("GIVEN DescribeServices is throttled once THEN the SDK retries it and the check succeeds", async () => {
    ecs.services.set("app-api", [{ id: "ecs-svc/9", status: "PRIMARY", taskDefinition: TD43, rolloutState: "COMPLETED", createdAt: after(20) }]);
    ecs.fail("DescribeServices", "ThrottlingException");
    const [result] = await checkEcsRollout(ecs.clients().ecs, request({ since: undefined }));
    expect(result.ok).toBe(true);
    expect(ecs.operations()).toEqual(["DescribeServices!ThrottlingException", "DescribeServices", "DescribeTaskDefinition"]);
  });

  it("GIVEN expired credentials THEN a failed result with the fix, no retry, nothing else called", async () => {
    ecs.fail("*", "ExpiredTokenException");
    const [result] = await checkEcsRollout(ecs.clients().ecs, request());
    expect(result.ok).toBe(false);
    expect(result.message).toContain("DescribeServices failed: ExpiredTokenException: The security token included in the request is expired; fix: the AWS credentials expired");
    expect(ecs.operations()).toEqual(["DescribeServices!ExpiredTokenException"]);
  });

  it("GIVEN an image pinned by digest THEN every RUNNING task must have pulled that digest (DescribeTasks imageDigest)", async () => {
    const digest = `sha256:${"c".repeat(64)}`;
    const pinned = `ghcr.io/acme/api@${digest}`;
    const td = taskDefinitionArn("app-api", 44);
    ecs.taskDefinitions.set(td, [{ name: "api", image: pinned }]);
    ecs.services.set("app-api", [{ id: "ecs-svc/12", status: "PRIMARY", taskDefinition: td, rolloutState: "COMPLETED", createdAt: after(20) }]);
    const task = (id: string, d: string) => ({ taskArn: `arn:aws:ecs:eu-west-1:123456789012:task/app/${id}`, containers: [{ name: "api", image: pinned, imageDigest: d }] });
    ecs.serviceTasks.set("app-api", [task("t1", digest), task("t2", `sha256:${"d".repeat(64)}`)]);

    const [result] = await checkEcsRollout(ecs.clients().ecs, request({ since: undefined, services: [{ service: "api", name: "app-api", image: pinned }] }));

    expect(result).toMatchObject({ ok: false, actual: td, message: `task arn:aws:ecs:eu-west-1:123456789012:task/app/t2 runs digest sha256:${"d".repeat(64)}, not ${digest}` });
    expect(ecs.calls.find((c) => c.operation === "ListTasks")?.body).toEqual({ cluster: CLUSTER_ARN, serviceName: "app-api", desiredStatus: "RUNNING" });

    ecs.serviceTasks.set("app-api", [task("t1", digest)]);
    const [ok] = await checkEcsRollout(ecs.clients().ecs, request({ since: undefined, services: [{ service: "api", name: "app-api", image: pinned }] }));
    expect(ok.ok).toBe(true);
  });

  it("GIVEN a service ECS does not know THEN failed with the MISSING reason", async () => {
    const [result] = await checkEcsRollout(ecs.clients().ecs, request());
    expect(result).toMatchObject({ ok: false, actual: null, message: `service app-api not found in ${CLUSTER_ARN} (MISSING)` });
  });
});
