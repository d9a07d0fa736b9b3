/**
 * ContainerAppService: one app service (api, web or the dedicated worker) on Azure Container Apps, running as its
 * user-assigned identity, with its env from the env contract (secrets as Key Vault references, never values),
 * health probes, a fixed replica count and HTTPS-only ingress when it serves traffic.
 */
import * as app from "@pulumi/azure-native/app/index.js";
import * as pulumi from "@pulumi/pulumi";
import type { EnvEntry } from "../../contract/types.js";
import { definedOnly, type AzureTags } from "./args.js";
import { CONSUMPTION_PROFILE } from "./container-apps-environment.js";
import { containerAppRegistries, type RegistryPull } from "./image-pull.js";
import { toContainerAppEnvironment, type ContainerAppProbe } from "./container-env.js";
import { CONTAINER_APP_NAME } from "./names.js";

export const CONTAINER_APP_TYPE = "asc:azure:ContainerApp";

export type ContainerAppServiceName = "api" | "web" | "worker";

/** Tag the policy pack reads to know which service a container app or job runs. */
export const SERVICE_TAG = "asc-service";

export interface ContainerAppIngressArgs {
  /** Port the container listens on. */
  readonly targetPort: number;
  /** Reachable from the internet (`true`) or only inside the environment (`false`). */
  readonly external: boolean;
}

export interface ContainerAppServiceArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  /** Azure location. @example "westeurope" */
  readonly location: string;
  readonly environmentId: pulumi.Input<string>;
  /** Which app service this is; also the container name and the `asc-service` tag. */
  readonly service: ContainerAppServiceName;
  /** The app's name; with the environment's default domain it makes the host name. @example "asc-prod-api" */
  readonly appName: string;
  /** Image reference, pinned by digest outside dev. */
  readonly image: pulumi.Input<string>;
  /** Overrides the image's entrypoint. @default - the image's CMD */
  readonly command?: readonly string[];
  /** vCPU and memory, already validated by src/sizing/container-apps.ts. */
  readonly cpu: number;
  /** @example "2Gi" */
  readonly memory: string;
  /** Replicas; the app neither scales below nor above it. */
  readonly replicas: number;
  /** The service's env contract (deriveEnvContract). Secret entries must reference Key Vault. */
  readonly environment: readonly EnvEntry<pulumi.Input<string>>[];
  /** The user-assigned identity the app runs as and reads its Key Vault references with. */
  readonly identityId: pulumi.Input<string>;
  /**
   * Whether the code in the container needs Azure tokens of the identity (Key Vault SDK, Blob). Off, the identity
   * is still used by the platform for Key Vault references and image pulls, but the container gets no token
   * (`identitySettings` lifecycle `None` instead of `Main`). @default true
   */
  readonly runtimeIdentity?: boolean;
  /**
   * Credentials for the image's registry (see image-pull.ts); pass it only when the image is on that registry. The
   * identity's grants must include the password secret's read (or AcrPull). @default - an anonymous pull
   */
  readonly registry?: RegistryPull<pulumi.Input<string>>;
  /** The identity's role assignments: the app is created after them. @default [] */
  readonly accessGrants?: readonly pulumi.Resource[];
  /**
   * Other resources the app is created (and updated) after: the private DNS zone groups its data stores resolve
   * through, and for the web the api app. @default []
   */
  readonly dependsOn?: readonly pulumi.Resource[];
  /** @default - no ingress (the worker) */
  readonly ingress?: ContainerAppIngressArgs;
  /** @default [] */
  readonly probes?: readonly ContainerAppProbe[];
  /** Tags; `asc-service: <service>` is added. @default {} */
  readonly tags?: AzureTags;
}

export interface ResolvedContainerAppServiceArgs extends ContainerAppServiceArgs {
  readonly accessGrants: readonly pulumi.Resource[];
  readonly dependsOn: readonly pulumi.Resource[];
  readonly probes: readonly ContainerAppProbe[];
  readonly tags: AzureTags;
}

