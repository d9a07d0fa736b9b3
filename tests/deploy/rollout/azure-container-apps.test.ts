/**
 * checkContainerAppsRollout through the real ContainerAppsAPIClient against the fake ARM endpoint over HTTPS
 * (tests/helpers/fake-cloud/fake-container-apps.ts): the app's latest revision must be its latest ready one and run
 * the release image.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { checkContainerAppsRollout } from "../../../src/deploy/rollout/azure-container-apps.js";
import type { RolloutRequest } from "../../../src/deploy/rollout/types.js";
import { ContainerAppsAPIClient } from "@azure/arm-appcontainers";
import { FakeContainerApps, issueTestCertificate, RESOURCE_GROUP, staticTokenCredential, SUBSCRIPTION, type TestCa } from "../../helpers/fake-cloud/fake-container-apps.js";
import { REPO_ROOT } from "../../helpers/cli.js";

const V1 = "ghcr.io/acme/api:v1";
const V2 = "ghcr.io/acme/api:v2";
const target: RolloutRequest["target"] = { cloud: "azure", subscriptionId: SUBSCRIPTION, resourceGroupName: RESOURCE_GROUP, jobName: "asc-dev-migrate" };
const request: RolloutRequest = { target, services: [{ service: "api", name: "asc-dev-api", image: V2 }] };

let tls: TestCa;
let arm: FakeContainerApps;
beforeAll(() => {
  tls = issueTestCertificate();
});
beforeEach(async () => {
  arm = await new FakeContainerApps(tls).start();
});
afterEach(() => arm.stop());

describe("checkContainerAppsRollout", () => {
  it("GIVEN the latest revision is ready and runs the release image THEN ok, with a bearer token on every call over HTTPS", async () => {
    arm.apps.set("asc-dev-api", { latestRevisionName: "asc-dev-api--r2", latestReadyRevisionName: "asc-dev-api--r2", revisions: { "asc-dev-api--r2": { images: [V2] } } });
    const [result] = await checkContainerAppsRollout(arm.client(), request);
    expect(result).toMatchObject({ ok: true, expected: "asc-dev-api--r2", actual: "asc-dev-api--r2", actualImages: [V2] });
    expect(arm.paths()).toEqual(["GET containerApps/asc-dev-api", "GET containerApps/asc-dev-api/revisions/asc-dev-api--r2"]);
    expect(arm.calls.every((c) => c.bearer && c.apiVersion !== null)).toBe(true);
  });

  it("GIVEN a revision that never became ready THEN failed, naming the new and the serving revision and their images", async () => {
    arm.apps.set("asc-dev-api", {
      latestRevisionName: "asc-dev-api--r2",
      latestReadyRevisionName: "asc-dev-api--r1",
      revisions: { "asc-dev-api--r1": { images: [V1] }, "asc-dev-api--r2": { images: [V2], healthState: "Unhealthy", runningState: "Failed" } },
    });
    const [result] = await checkContainerAppsRollout(arm.client(), request);
    expect(result).toMatchObject({ ok: false, expected: "asc-dev-api--r2", actual: "asc-dev-api--r1", actualImages: [V1] });
    expect(result.message).toBe(`revision asc-dev-api--r2 (${V2}) never became ready (Provisioned, Unhealthy, Failed); the app serves asc-dev-api--r1`);
  });

  it("GIVEN a ready revision on another image THEN failed: not the release image", async () => {
    arm.apps.set("asc-dev-api", { latestRevisionName: "asc-dev-api--r1", latestReadyRevisionName: "asc-dev-api--r1", revisions: { "asc-dev-api--r1": { images: [V1] } } });
    const [result] = await checkContainerAppsRollout(arm.client(), request);
    expect(result).toMatchObject({ ok: false, actual: "asc-dev-api--r1", message: `the latest ready revision asc-dev-api--r1 runs ${V1}, not the release image ${V2}` });
  });

  it("GIVEN an app that does not exist THEN failed with the ARM error", async () => {
    const [result] = await checkContainerAppsRollout(arm.client(), request);
    expect(result.ok).toBe(false);
    expect(result.message).toContain("reading container app asc-dev-api failed:");
    expect(result.message).toContain("was not found");
  });
});

describe("why the fake is HTTPS", () => {
  it("GIVEN a plain-HTTP endpoint THEN the real client refuses to send the bearer token, before any request", async () => {
    const client = new ContainerAppsAPIClient(staticTokenCredential, SUBSCRIPTION, { endpoint: arm.url.replace("https:", "http:"), retryOptions: { maxRetries: 0 } });
    await expect(client.containerApps.get(RESOURCE_GROUP, "asc-dev-api")).rejects.toThrow("Bearer token authentication is not permitted for non-TLS protected (non-https) URLs.");
    expect(arm.calls).toEqual([]);
  });
});

describe("the fake over HTTPS with NODE_EXTRA_CA_CERTS", () => {
  // NODE_EXTRA_CA_CERTS is read once when node starts, so this runs the real client in a child process.
  const script = `
    import { ContainerAppsAPIClient } from "@azure/arm-appcontainers";
    const credential = { getToken: async () => ({ token: "t", expiresOnTimestamp: Date.now() + 60000 }) };
    const client = new ContainerAppsAPIClient(credential, process.env.SUB, { endpoint: process.env.ARM, retryOptions: { maxRetries: 0 } });
    try { const app = await client.containerApps.get(process.env.RG, "asc-dev-api"); console.log("ready=" + app.latestReadyRevisionName); }
    catch (e) { console.log("error=" + (e.code ?? e.message)); }`;
  const child = (extra: Record<string, string>) =>
    promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? "", ARM: arm.url, SUB: SUBSCRIPTION, RG: RESOURCE_GROUP, ...extra }, timeout: 20_000 });

  it("GIVEN the test CA in NODE_EXTRA_CA_CERTS THEN the real client reads the app; without it the TLS handshake is refused", async () => {
    arm.apps.set("asc-dev-api", { latestRevisionName: "r2", latestReadyRevisionName: "r2", revisions: { r2: { images: [V2] } } });
    const [trusted, untrusted] = await Promise.all([child({ NODE_EXTRA_CA_CERTS: tls.caFile }), child({})]);
    expect(trusted.stdout.trim()).toBe("ready=r2");
    expect(untrusted.stdout.trim()).toMatch(/^error=.*(UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED|unable to verify)/i);
    expect(arm.paths()).toEqual(["GET containerApps/asc-dev-api"]);
  });
});
