/**
 * The rollout check with the SDK clients asc creates itself: an ECSClient for the target's region, or a
 * ContainerAppsAPIClient for its subscription, each with the SDK's default credential chain. Imported lazily, so
 * an AWS run never loads the Azure SDK and the reverse.
 */
import type { TokenCredential } from "@azure/identity";
import type { AwsCredentialIdentityProvider } from "../credentials/clients.js";
import type { RolloutRequest, ServiceRollout } from "./types.js";

export interface RolloutCredentials {
  readonly aws?: AwsCredentialIdentityProvider;
  readonly azure?: TokenCredential;
}

export async function checkRolloutWithDefaultClients(request: RolloutRequest, credentials: RolloutCredentials = {}): Promise<ServiceRollout[]> {
  const target = request.target;
  if (target.cloud === "aws") {
    const [{ ECSClient }, { checkEcsRollout }] = await Promise.all([import("@aws-sdk/client-ecs"), import("./aws-ecs.js")]);
    const ecs = new ECSClient({ region: target.region, ...(credentials.aws ? { credentials: credentials.aws } : {}) });
    try {
      return await checkEcsRollout(ecs, request);
    } finally {
      ecs.destroy();
    }
  }
  const [{ ContainerAppsAPIClient }, { DefaultAzureCredential }, { checkContainerAppsRollout }] = await Promise.all([
    import("@azure/arm-appcontainers"),
    import("@azure/identity"),
    import("./azure-container-apps.js"),
  ]);
  return checkContainerAppsRollout(new ContainerAppsAPIClient(credentials.azure ?? new DefaultAzureCredential(), target.subscriptionId), request);
}
