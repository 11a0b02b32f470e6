import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ConfigError, OktaClient } from "../mod.ts";
import { runtimeInfo } from "../lib/runtime.ts";

interface Served {
  port: number;
  stop(): Promise<void>;
}
type Handler = (request: Request) => Response | Promise<Response>;

/** Serves `handler` on loopback with the runtime's own server, where it has one (Deno, Bun). */
function serve(handler: Handler): Served | undefined {
  const g = globalThis as unknown as {
    Deno?: {
      serve(o: { hostname: string; port: number; onListen(): void }, h: Handler): {
        addr: { port: number };
        shutdown(): Promise<void>;
      };
    };
    Bun?: {
      serve(o: { hostname: string; port: number; fetch: Handler }): { port: number; stop(f: boolean): void };
    };
  };
  if (g.Deno) {
    const server = g.Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, handler);
    return { port: server.addr.port, stop: () => server.shutdown() };
  }
  if (g.Bun) {
    const server = g.Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: handler });
    return { port: server.port, stop: () => Promise.resolve(server.stop(true)) };
  }
  return undefined;
}

const ownProxy = ["deno", "bun"].includes(runtimeInfo().name);

describe("proxy", () => {
  const noProxy = ownProxy ? false : "this runtime's fetch has no proxy option (the next test covers it)";
  it("sends requests through the configured proxy with its credentials", { skip: noProxy }, async () => {
    const seen: { url: string; proxyAuth: string | null; auth: string | null }[] = [];
    // A forward proxy for plain http: it receives the absolute URL and answers in the org's place, so
    // the org's host never has to resolve.
    const proxy = serve((request) => {
      seen.push({
        url: request.url,
        proxyAuth: request.headers.get("proxy-authorization"),
        auth: request.headers.get("authorization"),
      });
      return Response.json({ id: "00u1" }, { headers: { "x-okta-request-id": "via-proxy" } });
    })!;
    try {
      const okta = new OktaClient({
        orgUrl: "http://org.invalid",
        token: "t0ken",
        sources: false,
        testing: { disableHttpsCheck: true },
        proxy: { host: "127.0.0.1", port: proxy.port, username: "proxyuser", password: "proxypass" },
      });
      const user = await okta.request<{ id: string }>({ method: "GET", path: "/api/v1/users/00u1" });
      assert.equal(user.id, "00u1");
      assert.equal(seen.length, 1);
      assert.match(seen[0].url, /org\.invalid\/api\/v1\/users\/00u1$/);
      assert.equal(seen[0].proxyAuth, `Basic ${btoa("proxyuser:proxypass")}`);
      assert.equal(seen[0].auth, "SSWS t0ken");
    } finally {
      await proxy.stop();
    }
  });

  const hasProxy = ownProxy ? "this runtime's fetch takes a proxy (the test above covers it)" : false;
  it(
    "is a ConfigError that says what to do where the runtime's fetch cannot use a proxy",
    { skip: hasProxy },
    async () => {
      const runtime = runtimeInfo().name;
      const okta = new OktaClient({
        orgUrl: "https://a.okta.com",
        token: "t",
        sources: false,
        proxy: { host: "127.0.0.1", port: 3128 },
      });
      const error = await okta.ready().then(() => undefined, (e) => e);
      assert.ok(error instanceof ConfigError, String(error));
      assert.equal(error.problems[0].field, "okta.client.proxy");
      assert.match(error.message, runtime === "node" ? /NODE_USE_ENV_PROXY/ : /Pass a `fetch`/);
    },
  );
});
