/**
 * Chooses the migration runner for a target's cloud. The runner module and its cloud SDK are imported on the
 * first `run`, so an AWS deploy never loads the Azure SDK (and the reverse), and importing this file is cheap.
 */
import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { ECSClient } from "@aws-sdk/client-ecs";
import type { TokenCredential } from "@azure/identity";
import type { AwsCredentialIdentityProvider } from "../credentials/clients.js";
import type { MigrationRequest, MigrationResult, MigrationRunner, MigrationTarget } from "../types.js";
import type { ContainerAppsJobsApi } from "./azure-job-runner.js";
import type { Clock } from "./clock.js";

/** Everything is optional: a missing client is created from the target (region, subscription) with default credentials. */
export interface MigrationRunnerDeps {
  /** @default `new ECSClient({ region: target.region })` */
  readonly ecs?: ECSClient;
  /** @default `new CloudWatchLogsClient({ region: target.region })` */
  readonly logs?: CloudWatchLogsClient;
  /** @default `new ContainerAppsAPIClient(new DefaultAzureCredential(), target.subscriptionId)` */
  readonly containerApps?: ContainerAppsJobsApi;
  /** The credential the run proved in validate (credentials/session.ts); @default the SDK's default chain */
  readonly aws?: AwsCredentialIdentityProvider;
  /** The Azure credential the run proved in validate; @default DefaultAzureCredential */
  readonly azure?: TokenCredential;
  /** @default the system clock */
  readonly clock?: Clock;
  /**
   * Time between status checks of a cloud run.
   * @default 5000
   */
  readonly pollIntervalMs?: number;
  /**
   * Grace period between SIGTERM and SIGKILL for a local run.
   * @default 5000
   */
  readonly forceKillAfterMs?: number;
}

export function createMigrationRunner(target: MigrationTarget, deps: MigrationRunnerDeps = {}): MigrationRunner {
  const common = { ...(deps.clock ? { clock: deps.clock } : {}), ...(deps.pollIntervalMs !== undefined ? { pollIntervalMs: deps.pollIntervalMs } : {}) };
  switch (target.cloud) {
    case "aws":
      return lazyRunner(async () => {
        const [{ AwsEcsMigrationRunner }, ecsSdk, logsSdk] = await Promise.all([
          import("./aws-ecs-runner.js"),
          deps.ecs ? undefined : import("@aws-sdk/client-ecs"),
          deps.logs ? undefined : import("@aws-sdk/client-cloudwatch-logs"),
        ]);
        const credentials = deps.aws ? { credentials: deps.aws } : {};
        const ecs = deps.ecs ?? new ecsSdk!.ECSClient({ region: target.region, ...credentials });
        const logs = deps.logs ?? new logsSdk!.CloudWatchLogsClient({ region: target.region, ...credentials });
        return new AwsEcsMigrationRunner({ ecs, logs, ...common });
      });
    case "azure":
      return lazyRunner(async () => {
        const { AzureJobMigrationRunner } = await import("./azure-job-runner.js");
        const api = deps.containerApps ?? (await defaultContainerAppsClient(target.subscriptionId, deps.azure));
        return new AzureJobMigrationRunner({ api, ...common });
      });
    case "local":
      return lazyRunner(async () => {
        const { LocalCommandMigrationRunner } = await import("./local-runner.js");
        return new LocalCommandMigrationRunner({ ...(deps.clock ? { clock: deps.clock } : {}), ...(deps.forceKillAfterMs !== undefined ? { forceKillAfterMs: deps.forceKillAfterMs } : {}) });
      });
  }
}

async function defaultContainerAppsClient(subscriptionId: string, credential?: TokenCredential): Promise<ContainerAppsJobsApi> {
  const [{ ContainerAppsAPIClient }, { DefaultAzureCredential }] = await Promise.all([import("@azure/arm-appcontainers"), import("@azure/identity")]);
  return new ContainerAppsAPIClient(credential ?? new DefaultAzureCredential(), subscriptionId);
}

/** A runner that builds the real one on first use and reuses it afterwards. */
function lazyRunner(build: () => Promise<MigrationRunner>): MigrationRunner {
  let runner: Promise<MigrationRunner> | undefined;
  return {
    async run(request: MigrationRequest, signal: AbortSignal): Promise<MigrationResult> {
      runner ??= build();
      return (await runner).run(request, signal);
    },
  };
}
