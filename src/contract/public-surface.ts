/**
 * The app's HTTP surface the platforms route and check, once for both clouds. Pure.
 *
 * Checked in the app's source (trevor-nichols/openai-agents-saas-starter at 50548aa): the api serves `/health` (liveness),
 * `/health/ready` (readiness, 503 without the database), `/.well-known/jwks.json` (the public keys outside parties
 * verify tokens with) and `POST /webhooks/stripe` when billing is on; `/metrics` and the business routes under
 * `/api/v1` are for the web and operators only. The web serves `/favicon.ico` (`app/favicon.ico`) without calling
 * the api and outside its auth redirect (its `proxy.ts` matcher excludes `_next/static`, `_next/image` and
 * `favicon.ico`), while its `/api/health*` routes proxy the api.
 */
import type { BlueprintConfig } from "../config/schema.js";

/** api liveness: no dependency checks. */
export const API_LIVENESS_PATH = "/health";
/** api readiness: 503 when the database is unreachable. */
export const API_READINESS_PATH = "/health/ready";
/** The api's public signing keys. */
export const API_JWKS_PATH = "/.well-known/jwks.json";
/** Stripe's webhook endpoint (only with billing on). */
export const API_STRIPE_WEBHOOK_PATH = "/webhooks/stripe";

/**
 * The path a load balancer or platform probe checks on the web: served by the web itself, with no api call and no
 * auth redirect, so a web check never fails because the api or the database blips.
 */
export const WEB_HEALTH_CHECK_PATH = "/favicon.ico";
/** The web's end-to-end readiness (it proxies the api's readiness); for `asc verify`, never for a target check. */
export const WEB_READINESS_PATH = "/api/health/ready";

/** The api paths `asc verify` calls through the api's public host. */
export const API_VERIFY_PATHS = [API_LIVENESS_PATH, API_READINESS_PATH] as const;

/**
 * The exact api paths outside parties need, and so the only ones public on the api host in staging and production:
 * the health paths `asc verify` uses, the JWKS, and the Stripe webhook when billing is on. Everything else
 * (`/metrics`, `/api/v1/*`) is reached only by the web over the internal address.
 */
export function apiPublicPaths(config: Pick<BlueprintConfig, "billing">): string[] {
  return [...API_VERIFY_PATHS, API_JWKS_PATH, ...(config.billing.enabled ? [API_STRIPE_WEBHOOK_PATH] : [])];
}

/**
 * On a host shared with the web (dev without a domain), the path prefixes that go to the api: its health, webhook
 * and well-known paths. Never `/api/v1/*`: those are the web's own route handlers.
 */
export const API_SHARED_HOST_PATH_PATTERNS = ["/health", "/health/*", "/webhooks/*", "/.well-known/*"] as const;
