/**
 * How the env contract and the health endpoints become Container Apps settings. Pure, shared by the container
 * apps and the migration job so both build containers the same way.
 */
import { API_LIVENESS_PATH, API_READINESS_PATH, WEB_HEALTH_CHECK_PATH } from "../../contract/public-surface.js";
import type { EnvEntry } from "../../contract/types.js";

export const API_PORT = 8000;
export const WEB_PORT = 3000;

/** A Container Apps env var: a plain value, or a reference to a configuration secret. */
export type ContainerAppEnvVar<V> = { readonly name: string; readonly value: V | string } | { readonly name: string; readonly secretRef: string };

/** A configuration secret backed by a Key Vault secret, read with a user-assigned identity. Never a `value`. */
export interface KeyVaultSecretReference<V> {
  readonly name: string;
  readonly keyVaultUrl: V;
  readonly identity: V;
}

export interface ContainerAppEnvironment<V> {
  readonly env: ContainerAppEnvVar<V>[];
  readonly secrets: KeyVaultSecretReference<V>[];
}

/**
 * Splits env-contract entries for Container Apps: literals and outputs become `env` values; each secret becomes a
 * `secretRef` to a configuration secret that points at the Key Vault secret URI (unversioned, so a new version is
 * picked up without a deploy) and is read with `identityId`.
 */
export function toContainerAppEnvironment<V>(entries: readonly EnvEntry<V>[], identityId: V): ContainerAppEnvironment<V> {
  const seen = new Set<string>();
  const env: ContainerAppEnvVar<V>[] = [];
  const secrets = new Map<string, KeyVaultSecretReference<V>>();
  for (const entry of entries) {
    if (seen.has(entry.name)) {
      throw new Error(`env contract: ${entry.name} appears twice; Container Apps would keep only one of the values. Pass each variable once.`);
    }
    seen.add(entry.name);
    if (entry.source !== "secret") {
      env.push({ name: entry.name, value: entry.value });
    } else if (entry.ref.store === "azure-key-vault") {
      const name = entry.ref.secretName;
      if (!/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(name)) {
        throw new Error(`env contract: ${entry.name} references the Key Vault secret ${JSON.stringify(name)}, which is not a Container Apps secret name; allowed: lowercase letters, digits, '-' and '.'. Rename the secret.`);
      }
      secrets.set(name, { name, keyVaultUrl: entry.ref.secretUri, identity: identityId });
      env.push({ name: entry.name, secretRef: name });
    } else {
      throw new Error(
        `env contract: ${entry.name} references a secret in ${entry.ref.store}; a container app can only read secrets from azure-key-vault. ` +
          `Bind ${entry.name} to an azure-key-vault reference.`,
      );
    }
  }
  return { env, secrets: [...secrets.values()] };
}

/** A Container Apps probe, as the `probes` input takes it. */
export interface ContainerAppProbe {
  readonly type: "Startup" | "Liveness" | "Readiness";
  readonly httpGet?: { readonly path: string; readonly port: number; readonly httpHeaders?: { readonly name: string; readonly value: string }[] };
  readonly tcpSocket?: { readonly port: number };
  readonly initialDelaySeconds?: number;
  readonly periodSeconds: number;
  readonly timeoutSeconds: number;
  readonly failureThreshold: number;
}

/** The strict api answers 400 to any Host not in ALLOWED_HOSTS; probes would otherwise send the replica's IP. */
export const PROBE_HOST_HEADER = [{ name: "Host", value: "localhost" }];

/** Container Apps allows at most 10 failures; 10 × 10 s after a 10 s delay gives a slow start almost two minutes. */
const STARTUP = { initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 10 } as const;
const STEADY = { periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 } as const;

const apiGet = (path: string) => ({ path, port: API_PORT, httpHeaders: PROBE_HOST_HEADER });

/** api and worker (the api image): liveness on /health, readiness on /health/ready, both with `Host: localhost`. */
export function apiProbes(): ContainerAppProbe[] {
  return [
    { type: "Startup", httpGet: apiGet(API_LIVENESS_PATH), ...STARTUP },
    { type: "Liveness", httpGet: apiGet(API_LIVENESS_PATH), ...STEADY },
    { type: "Readiness", httpGet: apiGet(API_READINESS_PATH), ...STEADY },
  ];
}

/**
 * web: its `/api/health*` routes proxy the api, so a web probe on them would restart or unroute healthy web replicas
 * whenever the api or the database blips. Liveness and readiness check WEB_HEALTH_CHECK_PATH instead (served by the
 * web itself, no api call, no auth redirect), the same path the AWS target group checks.
 */
export function webProbes(): ContainerAppProbe[] {
  const webGet = { path: WEB_HEALTH_CHECK_PATH, port: WEB_PORT };
  return [
    { type: "Startup", tcpSocket: { port: WEB_PORT }, ...STARTUP },
    { type: "Liveness", httpGet: webGet, ...STEADY },
    { type: "Readiness", httpGet: webGet, ...STEADY },
  ];
}
