import { API_PUBLIC_ROUTES_TYPE, ApiPublicRoutes, resolveApiPublicRoutesArgs, type ApiPublicRoutesArgs } from "../../../src/components/azure/api-public-routes.js";
import { snapshotGraph } from "../../helpers/graph-snapshot.js";
import { promiseOf, usePulumiMocks } from "../../helpers/pulumi.js";

const mocked = usePulumiMocks({ region: "westeurope" });
const BASE: ApiPublicRoutesArgs = { resourceGroupName: "rg", environmentName: "asc-prod-env", routeName: "asc-prod-api-public", targetAppName: "asc-prod-api", paths: ["/health", "/health/ready", "/.well-known/jwks.json"] };

describe("resolveApiPublicRoutesArgs", () => {
  it.each<[Partial<ApiPublicRoutesArgs>, string]>([
    [{ routeName: "Api_Public" }, 'ApiPublicRoutes routeName: "Api_Public" is not a route name; allowed: up to 63 lowercase letters, digits and single hyphens, starting with a letter.'],
    [{ paths: [] }, "ApiPublicRoutes paths: empty; with no public path, leave the api internal and create no routes."],
    [{ paths: ["/api/*"] }, 'ApiPublicRoutes paths: "/api/*" is not an exact URL path such as /health.'],
    [{ paths: ["health"] }, 'ApiPublicRoutes paths: "health" is not an exact URL path such as /health.'],
    [{ paths: ["/health", "/health"] }, "ApiPublicRoutes paths: /health is listed twice."],
  ])("GIVEN %j WHEN resolved THEN it throws the exact message", (overrides, message) => {
    expect(() => resolveApiPublicRoutesArgs({ ...BASE, ...overrides })).toThrow(message);
  });
});

describe("ApiPublicRoutes", () => {
  it("GIVEN the public paths WHEN created THEN one route configuration forwards exactly those paths, case-sensitive and unrewritten, to the api", async () => {
    const routes = new ApiPublicRoutes("r", BASE);
    await promiseOf(routes.routeConfigName);
    const graph = await snapshotGraph(mocked.graph);
    expect(graph.byName("r").type).toBe(API_PUBLIC_ROUTES_TYPE);
    expect(graph.byName("r-routes")).toMatchObject({ type: "azure-native:app:HttpRouteConfig", parent: graph.byName("r").urn });
    expect(graph.byName("r-routes").inputs).toEqual({
      resourceGroupName: "rg",
      environmentName: "asc-prod-env",
      httpRouteName: "asc-prod-api-public",
      properties: {
        rules: [
          {
            description: "The api's public paths (asc contract); nothing else on this host reaches the api",
            routes: [
              { match: { path: "/health", caseSensitive: true } },
              { match: { path: "/health/ready", caseSensitive: true } },
              { match: { path: "/.well-known/jwks.json", caseSensitive: true } },
            ],
            targets: [{ containerApp: "asc-prod-api" }],
          },
        ],
      },
    });
  });
});
