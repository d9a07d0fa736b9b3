/**
 * A fake ECS and CloudWatch Logs endpoint on local HTTP, answered through the REAL SDK clients (endpoint override).
 * It speaks the AWS JSON 1.1 protocol the way the services do: `POST /`, the operation in the `X-Amz-Target`
 * header (`AmazonEC2ContainerServiceV20141113.<Op>`, `Logs_20140328.<Op>`), a JSON body, timestamps as epoch
 * seconds, and errors as HTTP 400 with `{"__type", "message"}` (ThrottlingException, ExpiredTokenException).
 *
 * Modelled behaviour: a task is MISSING from DescribeTasks right after RunTask (eventual consistency); a service's
 * deployments list as DescribeServices returns them, including a deployment the circuit breaker rolled back.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { ECSClient } from "@aws-sdk/client-ecs";

export interface FakeDeployment {
  readonly id: string;
  readonly status: "PRIMARY" | "ACTIVE" | "INACTIVE";
  readonly taskDefinition: string;
  readonly rolloutState?: "COMPLETED" | "FAILED" | "IN_PROGRESS";
  readonly rolloutStateReason?: string;
  readonly createdAt: Date;
}

export interface FakeServiceDeployment {
  readonly serviceDeploymentArn: string;
  readonly status: string;
  readonly statusReason?: string;
  readonly createdAt: Date;
  readonly targetTaskDefinition: string;
}

export interface FakeTask {
  /** DescribeTasks answers MISSING this many times first (eventual consistency after RunTask). */
  missing: number;
  /** lastStatus of each later DescribeTasks call; the last one repeats. */
  readonly statuses: string[];
  readonly exitCode?: number;
  readonly stopCode?: string;
  stopped?: string;
}

export type FakeFault = "ThrottlingException" | "ExpiredTokenException";

export interface EcsCall {
  readonly operation: string;
  readonly body: Record<string, any>;
  readonly fault?: FakeFault;
}

export const CLUSTER_ARN = "arn:aws:ecs:eu-west-1:123456789012:cluster/app";
export const taskDefinitionArn = (family: string, revision: number) => `arn:aws:ecs:eu-west-1:123456789012:task-definition/${family}:${revision}`;

export class FakeEcs {
  readonly calls: EcsCall[] = [];
  /** Service name → deployments, as DescribeServices lists them. */
  readonly services = new Map<string, FakeDeployment[]>();
  /** Service name → service deployments, as ListServiceDeployments lists them. */
  readonly serviceDeployments = new Map<string, FakeServiceDeployment[]>();
  /** Task definition ARN → containers. */
  readonly taskDefinitions = new Map<string, { name: string; image: string }[]>();
  readonly tasks = new Map<string, FakeTask>();
  /** Service name → its RUNNING tasks (ListTasks by serviceName, DescribeTasks), with the digest each container pulled. */
  readonly serviceTasks = new Map<string, { taskArn: string; containers: { name: string; image: string; imageDigest: string }[] }[]>();
  /** The next task RunTask starts. */
  nextTask: FakeTask = { missing: 1, statuses: ["PENDING", "RUNNING", "STOPPED"], exitCode: 0, stopCode: "EssentialContainerExited" };
  /** Log lines GetLogEvents returns. */
  logLines: string[] = [];
  private faults: { operation: string; fault: FakeFault; times: number; skip: number }[] = [];
  private server?: Server;
  url = "";

  /** After `skip` matching calls, the next `times` calls of `operation` fail with `fault` ("*" matches any operation). */
  fail(operation: string, fault: FakeFault, times = 1, skip = 0): void {
    this.faults.push({ operation, fault, times, skip });
  }

  operations(): string[] {
    return this.calls.map((c) => (c.fault ? `${c.operation}!${c.fault}` : c.operation));
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Real SDK clients pointed at this fake, with static test credentials and retries that do not sleep. */
  clients(): { ecs: ECSClient; logs: CloudWatchLogsClient } {
    const config = { region: "eu-west-1", endpoint: this.url, credentials: { accessKeyId: "AKIDFAKE", secretAccessKey: "fake-secret" }, retryStrategy: noDelayRetries(3) };
    return { ecs: new ECSClient(config), logs: new CloudWatchLogsClient(config) };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const target = String(req.headers["x-amz-target"] ?? "");
    const operation = target.split(".").pop() ?? "";
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : {};
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": `req-${this.calls.length}` });
      res.end(JSON.stringify(payload));
    };
    if (req.method !== "POST" || req.headers["content-type"] !== "application/x-amz-json-1.1" || !/^(AmazonEC2ContainerServiceV20141113|Logs_20140328)\./.test(target)) {
      return send(400, { __type: "UnknownOperationException", message: `not an AWS JSON 1.1 call: ${req.method} ${target}` });
    }
    const matching = this.faults.filter((f) => f.times > 0 && (f.operation === operation || f.operation === "*"));
    const fault = matching.find((f) => f.skip === 0);
    for (const f of matching) if (f.skip > 0) f.skip -= 1;
    if (fault) {
      fault.times -= 1;
      this.calls.push({ operation, body, fault: fault.fault });
      return send(400, { __type: fault.fault, message: fault.fault === "ThrottlingException" ? "Rate exceeded" : "The security token included in the request is expired" });
    }
    this.calls.push({ operation, body });
    const answer = this.answer(operation, body);
    if (answer === undefined) return send(400, { __type: "UnknownOperationException", message: operation });
    return send(answer && typeof answer === "object" && "__type" in answer ? 400 : 200, answer);
  }

