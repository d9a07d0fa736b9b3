/**
 * Reaching public host names before their DNS records exist. On a first deploy without a managed hosted zone the
 * operator creates `app.<domain>` and `api.<domain>` only after the first `up`, so `asc verify` would fail on
 * ENOTFOUND. With a fallback, a host that does not resolve is looked up as the load balancer's own DNS name instead;
 * the URL is unchanged, so the TLS SNI, the certificate check (TLS verification stays on) and the `Host` header all
 * use the real name, exactly as they will once DNS points at the load balancer.
 *
 * Only the connection's DNS lookup changes: Node's `http(s).request` take a `lookup` with `dns.lookup`'s signature
 * (Node docs, net.Socket connect `lookup` option), and `fetch` (undici) cannot be given one without a dispatcher.
 */
import dns, { type LookupAddress, type LookupOptions } from "node:dns";
import http from "node:http";
import https from "node:https";

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
export type LookupFunction = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

const NOT_FOUND = new Set(["ENOTFOUND", "ENODATA", "EAI_AGAIN"]);

/**
 * A `dns.lookup` that, for a host in `fallbacks` that does not resolve, resolves `fallbacks[host]` instead. Other
 * hosts and other errors pass through unchanged.
 */
export function fallbackLookup(fallbacks: Readonly<Record<string, string>>, base: LookupFunction = dns.lookup as unknown as LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    base(hostname, options, (err, address, family) => {
      const target = fallbacks[hostname.toLowerCase()];
      if (err && target !== undefined && NOT_FOUND.has(err.code ?? "")) {
        base(target, options, callback);
        return;
      }
      callback(err, address, family);
    });
  };
}

/** A minimal GET-only `fetch` over node:http(s) with a custom `lookup` (what verify-health needs). */
export function fetchWithLookup(lookup: LookupFunction): typeof fetch {
  return ((input: string | URL, init: RequestInit = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(String(input));
      const client = url.protocol === "https:" ? https : http;
      const headers = Object.fromEntries(new Headers(init.headers).entries());
      const request = client.request(url, { method: init.method ?? "GET", headers, lookup: lookup as never, signal: init.signal ?? undefined }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("error", reject);
        response.on("end", () => resolve(new Response(Buffer.concat(chunks), { status: response.statusCode ?? 0, statusText: response.statusMessage })));
      });
      request.on("error", (e) => reject(new TypeError("fetch failed", { cause: e })));
      request.end();
    })) as typeof fetch;
}

/** The fallback map for a set of URLs: each URL's host → `target`. Pure. */
export function fallbacksFor(urls: readonly string[], target: string): Record<string, string> {
  return Object.fromEntries(urls.map((u) => [new URL(u).hostname.toLowerCase(), target]));
}
