/**
 * How the ALB reaches the api and the web, and the public URLs that follow. Pure.
 * With a domain: host-based rules (api host → api, web host → web). Without one (dev over HTTP on the ALB's own
 * host): path-based rules send the api's own paths to the api and everything else to the web.
 */
import type { BlueprintConfig } from "../../config/schema.js";

export const API_PORT = 8000;
export const WEB_PORT = 3000;

/** The api's public paths when it shares the ALB host with the web (no domain). */
export const API_PATHS = ["/health", "/health/*", "/api/v1/*", "/webhooks/*", "/.well-known/*"];

export interface ListenerRouting {
  readonly priority: number;
  readonly hostHeaders?: string[];
  readonly pathPatterns?: string[];
}

export interface AwsRouting {
  readonly scheme: "https" | "http";
  /** Host names; undefined means "the ALB's DNS name", known only once it exists. */
  readonly webHost?: string;
  readonly apiHost?: string;
  readonly api: ListenerRouting;
  readonly web: ListenerRouting;
}

export function resolveAwsRouting(config: BlueprintConfig): AwsRouting {
  const scheme = config.domain?.certificateArn ? "https" : "http";
  if (config.domain) {
    return {
      scheme,
      webHost: config.domain.web,
      apiHost: config.domain.api,
      api: { priority: 10, hostHeaders: [config.domain.api] },
      web: { priority: 20, hostHeaders: [config.domain.web] },
    };
  }
  return { scheme, api: { priority: 10, pathPatterns: API_PATHS }, web: { priority: 100, pathPatterns: ["/*"] } };
}

/**
 * Target-group checks. The ALB sends the target's IP as Host, and the strict api answers 400 to any Host not in
 * ALLOWED_HOSTS, so outside dev a 400 from the api proves the server is up; readiness is then checked end to end by
 * `asc verify` through the real host, and liveness by the container health check (which sends Host: localhost).
 */
export function apiTargetHealthMatcher(config: BlueprintConfig): string {
  return config.tier === "dev" ? "200" : "200,400";
}

/** Liveness checks run inside the containers, on loopback, with a Host the api accepts. */
export const API_CONTAINER_HEALTH_CHECK = [
  "CMD",
  "python",
  "-c",
  `import urllib.request as u; u.urlopen(u.Request('http://127.0.0.1:${API_PORT}/health', headers={'Host': 'localhost'}), timeout=4)`,
];
/** The web's health routes proxy the api, so its liveness is only "the server accepts connections". */
export const WEB_CONTAINER_HEALTH_CHECK = [
  "CMD",
  "node",
  "-e",
  `require('net').connect(${WEB_PORT}, '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => process.exit(1))`,
];