  private answer(operation: string, body: Record<string, any>): unknown {
    const epoch = (d: Date) => d.getTime() / 1000;
    switch (operation) {
      case "DescribeServices": {
        const names: string[] = body.services ?? [];
        const found = names.filter((n) => this.services.has(n));
        return {
          services: found.map((n) => {
            const deployments = this.services.get(n)!;
            const primary = deployments.find((d) => d.status === "PRIMARY");
            return {
              serviceName: n,
              serviceArn: `arn:aws:ecs:eu-west-1:123456789012:service/app/${n}`,
              clusterArn: body.cluster,
              status: "ACTIVE",
              taskDefinition: primary?.taskDefinition,
              deployments: deployments.map((d) => ({ ...d, createdAt: epoch(d.createdAt), updatedAt: epoch(d.createdAt) })),
            };
          }),
          failures: names.filter((n) => !this.services.has(n)).map((n) => ({ arn: `arn:aws:ecs:eu-west-1:123456789012:service/app/${n}`, reason: "MISSING" })),
        };
      }
      case "ListServiceDeployments": {
        const name = String(body.service).split("/").pop()!;
        const after = body.createdAt?.after;
        const list = (this.serviceDeployments.get(name) ?? []).filter((d) => after === undefined || epoch(d.createdAt) >= after);
        return { serviceDeployments: list.map((d) => ({ serviceDeploymentArn: d.serviceDeploymentArn, status: d.status, statusReason: d.statusReason, createdAt: epoch(d.createdAt), targetServiceRevisionArn: `${d.serviceDeploymentArn}/revision` })) };
      }
      case "DescribeServiceRevisions": {
        const arns: string[] = body.serviceRevisionArns ?? [];
        const all = [...this.serviceDeployments.values()].flat();
        return { serviceRevisions: arns.flatMap((a) => all.filter((d) => `${d.serviceDeploymentArn}/revision` === a).map((d) => ({ serviceRevisionArn: a, taskDefinition: d.targetTaskDefinition }))), failures: [] };
      }
      case "DescribeTaskDefinition": {
        const containers = this.taskDefinitions.get(body.taskDefinition);
        if (!containers) return { __type: "ClientException", message: "Unable to describe task definition." };
        return { taskDefinition: { taskDefinitionArn: body.taskDefinition, containerDefinitions: containers } };
      }
      case "RunTask": {
        const arn = `arn:aws:ecs:eu-west-1:123456789012:task/app/${(this.tasks.size + 1).toString(16).padStart(32, "0")}`;
        this.tasks.set(arn, { ...this.nextTask, statuses: [...this.nextTask.statuses] });
        return { tasks: [{ taskArn: arn, lastStatus: "PROVISIONING" }], failures: [] };
      }
      case "ListTasks":
        return { taskArns: (this.serviceTasks.get(body.serviceName) ?? []).map((t) => t.taskArn) };
      case "DescribeTasks": {
        const arns: string[] = body.tasks ?? [];
        const tasks: unknown[] = [];
        const failures: unknown[] = [];
        const running = [...this.serviceTasks.values()].flat();
        for (const arn of arns) {
          const serviceTask = running.find((t) => t.taskArn === arn);
          if (serviceTask) {
            tasks.push({ ...serviceTask, lastStatus: "RUNNING", containers: serviceTask.containers.map((c) => ({ ...c, lastStatus: "RUNNING" })) });
            continue;
          }
          const t = this.tasks.get(arn);
          if (!t || t.missing > 0) {
            if (t) t.missing -= 1;
            failures.push({ arn, reason: "MISSING" });
            continue;
          }
          const lastStatus = t.stopped ? "STOPPED" : t.statuses.length > 1 ? t.statuses.shift()! : t.statuses[0];
          const stopped = lastStatus === "STOPPED";
          tasks.push({ taskArn: arn, lastStatus, ...(stopped ? { stopCode: t.stopped ? "UserInitiated" : t.stopCode, stoppedReason: t.stopped ?? "Essential container in task exited" } : {}), containers: [{ name: "migrate", lastStatus, ...(stopped && !t.stopped && t.exitCode !== undefined ? { exitCode: t.exitCode } : {}) }] });
        }
        return { tasks, failures };
      }
      case "StopTask": {
        const t = this.tasks.get(body.task);
        if (t) t.stopped = body.reason ?? "stopped";
        return { task: { taskArn: body.task, lastStatus: "STOPPED" } };
      }
      case "GetLogEvents":
        return body.nextToken ? { events: [], nextForwardToken: body.nextToken } : { events: this.logLines.map((message, i) => ({ timestamp: 1_700_000_000_000 + i, message })), nextForwardToken: "f/1" };
      default:
        return undefined;
    }
  }
}

/**
 * The SDK's retry strategy interface (smithy RetryStrategyV2) with the standard decision (retry throttling and
 * transient errors up to maxAttempts) and no delay, so a throttled call costs no real time in tests.
 */
function noDelayRetries(maxAttempts: number) {
  const token = (count: number) => ({ getRetryCount: () => count, getRetryDelay: () => 0 });
  return {
    mode: "standard",
    acquireInitialRetryToken: async () => token(0),
    refreshRetryTokenForRetry: async (previous: { getRetryCount(): number }, info: { errorType: string }) => {
      const next = previous.getRetryCount() + 1;
      if (next >= maxAttempts || (info.errorType !== "THROTTLING" && info.errorType !== "TRANSIENT")) throw new Error("no more retries");
      return token(next);
    },
    recordSuccess: () => undefined,
  };
}
