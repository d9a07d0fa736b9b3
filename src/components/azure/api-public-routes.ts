/**
 * ApiPublicRoutes: the api's public surface outside dev. Container Apps ingress cannot filter by path, so the api's
 * own ingress stays internal and an HTTP route configuration of the environment
 * (`Microsoft.App/managedEnvironments/httpRouteConfigs`, rule-based routing, preview) gives it a public host
 * `<routeName>.<defaultDomain>` that forwards exactly the listed paths (exact matches, no rewrite) to the api; every
 * other path on that host matches no rule. See docs/azure.md, "The api's public surface".
 *
 * Microsoft docs: learn.microsoft.com/azure/container-apps/rule-based-routing (the route's FQDN is
 * `<route name>.<environment default domain>`; rules match `path`, `prefix` or `pathSeparatedPrefix` and target a
 * container app; "Routing and authorization model": a route may target an app with internal ingress, which is what
 * keeps the api's own host private, and exposes whatever app it targets); ARM reference
 * learn.microsoft.com/azure/templates/microsoft.app/managedenvironments/httprouteconfigs.
 * azure-native 3.28 creates it with API version 2025-02-02-preview.
 */
import * as app from "@pulumi/azure-native/app/index.js";
import * as pulumi from "@pulumi/pulumi";
import { CONTAINER_APP_NAME } from "./names.js";

export const API_PUBLIC_ROUTES_TYPE = "asc:azure:ApiPublicRoutes";

export interface ApiPublicRoutesArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  /** The Container Apps environment the api runs in. */
  readonly environmentName: pulumi.Input<string>;
  /** The route configuration's name, the first label of its public host. @example "asc-prod-api-public" */
  readonly routeName: string;
  /** The api container app the paths go to. @example "asc-prod-api" */
  readonly targetAppName: string;
  /** The exact paths outside parties may reach (`apiPublicPaths` in src/contract/public-surface.ts). */
  readonly paths: readonly string[];
  /** Resources the routes are created after: the api app they target. @default [] */
  readonly dependsOn?: readonly pulumi.Resource[];
}

/** Lowercase letters, digits and single hyphens (it is a DNS label of the route's host). */
const ROUTE_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const PATH = /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/;

/** Rejects arguments that would route more than asked for, naming them. Pure. */
export function resolveApiPublicRoutesArgs(args: ApiPublicRoutesArgs): ApiPublicRoutesArgs & { readonly dependsOn: readonly pulumi.Resource[] } {
  if (!ROUTE_NAME.test(args.routeName) || args.routeName.length > 63) {
    throw new Error(`ApiPublicRoutes routeName: ${JSON.stringify(args.routeName)} is not a route name; allowed: up to 63 lowercase letters, digits and single hyphens, starting with a letter.`);
  }
  if (!CONTAINER_APP_NAME.test(args.targetAppName)) {
    throw new Error(`ApiPublicRoutes targetAppName: ${JSON.stringify(args.targetAppName)} is not a container app name.`);
  }
  if (args.paths.length === 0) throw new Error("ApiPublicRoutes paths: empty; with no public path, leave the api internal and create no routes.");
  for (const path of args.paths) {
    if (!PATH.test(path) || path.includes("*")) throw new Error(`ApiPublicRoutes paths: ${JSON.stringify(path)} is not an exact URL path such as /health.`);
  }
  const duplicate = args.paths.find((p, i) => args.paths.indexOf(p) !== i);
  if (duplicate !== undefined) throw new Error(`ApiPublicRoutes paths: ${duplicate} is listed twice.`);
  return { dependsOn: [], ...args };
}

export class ApiPublicRoutes extends pulumi.ComponentResource {
  readonly routeConfigName: pulumi.Output<string>;

  constructor(name: string, args: ApiPublicRoutesArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(API_PUBLIC_ROUTES_TYPE, name, {}, opts);
    const resolved = resolveApiPublicRoutesArgs(args);
    const routes = new app.HttpRouteConfig(
      `${name}-routes`,
      {
        resourceGroupName: resolved.resourceGroupName,
        environmentName: resolved.environmentName,
        httpRouteName: resolved.routeName,
        properties: {
          rules: [
            {
              description: "The api's public paths (asc contract); nothing else on this host reaches the api",
              routes: resolved.paths.map((path) => ({ match: { path, caseSensitive: true } })),
              targets: [{ containerApp: resolved.targetAppName }],
            },
          ],
        },
      },
      { parent: this, dependsOn: [...resolved.dependsOn] },
    );
    this.routeConfigName = routes.name;
    this.registerOutputs({ routeConfigName: this.routeConfigName });
  }
}
