/**
 * Proxy and custom CA trust through real loopback servers: a forward proxy for http, a `CONNECT` proxy
 * and a TLS org with a test CA on Node, the runtimes' own servers on Deno and Bun. Workers have neither, and
 * say so with a `ConfigError`.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ConfigError, NetworkError, OktaClient } from "../mod.ts";
import { runtimeInfo } from "../lib/runtime.ts";
import { CA_PEM, SERVER_CERT_PEM, SERVER_KEY_PEM } from "./fixtures/tls/certs.ts";

interface Served {
  port: number;
  stop(): Promise<void>;
}
type Handler = (request: Request) => Response | Promise<Response>;
type Tls = { cert: string; key: string };

// deno-lint-ignore no-explicit-any
type Any = any;
const g = globalThis as Any;
const runtime = runtimeInfo().name;
const node = (name: string): Any => g.process.getBuiltinModule(name);

/** Serves `handler` on loopback (with TLS when given) with the runtime's own server. */
async function serve(handler: Handler, tls?: Tls): Promise<Served | undefined> {
  if (runtime === "deno") {
    const server = g.Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {}, ...tls }, handler);
    return { port: server.addr.port, stop: () => server.shutdown() };
  }
  if (runtime === "bun") {
    const server = g.Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: handler, tls });
    return { port: server.port, stop: () => Promise.resolve(server.stop(true)) };
  }
  if (runtime === "node") {
    // A small adapter from Node's server to a (Request) => Response handler, enough for these tests.
    const listener = async (req: Any, res: Any) => {
      const url = new URL(req.url, `${tls ? "https" : "http"}://${req.headers.host}`);
      const response = await handler(
        new Request(/^https?:/.test(req.url) ? req.url : url.href, {
          method: req.method,
          headers: req.headers,
        }),
      );
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(new Uint8Array(await response.arrayBuffer()));
    };
    const server = tls
      ? node("node:https").createServer({ cert: tls.cert, key: tls.key }, listener)
      : node("node:http").createServer(listener);
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
      port: server.address().port,
      stop: () =>
        new Promise<void>((resolve) => (server.closeAllConnections?.(), server.close(() => resolve()))),
    };
  }
  return undefined;
}

/** The org's answer: who asked, for what, with which authorization. */
const org = (request: Request) =>
  Response.json({ id: "00u1", host: new URL(request.url).host, auth: request.headers.get("authorization") });

