/**
 * `asc deploy` in-process against the fake pulumi, with the rollout check reading a fake Container Apps ARM endpoint
 * over HTTPS through the real ContainerAppsAPIClient. What the platform did with each update is applied when asc
 * asks: a new latest revision per app whose image changed.
 */
import { checkContainerAppsRollout } from "../../../src/deploy/rollout/azure-container-apps.js";
import type { RolloutRequest } from "../../../src/deploy/rollout/types.js";
import { FakeContainerApps, issueTestCertificate, RESOURCE_GROUP, SUBSCRIPTION, type TestCa } from "../../helpers/fake-cloud/fake-container-apps.js";
import { fakeServices } from "../../helpers/fake-pulumi/fake-services.js";
import { fakePulumiWorld } from "../../helpers/fake-pulumi/world.js";

const V1 = { api: "ghcr.io/acme/api:v1", web: "ghcr.io/acme/web:v1" };
const V2 = { api: "ghcr.io/acme/api:v2", web: "ghcr.io/acme/web:v2" };
const PROFILE = `config:
  asc:cloud: azure
  asc:tier: dev
  asc:region: westeurope
  asc:name: app
  asc:images:
    api: ${V2.api}
    web: ${V2.web}
  asc:devOverrides:
    keyVaultPurgeProtection: false
`;
const SECRETS = { ASC_OPENAI_API_KEY: "sk-test-openai-KNOWN-0043" };

function azureStackOutputs(release: { api: string; web: string }): Record<string, unknown> {
  const base = "https://app.example.com";
  return {
    version: 1,
    cloud: "azure",
    tier: "dev",
    urls: { web: base, api: `${base}:8443` },
    health: [{ service: "api", url: `${base}/health` }, { service: "web", url: `${base}/api/health/ready` }],
    contract: { outputs: {}, secrets: {} },
    migration: { cloud: "azure", subscriptionId: SUBSCRIPTION, resourceGroupName: RESOURCE_GROUP, jobName: "app-migrate" },
    services: { api: "app-api", web: "app-web" },
    release: { services: release, migration: release.api },
  };
}

let tls: TestCa;
let arm: FakeContainerApps;
beforeAll(() => {
  tls = issueTestCertificate();
});
beforeEach(async () => {
  arm = await new FakeContainerApps(tls).start();
  arm.apps.set("app-api", { latestRevisionName: "app-api--v1", latestReadyRevisionName: "app-api--v1", revisions: { "app-api--v1": { images: [V1.api] } } });
  arm.apps.set("app-web", { latestRevisionName: "app-web--v1", latestReadyRevisionName: "app-web--v1", revisions: { "app-web--v1": { images: [V1.web] } } });
});
afterEach(() => arm.stop());

/** Container Apps after an update to v2: the web's new revision is ready; the api's new revision never became ready. */
function apiRevisionNeverReady(request: RolloutRequest) {
  if (request.services[0].image !== V2.api) return;
  const api = arm.apps.get("app-api")!;
  api.revisions["app-api--v2"] = { images: [V2.api], healthState: "Unhealthy", provisioningState: "Provisioned", runningState: "Failed" };
  api.latestRevisionName = "app-api--v2";
  const web = arm.apps.get("app-web")!;
  web.revisions["app-web--v2"] = { images: [V2.web] };
  web.latestRevisionName = web.latestReadyRevisionName = "app-web--v2";
}

describe("asc deploy on Azure: a revision that never became ready", () => {
  it("GIVEN `pulumi up` succeeded but the api's new revision is not ready THEN exit 4 naming both revisions; verify is not run", async () => {
    const world = fakePulumiWorld({ "azure-dev": PROFILE });
    world.seedStack("azure-dev", azureStackOutputs(V1));
    world.setUpOutputs(azureStackOutputs(V2));
    const client = arm.client();
    const { services, calls } = fakeServices({
      upCount: () => world.commands().filter((c) => c === "up").length,
      rollout: async (request) => {
        apiRevisionNeverReady(request);
        return checkContainerAppsRollout(client, request);
      },
    });
    const { code, stdout } = await world.run(["deploy", "--profile", "azure-dev", "--migrations", "skip", "--image", `api=${V2.api}`, "--image", `web=${V2.web}`], { env: SECRETS, services });
    const [report] = world.reports().map((r) => r.json);

    expect(code).toBe(4);
    expect(report.phases.map((p: { name: string; result: string }) => `${p.name}:${p.result}`)).toEqual(["validate:succeeded", "provision:failed", "verify:skipped"]);
    expect(report.rollout.provision.map((r: { name: string; ok: boolean; expected: string; actual: string }) => [r.name, r.ok, r.expected, r.actual])).toEqual([
      ["app-api", false, "app-api--v2", "app-api--v1"],
      ["app-web", true, "app-web--v2", "app-web--v2"],
    ]);
    expect(report.error).toContain("api (app-api): expected revision app-api--v2, actual app-api--v1");
    expect(stdout).toContain("revision app-api--v2 (ghcr.io/acme/api:v2) never became ready");
    expect(arm.paths()).toEqual([
      "GET containerApps/app-api", "GET containerApps/app-api/revisions/app-api--v2", "GET containerApps/app-api/revisions/app-api--v1",
      "GET containerApps/app-web", "GET containerApps/app-web/revisions/app-web--v2",
    ]);
    expect(world.commands().filter((c) => c === "up")).toHaveLength(1);
    expect(calls.verifications).toEqual([]);
    expect(calls.migrations).toEqual([]);
  });
});