/** Applies defaults and rejects impossible arguments, naming them. Pure. */
export function resolveContainerAppServiceArgs(args: ContainerAppServiceArgs): ResolvedContainerAppServiceArgs {
  const resolved = { accessGrants: [], dependsOn: [], probes: [], tags: {}, ...definedOnly(args) } as ResolvedContainerAppServiceArgs;
  const where = `ContainerAppService ${args.service}`;
  if (!CONTAINER_APP_NAME.test(resolved.appName)) {
    throw new Error(`${where} appName: ${JSON.stringify(resolved.appName)} is not a container app name; allowed: 2-32 lowercase letters, digits and single hyphens, starting with a letter.`);
  }
  if (!Number.isInteger(resolved.replicas) || resolved.replicas < 0 || resolved.replicas > 300) {
    throw new Error(`${where} replicas: ${resolved.replicas} is not a replica count; allowed: whole numbers from 0 to 300.`);
  }
  const port = resolved.ingress?.targetPort;
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
    throw new Error(`${where} ingress.targetPort: ${port} is not a TCP port; allowed: 1 to 65535.`);
  }
  return resolved;
}

/** Merges `asc-service` into the caller's tags (which may be an output). */
export function serviceTags(tags: AzureTags, service: string): pulumi.Output<Record<string, string>> {
  return pulumi.output(tags).apply((t): Record<string, string> => ({ ...(t as Record<string, string>), [SERVICE_TAG]: service }));
}

export class ContainerAppService extends pulumi.ComponentResource {
  /** The container app itself, for `dependsOn` of what must roll out after it. */
  readonly app: app.ContainerApp;
  readonly appName: pulumi.Output<string>;
  readonly appId: pulumi.Output<string>;
  readonly latestRevisionFqdn: pulumi.Output<string>;

  constructor(name: string, args: ContainerAppServiceArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(CONTAINER_APP_TYPE, name, {}, opts);
    const resolved = resolveContainerAppServiceArgs(args);
    const { env, secrets } = toContainerAppEnvironment(resolved.environment, resolved.identityId);
    const pull = containerAppRegistries(resolved.registry, resolved.identityId);

    const containerApp = new app.ContainerApp(
      `${name}-app`,
      {
        resourceGroupName: resolved.resourceGroupName,
        location: resolved.location,
        containerAppName: resolved.appName,
        environmentId: resolved.environmentId,
        workloadProfileName: CONSUMPTION_PROFILE,
        identity: { type: "UserAssigned", userAssignedIdentities: [resolved.identityId] },
        configuration: {
          identitySettings: [{ identity: resolved.identityId, lifecycle: resolved.runtimeIdentity === false ? "None" : "Main" }],
          activeRevisionsMode: "Single",
          secrets: [...secrets, ...pull.secrets],
          ...(pull.registries.length ? { registries: pull.registries } : {}),
          ...(resolved.ingress ? { ingress: this.ingress(resolved.ingress) } : {}),
        },
        template: {
          containers: [
            {
              name: resolved.service,
              image: resolved.image,
              ...(resolved.command ? { command: [...resolved.command] } : {}),
              env,
              resources: { cpu: resolved.cpu, memory: resolved.memory },
              probes: resolved.probes.map((p) => ({ ...p })),
            },
          ],
          scale: { minReplicas: resolved.replicas, maxReplicas: Math.max(1, resolved.replicas) },
        },
        tags: serviceTags(resolved.tags, resolved.service),
      },
      { parent: this, dependsOn: [...resolved.accessGrants, ...resolved.dependsOn] },
    );

    this.app = containerApp;
    this.appName = containerApp.name;
    this.appId = containerApp.id;
    this.latestRevisionFqdn = containerApp.latestRevisionFqdn;
    this.registerOutputs({ appName: this.appName, appId: this.appId, latestRevisionFqdn: this.latestRevisionFqdn });
  }

  private ingress(ingress: ContainerAppIngressArgs) {
    return {
      external: ingress.external,
      targetPort: ingress.targetPort,
      transport: "auto",
      allowInsecure: false,
      traffic: [{ latestRevision: true, weight: 100 }],
    };
  }
}