describe("proxy", () => {
  it("sends plain-http requests to a forward proxy with its credentials (Deno, Bun, Node)", async () => {
    const seen: { url: string; proxyAuth: string | null; auth: string | null }[] = [];
    // A forward proxy for plain http: it receives the absolute URL and answers in the org's place, so
    // the org's host never has to resolve.
    const proxy = await serve((request) => {
      seen.push({
        url: request.url,
        proxyAuth: request.headers.get("proxy-authorization"),
        auth: request.headers.get("authorization"),
      });
      return Response.json({ id: "00u1" }, { headers: { "x-okta-request-id": "via-proxy" } });
    });
    if (!proxy) return; // workerd: no server (the last test covers it).
    try {
      const okta = new OktaClient({
        orgUrl: "http://org.invalid",
        token: "t0ken",
        sources: false,
        testing: { disableHttpsCheck: true },
        proxy: { host: "127.0.0.1", port: proxy.port, username: "proxy@user", password: "p:ss" },
      });
      const user = await okta.request<{ id: string }>({ method: "GET", path: "/api/v1/users/00u1" });
      assert.equal(user.id, "00u1");
      assert.equal(seen.length, 1);
      assert.match(seen[0].url, /org\.invalid\/api\/v1\/users\/00u1$/);
      assert.equal(seen[0].proxyAuth, `Basic ${btoa("proxy@user:p:ss")}`);
      assert.equal(seen[0].auth, "SSWS t0ken");
    } finally {
      await proxy.stop();
    }
  });

  it("trusts a custom CA with tls.ca, and refuses the same server without it (Deno, Bun, Node)", async () => {
    const server = await serve(org, { cert: SERVER_CERT_PEM, key: SERVER_KEY_PEM });
    if (!server) return;
    try {
      const options = { orgUrl: `https://localhost:${server.port}`, token: "t0ken", sources: false as const };
      const trusted = new OktaClient({ ...options, tls: { ca: CA_PEM } });
      const answer = await trusted.request<{ auth: string }>({ method: "GET", path: "/api/v1/users/00u1" });
      assert.equal(answer.auth, "SSWS t0ken");
      const untrusted = new OktaClient({ ...options, rateLimit: { maxRetries: 0 } });
      await assert.rejects(untrusted.request({ method: "GET", path: "/api/v1/users/00u1" }), NetworkError);
    } finally {
      await server.stop();
    }
  });

  it("tunnels https through a CONNECT proxy to an org trusted by tls.ca (Node)", async () => {
    if (runtime !== "node") return; // Deno's and Bun's CONNECT support is theirs; Node's is ours.
    const server = await serve(org, { cert: SERVER_CERT_PEM, key: SERVER_KEY_PEM });
    const connects: { target: string; auth: string | undefined }[] = [];
    const tunnels: Any[] = []; // a server's close() does not end the sockets it handed to "connect"
    const proxy = node("node:http").createServer((_req: Any, res: Any) => res.end());
    proxy.on("connect", (req: Any, socket: Any, head: Uint8Array) => {
      connects.push({ target: req.url, auth: req.headers["proxy-authorization"] });
      // Whatever host was asked for, the tunnel leads to the loopback org.
      tunnels.push(socket);
      const upstream = node("node:net").connect(server!.port, "127.0.0.1", () => {
        socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on("error", () => socket.destroy());
      socket.on("error", () => upstream.destroy());
    });
    await new Promise((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    try {
      const okta = new OktaClient({
        orgUrl: `https://org.test:${server!.port}`,
        token: "t0ken",
        sources: false,
        proxy: { host: "127.0.0.1", port: proxy.address().port, username: "u", password: "p" },
        tls: { ca: CA_PEM },
      });
      const answer = await okta.request<{ host: string; auth: string }>({
        method: "GET",
        path: "/api/v1/users/00u1",
      });
      assert.deepEqual(answer, { id: "00u1", host: `org.test:${server!.port}`, auth: "SSWS t0ken" });
      assert.deepEqual(connects, [{ target: `org.test:${server!.port}`, auth: `Basic ${btoa("u:p")}` }]);
    } finally {
      for (const socket of tunnels) socket.destroy();
      await new Promise((resolve) => proxy.close(resolve));
      await server!.stop();
    }
  });

  it("Node's proxy-capable fetch pages through Link lines, decodes gzip and stops on an abort (Node)", async () => {
    if (runtime !== "node") return;
    const zlib = node("node:zlib");
    let hang = false;
    const server = node("node:https").createServer(
      { cert: SERVER_CERT_PEM, key: SERVER_KEY_PEM },
      (req: Any, res: Any) => {
        if (hang) return; // never answers: the caller's abort must end the wait
        const after = new URL(req.url, "https://localhost").searchParams.get("after");
        const links = [`<https://localhost:${server.address().port}/api/v1/users>; rel="self"`];
        if (!after) {
          links.push(`<https://localhost:${server.address().port}/api/v1/users?after=2>; rel="next"`);
        }
        res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", link: links });
        res.end(zlib.gzipSync(JSON.stringify([{ id: after ? "00u2" : "00u1" }])));
      },
    );
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const okta = new OktaClient({
        orgUrl: `https://localhost:${server.address().port}`,
        token: "t",
        sources: false,
        tls: { ca: CA_PEM },
      });
      const users = await okta.paginate<{ id: string }>({ method: "GET", path: "/api/v1/users" }).toArray();
      assert.deepEqual(users.map((u) => u.id), ["00u1", "00u2"]);
      hang = true;
      const controller = new AbortController();
      const pending = okta.request({ method: "GET", path: "/api/v1/users/slow", signal: controller.signal });
      setTimeout(() => controller.abort(new Error("stop waiting")), 50);
      await assert.rejects(pending, /stop waiting/);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("is a ConfigError on Node when you pass your own fetch: routing is that fetch's job", async () => {
    if (runtime !== "node") return;
    const okta = new OktaClient({
      orgUrl: "https://a.okta.com",
      token: "t",
      sources: false,
      fetch: () => Promise.resolve(Response.json({})),
      proxy: { host: "127.0.0.1", port: 3128 },
    });
    const error = await okta.ready().then(() => undefined, (e) => e);
    assert.ok(error instanceof ConfigError, String(error));
    assert.match(error.message, /leave the `fetch` option out/);
  });

  it("is a ConfigError that says what to do where the runtime has no proxy support (Workers)", async () => {
    if (runtime === "deno" || runtime === "bun" || runtime === "node") return; // covered above
    const okta = new OktaClient({
      orgUrl: "https://a.okta.com",
      token: "t",
      sources: false,
      proxy: { host: "127.0.0.1", port: 3128 },
    });
    const error = await okta.ready().then(() => undefined, (e) => e);
    assert.ok(error instanceof ConfigError, String(error));
    assert.equal(error.problems[0].field, "okta.client.proxy");
    assert.match(error.message, /Pass a `fetch`/);
  });
});
