/**
 * How the ALB reaches the api and the web, how the web reaches the api, and the URLs that follow. Pure.
 * With a domain: host-based rules (api host → api, web host → web); in staging and production the api host serves
 * only the contract's public api paths (src/contract/public-surface.ts). Without one (dev over HTTP on the ALB's own
 * host): path-based rules send the api's health, webhook and well-known paths to the api and everything else,
 * `/api/v1/*` included, to the web. The web calls the api over ECS Service Connect, never through the ALB.
 */
import type { BlueprintConfig } from "../../config/schema.js";
import { API_SHARED_HOST_PATH_PATTERNS, apiPublicPaths } from "../../contract/public-surface.js";

export const API_PORT = 8000;
export const WEB_PORT = 3000;

/** The api's public paths when it shares the ALB host with the web (no domain). */
export const API_PATHS: readonly string[] = API_SHARED_HOST_PATH_PATTERNS;

/**
 * The api as the web reaches it: a Service Connect client alias in a Cloud Map HTTP namespace. ECS puts a proxy in
 * each task of a Service Connect service, and client tasks in the namespace reach `dnsName:port` through it
 * (ECS API reference, ServiceConnectClientAlias; Developer Guide, "Service Connect"). Plain HTTP inside the VPC.
 */
export interface InternalApi {
  /** The Cloud Map HTTP namespace. @example "asc-prod.internal" */
  readonly namespace: string;
  /** The port mapping's name in the api's task definition. */
  readonly portName: string;
  /** The Cloud Map service ECS creates for the api. */
  readonly discoveryName: string;
  /** The host the web uses; also in the api's ALLOWED_HOSTS (Starlette's host check ignores the port). */
  readonly host: string;
  readonly port: number;
  /** API_BASE_URL of the web. */
  readonly url: string;
}

/** ALB per-rule quotas (Elastic Load Balancing, "Quotas for your Application Load Balancers", Rules): not adjustable. */
export const LISTENER_RULE_LIMITS = { conditionValues: 5, wildcards: 5, matchEvaluations: 5 } as const;

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
  readonly internalApi: InternalApi;
}

export function resolveInternalApi(config: Pick<BlueprintConfig, "name">): InternalApi {
  const namespace = `${config.name}.internal`;
  const host = `api.${namespace}`;
  return { namespace, portName: "http", discoveryName: "api", host, port: API_PORT, url: `http://${host}:${API_PORT}` };
}

/**
 * Throws when a rule's conditions exceed an ALB per-rule quota: condition values (all values of all conditions),
 * wildcards (`*` and `?` in them) or match evaluations (the product of the values per condition). Pure.
 */
export function checkListenerRuleLimits(label: string, rule: Pick<ListenerRouting, "hostHeaders" | "pathPatterns">): void {
  const lists = [rule.hostHeaders ?? [], rule.pathPatterns ?? []].filter((l) => l.length > 0);
  const values = lists.reduce((n, l) => n + l.length, 0);
  const wildcards = lists.flat().reduce((n, v) => n + (v.match(/[*?]/g)?.length ?? 0), 0);
  const evaluations = lists.reduce((n, l) => n * l.length, 1);
  const over = [
    values > LISTENER_RULE_LIMITS.conditionValues ? `${values} condition values (limit ${LISTENER_RULE_LIMITS.conditionValues})` : "",
    wildcards > LISTENER_RULE_LIMITS.wildcards ? `${wildcards} wildcards (limit ${LISTENER_RULE_LIMITS.wildcards})` : "",
    evaluations > LISTENER_RULE_LIMITS.matchEvaluations ? `${evaluations} match evaluations (limit ${LISTENER_RULE_LIMITS.matchEvaluations})` : "",
  ].filter(Boolean);
  if (over.length > 0) {
    throw new Error(`${label} listener rule: ${over.join(", ")}; the ALB refuses the rule. Split the rule or use fewer values.`);
  }
}

export function resolveAwsRouting(config: BlueprintConfig): AwsRouting {
  const domain = config.domain;
  const scheme = domain?.certificateArn || domain?.hostedZoneId ? "https" : "http";
  const internalApi = resolveInternalApi(config);
  const routing: AwsRouting = domain
    ? {
        scheme,
        webHost: domain.web,
        apiHost: domain.api,
        api: { priority: 10, hostHeaders: [domain.api], ...(config.tier === "dev" ? {} : { pathPatterns: apiPublicPaths(config) }) },
        web: { priority: 20, hostHeaders: [domain.web] },
        internalApi,
      }
    : { scheme, api: { priority: 10, pathPatterns: [...API_PATHS] }, web: { priority: 100, pathPatterns: ["/*"] }, internalApi };
  checkListenerRuleLimits("api", routing.api);
  checkListenerRuleLimits("web", routing.web);
  return routing;
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
