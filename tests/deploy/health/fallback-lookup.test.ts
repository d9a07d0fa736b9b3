/**
 * The fallback lookup against a real local HTTP server. The "DNS" is a fake base lookup (no network here): it knows
 * only the load balancer's name, as on a first deploy before the public records exist.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fallbackLookup, fallbacksFor, fetchWithLookup, type LookupFunction } from "../../../src/deploy/health/fallback-lookup.js";
import { verifyHealth } from "../../../src/deploy/health/verify-health.js";

const ALB = "asc-prod-alb-123.eu-west-1.elb.amazonaws.com";
const calls: string[] = [];
const fakeDns: LookupFunction = (hostname, options, callback) => {
  calls.push(hostname);
  if (hostname === ALB) {
    if (options.all) callback(null, [{ address: "127.0.0.1", family: 4 }]);
    else callback(null, "127.0.0.1", 4);
    return;
  }
  callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }), "", 0);
};

let server: http.Server;
let port: number;
const hosts: (string | undefined)[] = [];
beforeAll(async () => {
  server = http.createServer((req, res) => {
    hosts.push(req.headers.host);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "healthy", timestamp: "2026-12-06T04:00:00", version: "1.2.3", uptime: 3.2 }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  calls.length = 0;
  hosts.length = 0;
});

describe("fallbackLookup", () => {
  it("GIVEN a public host that does not resolve WHEN looked up THEN the load balancer's name is looked up instead", async () => {
    const lookup = fallbackLookup({ "api.example.test": ALB }, fakeDns);
    const address = await new Promise((resolve, reject) => lookup("api.example.test", {}, (err, a) => (err ? reject(err) : resolve(a))));
    expect(address).toBe("127.0.0.1");
    expect(calls).toEqual(["api.example.test", ALB]);
  });

  it("GIVEN a host without a fallback WHEN it does not resolve THEN the error passes through", async () => {
    const lookup = fallbackLookup({ "api.example.test": ALB }, fakeDns);
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => lookup("other.example.test", {}, (err) => resolve(err)));
    expect(error?.code).toBe("ENOTFOUND");
    expect(calls).toEqual(["other.example.test"]);
  });

  it("GIVEN health URLs WHEN the fallback map is built THEN each host maps to the target", () => {
    expect(fallbacksFor(["https://API.example.test/health", "https://app.example.test/api/health/ready"], ALB)).toEqual({ "api.example.test": ALB, "app.example.test": ALB });
  });
});

describe("fetchWithLookup", () => {
  it("GIVEN the public URL WHEN fetched THEN it connects to the load balancer's address and sends the real Host", async () => {
    const response = await fetchWithLookup(fallbackLookup({ "api.example.test": ALB }, fakeDns))(`http://api.example.test:${port}/health`, { headers: { accept: "application/json" } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "healthy", timestamp: "2026-12-06T04:00:00", version: "1.2.3", uptime: 3.2 });
    expect(hosts).toEqual([`api.example.test:${port}`]);
  });

  it("GIVEN verifyHealth with resolveFallback WHEN the host has no record THEN the check passes through the fallback", async () => {
    // verifyHealth uses the real dns.lookup; ".invalid" never resolves (RFC 6761), and the fallback is the loopback address.
    const [result] = await verifyHealth([{ service: "api", url: `http://api.asc-first-deploy.invalid:${port}/health` }], { deadlineMs: 2000, intervalMs: 100, resolveFallback: { "api.asc-first-deploy.invalid": "127.0.0.1" } });
    expect(result).toMatchObject({ service: "api", ok: true, attempts: 1, lastStatus: 200, version: "1.2.3" });
    expect(hosts).toEqual([`api.asc-first-deploy.invalid:${port}`]);
  });
});
