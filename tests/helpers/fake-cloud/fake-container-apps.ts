/**
 * A fake Azure Resource Manager endpoint for Container Apps over HTTPS, answered through the REAL
 * ContainerAppsAPIClient (endpoint override). HTTPS because the Azure pipeline's bearer-token policy refuses to send
 * a token over plain HTTP. The server certificate is issued at test time by a throwaway CA (openssl, a temp dir,
 * nothing committed); clients trust that CA either through NODE_EXTRA_CA_CERTS in a child process (Node reads it
 * only at start-up, so it cannot be set for the running test process), or in-process through the client's
 * `tlsOptions.ca`. Every request must carry `Authorization: Bearer …` and an `api-version`.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { ContainerAppsAPIClient } from "@azure/arm-appcontainers";
import type { AccessToken, TokenCredential } from "@azure/core-auth";
import { testTempDir } from "../temp-dir.js";

export interface FakeRevision {
  readonly images: string[];
  readonly healthState?: "Healthy" | "Unhealthy" | "None";
  readonly provisioningState?: "Provisioned" | "Provisioning" | "Failed" | "Deprovisioned";
  readonly runningState?: string;
}

export interface FakeApp {
  latestRevisionName: string;
  latestReadyRevisionName?: string;
  readonly revisions: Record<string, FakeRevision>;
}

export interface ArmCall {
  readonly method: string;
  readonly path: string;
  readonly apiVersion: string | null;
  readonly bearer: boolean;
}

export interface TestCa {
  readonly dir: string;
  /** PEM of the CA certificate (the file to put in NODE_EXTRA_CA_CERTS). */
  readonly caFile: string;
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}

/** A CA and a server certificate for 127.0.0.1 and localhost, valid one day, made with openssl in a temp dir. */
export function issueTestCertificate(): TestCa {
  const dir = testTempDir("asc-test-ca-");
  const f = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  openssl("req", "-x509", ...ec, "-keyout", f("ca.key"), "-out", f("ca.pem"), "-days", "1", "-subj", "/CN=asc test CA (throwaway)", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
  openssl("req", ...ec, "-keyout", f("server.key"), "-out", f("server.csr"), "-subj", "/CN=127.0.0.1");
  writeFileSync(f("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n");
  openssl("x509", "-req", "-in", f("server.csr"), "-CA", f("ca.pem"), "-CAkey", f("ca.key"), "-CAcreateserial", "-out", f("server.pem"), "-days", "1", "-extfile", f("server.ext"));
  return { dir, caFile: f("ca.pem"), ca: readFileSync(f("ca.pem"), "utf8"), cert: readFileSync(f("server.pem"), "utf8"), key: readFileSync(f("server.key"), "utf8") };
}

/** A credential that hands out a fixed token, as a federated or managed identity would (no network). */
export const staticTokenCredential: TokenCredential = {
  async getToken(): Promise<AccessToken> {
    return { token: "fake-arm-token", expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};

export const SUBSCRIPTION = "00000000-0000-0000-0000-000000000001";
export const RESOURCE_GROUP = "asc-dev-rg";

export class FakeContainerApps {
  readonly calls: ArmCall[] = [];
  readonly apps = new Map<string, FakeApp>();
  private server?: Server;
  url = "";

  constructor(readonly tls: TestCa) {}

  async start(): Promise<this> {
    this.server = createServer({ cert: this.tls.cert, key: this.tls.key }, (req, res) => {
      const url = new URL(req.url ?? "/", "https://localhost");
      const bearer = /^Bearer \S+/.test(String(req.headers.authorization ?? ""));
      this.calls.push({ method: req.method ?? "", path: url.pathname, apiVersion: url.searchParams.get("api-version"), bearer });
      const send = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json", "x-ms-request-id": `req-${this.calls.length}` }).end(JSON.stringify(body));
      if (!bearer) return send(401, { error: { code: "AuthenticationFailed", message: "Authentication failed. The 'Authorization' header is missing." } });
      const prefix = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.App/containerApps/`;
      const rest = url.pathname.toLowerCase().startsWith(prefix.toLowerCase()) ? url.pathname.slice(prefix.length).split("/") : [];
      const app = rest[0] ? this.apps.get(rest[0]) : undefined;
      if (req.method !== "GET" || !app) return send(404, { error: { code: "ResourceNotFound", message: `The Resource 'Microsoft.App/containerApps/${rest[0] ?? "?"}' under resource group '${RESOURCE_GROUP}' was not found.` } });
      const id = `${prefix}${rest[0]}`;
      if (rest.length === 1) {
        const latest = app.revisions[app.latestRevisionName];
        return send(200, {
          id,
          name: rest[0],
          type: "Microsoft.App/containerApps",
          location: "westeurope",
          properties: { provisioningState: "Succeeded", latestRevisionName: app.latestRevisionName, latestReadyRevisionName: app.latestReadyRevisionName, template: { containers: (latest?.images ?? []).map((image, i) => ({ name: i === 0 ? rest[0] : `c${i}`, image })) } },
        });
      }
      const revision = rest[1] === "revisions" && rest[2] ? app.revisions[rest[2]] : undefined;
      if (!revision) return send(404, { error: { code: "ContainerAppRevisionNotFound", message: `revision ${rest[2] ?? "?"} not found` } });
      return send(200, {
        id: `${id}/revisions/${rest[2]}`,
        name: rest[2],
        type: "Microsoft.App/containerapps/revisions",
        properties: { active: true, healthState: revision.healthState ?? "Healthy", provisioningState: revision.provisioningState ?? "Provisioned", runningState: revision.runningState ?? "Running", template: { containers: revision.images.map((image, i) => ({ name: `c${i}`, image })) } },
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.closeAllConnections();
      this.server ? this.server.close(() => resolve()) : resolve();
    });
  }

  /**
   * The real client pointed at this fake. In-process the test CA is trusted through `tlsOptions.ca` (the Azure
   * pipeline's own TLS setting), since NODE_EXTRA_CA_CERTS only applies to a process started with it; the
   * child-process test shows the same client working with NODE_EXTRA_CA_CERTS alone.
   */
  client(): ContainerAppsAPIClient {
    return new ContainerAppsAPIClient(staticTokenCredential, SUBSCRIPTION, { endpoint: this.url, tlsOptions: { ca: this.tls.ca }, retryOptions: { maxRetries: 0 } });
  }

  paths(): string[] {
    return this.calls.map((c) => `${c.method} ${c.path.split("/providers/Microsoft.App/")[1] ?? c.path}`);
  }
}
