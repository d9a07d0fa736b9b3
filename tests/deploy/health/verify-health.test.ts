import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { expectVersion, verifyHealth } from "../../../src/deploy/health/verify-health.js";
import type { HealthCheckResult } from "../../../src/deploy/types.js";

type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

/** A real HTTP server on 127.0.0.1; each path answers with its own handler, which sees how often it was hit. */
async function serve(routes: Record<string, Handler>): Promise<{ base: string; hits: Record<string, number>; close(): Promise<void> }> {
  const hits: Record<string, number> = {};
  const server: Server = createServer((req, res) => {
    const path = req.url ?? "/";
    hits[path] = (hits[path] ?? 0) + 1;
    const handler = routes[path];
    if (handler) handler(req, res, hits[path]);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Handler => (_req, res) => {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
};

const FAST = { deadlineMs: 400, intervalMs: 20, requestTimeoutMs: 200 };
/** The api's HealthResponse as the app returns it (apps/api-service/src/app/presentation/health.py at 50548aa). */
const apiHealth = (status: string, version = "1.4.2") => ({ status, timestamp: "2026-12-06T04:00:00.000000", version, uptime: 12.5 });

describe("verifyHealth against a real HTTP server", () => {
  let server: Awaited<ReturnType<typeof serve>> | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("GIVEN healthy api and web endpoints THEN each is ok after one attempt, with its status and version", async () => {
    server = await serve({
      "/health": json(200, apiHealth("healthy")),
      "/health/ready": json(200, apiHealth("ready")),
      "/api/health/ready": json(200, { status: "ready" }, { "x-app-version": "1.4.2" }),
    });
    const endpoints = [
      { service: "api", url: `${server.base}/health` },
      { service: "api", url: `${server.base}/health/ready` },
      { service: "web", url: `${server.base}/api/health/ready` },
    ] as const;

    const results = await verifyHealth([...endpoints], FAST);

    expect(results.map(({ durationMs: _d, ...rest }) => rest)).toEqual([
      { service: "api", url: `${server.base}/health`, ok: true, attempts: 1, lastStatus: 200, version: "1.4.2" },
      { service: "api", url: `${server.base}/health/ready`, ok: true, attempts: 1, lastStatus: 200, version: "1.4.2" },
      { service: "web", url: `${server.base}/api/health/ready`, ok: true, attempts: 1, lastStatus: 200, version: "1.4.2" },
    ]);
    expect(results.every((r) => r.durationMs >= 0 && r.durationMs < 1000)).toBe(true);
  });

  it("GIVEN an endpoint that answers 503 twice before it is ready THEN it is ok on the third attempt", async () => {
    server = await serve({ "/health/ready": (req, res, hit) => json(hit < 3 ? 503 : 200, hit < 3 ? { detail: "Database connectivity check failed" } : apiHealth("ready"))(req, res, hit) });

    const [result] = await verifyHealth([{ service: "api", url: `${server.base}/health/ready` }], FAST);

    expect(result).toMatchObject({ ok: true, attempts: 3, lastStatus: 200 });
    expect(result.lastError).toBeUndefined();
    expect(server.hits["/health/ready"]).toBe(3);
    expect(result.durationMs).toBeGreaterThanOrEqual(40);
  });

  it("GIVEN an endpoint that always answers 503 THEN it is not ok once the deadline passes, with every attempt counted", async () => {
    server = await serve({ "/api/health/ready": json(503, { status: "unavailable" }) });

    const [result] = await verifyHealth([{ service: "web", url: `${server.base}/api/health/ready` }], { deadlineMs: 200, intervalMs: 40 });

    expect(result).toMatchObject({ service: "web", ok: false, lastStatus: 503 });
    expect(result.attempts).toBe(server.hits["/api/health/ready"]);
    expect(result.attempts).toBeGreaterThanOrEqual(2);
    expect(result.attempts).toBeLessThanOrEqual(6);
    expect(result.durationMs).toBeGreaterThanOrEqual(200);
    // It ends at the deadline, not later; the bound is loose for a loaded CI machine (this is no timing test).
    expect(result.durationMs).toBeLessThan(2000);
  });

  it("GIVEN nothing listening THEN the result is not ok with the connection error and no status", async () => {
    const closed = await serve({});
    const url = `${closed.base}/health`;
    await closed.close();

    const [result] = await verifyHealth([{ service: "api", url }], { deadlineMs: 100, intervalMs: 30 });

    expect(result).toMatchObject({ ok: false, lastError: `fetch failed: connect ECONNREFUSED ${url.slice("http://".length, -"/health".length)}` });
    expect(result.lastStatus).toBeUndefined();
    expect(result.attempts).toBeGreaterThanOrEqual(2);
  });

  it("GIVEN an endpoint slower than the request timeout THEN the attempt fails with the timeout", async () => {
    server = await serve({ "/health": (_req, res) => void setTimeout(() => res.writeHead(200).end("{}"), 300) });

    const [result] = await verifyHealth([{ service: "api", url: `${server.base}/health` }], { deadlineMs: 100, intervalMs: 20, requestTimeoutMs: 50 });

    expect(result).toMatchObject({ ok: false, lastError: "no answer within 50 ms" });
    expect(result.attempts).toBe(server.hits["/health"]);
    expect(result.attempts).toBeGreaterThanOrEqual(1);
  });

  it("GIVEN a failing endpoint WHEN the signal aborts THEN verification stops early with 'aborted'", async () => {
    server = await serve({ "/health": json(503, {}) });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 60);

    const [result] = await verifyHealth([{ service: "api", url: `${server.base}/health` }], { deadlineMs: 5000, intervalMs: 20, signal: controller.signal });

    expect(result).toMatchObject({ ok: false, lastError: "aborted" });
    // Well before the 5 s deadline (loose, for a loaded CI machine).
    expect(result.durationMs).toBeLessThan(3000);
  });

  it("GIVEN an injected fetch THEN it is used, with redirects not followed, and a numeric web version is reported as text", async () => {
    const seen: { url: string; redirect?: string }[] = [];
    const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
      seen.push({ url: String(input), redirect: init?.redirect });
      return new Response(JSON.stringify({ version: 7 }), { status: 200 });
    }) as typeof fetch;

    const [result] = await verifyHealth([{ service: "web", url: "https://app.example.com/api/health/ready" }], { ...FAST, fetch: fakeFetch });

    expect(result).toMatchObject({ ok: true, version: "7" });
    expect(seen).toEqual([{ url: "https://app.example.com/api/health/ready", redirect: "manual" }]);
  });

  it("GIVEN a 302 to a login page THEN the check fails without following it, naming the location", async () => {
    server = await serve({
      "/api/health/ready": (_req, res) => res.writeHead(302, { location: "/login?next=%2Fapi%2Fhealth%2Fready" }).end(),
      "/login?next=%2Fapi%2Fhealth%2Fready": json(200, { status: "ready" }),
    });

    const [result] = await verifyHealth([{ service: "web", url: `${server.base}/api/health/ready` }], { deadlineMs: 50, intervalMs: 20 });

    expect(result).toMatchObject({ ok: false, lastStatus: 302, lastError: "redirected to /login?next=%2Fapi%2Fhealth%2Fready: a health check must answer 2xx from the exact URL" });
    expect(server.hits["/login?next=%2Fapi%2Fhealth%2Fready"]).toBeUndefined();
  });

  it.each([
    ["an HTML page", "<html>ok</html>", "the answer is not JSON (\"<html>ok</html>\"): expected the api's {status, timestamp, version, uptime}"],
    ["a status the app never sends", JSON.stringify({ status: "ok", timestamp: "t", version: "1", uptime: 1 }), 'not the api\'s health answer: status "ok" (allowed: healthy, ready)'],
    ["no version and no uptime", JSON.stringify({ status: "ready", timestamp: "t" }), "not the api's health answer: no version, no uptime"],
  ])("GIVEN an api 200 with %s THEN the check fails with the shape problem", async (_name, body, error) => {
    server = await serve({ "/health/ready": (_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(body) });
    const [result] = await verifyHealth([{ service: "api", url: `${server.base}/health/ready` }], { deadlineMs: 30, intervalMs: 20 });
    expect(result).toMatchObject({ ok: false, lastStatus: 200, lastError: error });
  });

  it("GIVEN a readiness 503 with the app's detail THEN the detail is kept", async () => {
    server = await serve({ "/health/ready": json(503, { detail: "Database connectivity check failed: timeout" }) });
    const [result] = await verifyHealth([{ service: "api", url: `${server.base}/health/ready` }], { deadlineMs: 30, intervalMs: 20 });
    expect(result).toMatchObject({ ok: false, lastStatus: 503, lastError: "HTTP 503: Database connectivity check failed: timeout" });
  });
});

describe("expectVersion", () => {
  const result = (service: "api" | "web", url: string, version?: string): HealthCheckResult => ({ service, url, ok: true, attempts: 1, durationMs: 1, ...(version ? { version } : {}) });

  it.each([
    ["every reporting endpoint agrees", [result("api", "a", "1.4.2"), result("web", "w")], { ok: true, confirmed: true, mismatches: [], message: "version 1.4.2 confirmed by a" }],
    [
      "one endpoint reports another version",
      [result("api", "a", "1.4.2"), result("web", "w", "1.4.1")],
      { ok: false, confirmed: true, mismatches: [{ service: "web", url: "w", version: "1.4.1" }], message: "expected version 1.4.2, but web (w) reports 1.4.1" },
    ],
    ["no endpoint reports a version", [result("api", "a"), result("web", "w")], { ok: false, confirmed: false, mismatches: [], message: "no endpoint reports a version; 1.4.2 is not confirmed" }],
  ])("GIVEN %s THEN the check is exact", (_name, results, expected) => {
    expect(expectVersion(results, "1.4.2")).toEqual(expected);
  });
});
