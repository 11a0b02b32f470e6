/**
 * A proxy's 407 says it came from the proxy, names the proxy's host and port, and never shows its credentials
 * (issue 18, item 17): a forward proxy's answer, and a refused CONNECT tunnel, on Deno, Bun and Node.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { HttpError, NetworkError, OktaClient } from "../mod.ts";
import { runtimeInfo } from "../lib/runtime.ts";
import { assertShowsNoSecret } from "./_inspect.ts";
import { failure } from "./_okta_fetch.ts";

// deno-lint-ignore no-explicit-any
type Any = any;
const g = globalThis as Any;
const runtime = runtimeInfo().name;
const node = (name: string): Any => g.process.getBuiltinModule(name);
const USER = "proxy-user-7f3a";
const PASSWORD = "proxy-pa55-9b1c";

/** A plain-http server on loopback answering every request with `answer`, with the runtime's own server. */
async function serve(answer: () => Response): Promise<{ port: number; stop(): Promise<void> } | undefined> {
  if (runtime === "deno") {
    const server = g.Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, answer);
    return { port: server.addr.port, stop: () => server.shutdown() };
  }
  if (runtime === "bun") {
    const server = g.Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: answer });
    return { port: server.port, stop: () => Promise.resolve(server.stop(true)) };
  }
  if (runtime === "node") {
    const server = node("node:http").createServer(async (_req: Any, res: Any) => {
      const response = answer();
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(await response.text());
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
      port: server.address().port,
      stop: () =>
        new Promise<void>((resolve) => (server.closeAllConnections?.(), server.close(() => resolve()))),
    };
  }
  return undefined;
}

describe("a proxy's 407", () => {
  it("from a forward proxy is an HttpError naming the proxy, not Okta, without its credentials (Deno, Bun, Node)", async () => {
    const proxy = await serve(() =>
      new Response("<html>Proxy Authentication Required</html>", {
        status: 407,
        headers: { "content-type": "text/html", "proxy-authenticate": 'Basic realm="corp"' },
      })
    );
    if (!proxy) return; // workerd has no proxy support (proxy_test.ts covers its ConfigError)
    try {
      const okta = new OktaClient({
        orgUrl: "http://org.invalid",
        token: "t0ken",
        sources: false,
        testing: { disableHttpsCheck: true },
        proxy: { host: "127.0.0.1", port: proxy.port, username: USER, password: PASSWORD },
      });
      const error = await failure<HttpError>(okta.request({ method: "GET", path: "/api/v1/users/00u1" }));
      assert.ok(error instanceof HttpError, String(error));
      assert.equal(error.status, 407);
      assert.match(
        error.message,
        new RegExp(`refused by the proxy at 127\\.0\\.0\\.1:${proxy.port} with HTTP 407`),
      );
      assert.match(error.message, /before it reached Okta/);
      assert.doesNotMatch(error.message, /non-JSON body/);
      assertShowsNoSecret(error, [USER, PASSWORD, btoa(`${USER}:${PASSWORD}`)]);
    } finally {
      await proxy.stop();
    }
  });

  it("refusing a CONNECT tunnel is a NetworkError whose cause names the proxy (Deno, Bun, Node)", async () => {
    if (runtime !== "node" && runtime !== "deno" && runtime !== "bun") return; // workerd: no server
    const sockets: Any[] = [];
    const proxy = node("node:http").createServer((_req: Any, res: Any) => res.end());
    proxy.on("connect", (_req: Any, socket: Any) => {
      sockets.push(socket);
      socket.end("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n");
    });
    await new Promise((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const port = proxy.address().port;
    try {
      const okta = new OktaClient({
        orgUrl: "https://org.test",
        token: "t0ken",
        sources: false,
        rateLimit: { maxRetries: 0 },
        proxy: { host: "127.0.0.1", port, username: USER, password: PASSWORD },
      });
      const error = await failure<NetworkError>(okta.request({ method: "GET", path: "/api/v1/users/00u1" }));
      assert.ok(error instanceof NetworkError, String(error));
      assert.match(
        error.message,
        new RegExp(`the proxy at 127\\.0\\.0\\.1:${port} refused the connection with HTTP 407`),
      );
      assertShowsNoSecret(error, [USER, PASSWORD, btoa(`${USER}:${PASSWORD}`)]);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });
});
