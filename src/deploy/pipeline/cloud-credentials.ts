/**
 * asc doctor's cloud credential checks through the SDKs asc already has: on AWS the ECS client's credential chain
 * and one cheap ECS call (there is no STS client); on Azure DefaultAzureCredential.getToken for ARM.
 */
import type { CloudCredentialCheck } from "./run-context.js";

const TIMEOUT_MS = 8000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_r, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const messageOf = (e: unknown) => (e instanceof Error ? `${e.name && e.name !== "Error" ? `${e.name}: ` : ""}${e.message}` : String(e));

async function awsCredentials(region: string): Promise<CloudCredentialCheck> {
  const { ECSClient, ListClustersCommand } = await import("@aws-sdk/client-ecs");
  const client = new ECSClient({ region });
  try {
    const credentials = await withTimeout(client.config.credentials(), "the AWS credential chain");
    const key = `access key …${credentials.accessKeyId.slice(-4)}`;
    try {
      await withTimeout(client.send(new ListClustersCommand({ maxResults: 1 })), "ECS");
      return { status: "ok", detail: `${key}; ECS in ${region} accepted them` };
    } catch (e) {
      const name = (e as { name?: string }).name ?? "";
      if (/AccessDenied/.test(name)) return { status: "ok", detail: `${key}; valid, but ecs:ListClusters is denied in ${region}` };
      return { status: "problem", detail: `${key} found, but ECS refused them: ${messageOf(e)}` };
    }
  } catch (e) {
    return { status: "problem", detail: `no usable AWS credentials: ${messageOf(e)}` };
  } finally {
    client.destroy();
  }
}

async function azureCredentials(): Promise<CloudCredentialCheck> {
  const { DefaultAzureCredential } = await import("@azure/identity");
  try {
    const token = await withTimeout(new DefaultAzureCredential().getToken("https://management.azure.com/.default"), "DefaultAzureCredential");
    return { status: "ok", detail: `DefaultAzureCredential got an ARM token (expires ${new Date(token.expiresOnTimestamp).toISOString()})` };
  } catch (e) {
    return { status: "problem", detail: `DefaultAzureCredential failed: ${messageOf(e).split("\n")[0]}` };
  }
}

export function checkCloudCredentials(cloud: "aws" | "azure", region: string): Promise<CloudCredentialCheck> {
  return cloud === "aws" ? awsCredentials(region) : azureCredentials();
}
