/**
 * Faults that need a real socket, against a loopback server (`node:http`, on Deno, Bun and Node; skipped
 * on workerd, which cannot listen): a connection reset in the middle of a body, and redirects as the
 * runtime's own fetch reports them.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { NetworkError, OktaClient, RedirectError } from "../mod.ts";
import { startServer } from "./_http_server.ts";
import { failure } from "./_okta_fetch.ts";

function client(origin: string, extra: Record<string, unknown> = {}) {
  return new OktaClient({
    orgUrl: origin,
    token: "00socket-test-token",
    sources: false,
    testing: { disableHttpsCheck: true },
    ...extra,
  });
}

describe("real sockets", () => {
  it("a reset mid-body is retried for a GET, and is a NetworkError once retries are spent", async () => {
    let requests = 0;
    const server = await startServer((request, response) => {
      requests++;
      if (request.url === "/api/v1/users/00u1" && requests === 1 || request.url === "/api/v1/users/down") {
        response.writeHead(200, { "content-type": "application/json", "content-length": "200" });
        response.write('{"id":"00u1",');
        setTimeout(() => request.socket.destroy(), 20);
        return;
      }
      response.writeHead(200, { "content-type": "application/json" });
      response.end('{"id":"00u1"}');
    });
    if (!server) return;
    try {
      const okta = client(server.origin);
      assert.deepEqual(await okta.request({ method: "GET", path: "/api/v1/users/00u1" }), { id: "00u1" });
      assert.equal(requests, 2);
      requests = 0;
      const error = await failure(
        client(server.origin, { rateLimit: { maxRetries: 1 } }).request({
          method: "GET",
          path: "/api/v1/users/down",
        }),
      );
      assert.ok(error instanceof NetworkError, `${(error as Error)?.name}: ${(error as Error)?.message}`);
      assert.equal(requests, 2);
    } finally {
      await server.close();
    }
  });

  it("a redirect to another origin is not followed by the runtime: the other server sees nothing", async () => {
    let elsewhere = 0;
    const other = await startServer((_request, response) => {
      elsewhere++;
      response.end("{}");
    });
    if (!other) return;
    let posts = 0;
    const org = await startServer((request, response) => {
      if (request.method === "POST") posts++;
      const location = request.url === "/same" ? "/api/v1/users/00u1" : `${other.origin}/steal`;
      if (request.url === "/api/v1/users/00u1") {
        response.writeHead(200, { "content-type": "application/json" });
        response.end('{"id":"00u1"}');
        return;
      }
      response.writeHead(request.method === "POST" ? 307 : 302, { location });
      response.end();
    });
    if (!org) return;
    try {
      const okta = client(org.origin);
      assert.deepEqual(await okta.request({ method: "GET", path: "/same" }), { id: "00u1" });
      const error = await failure<RedirectError>(okta.request({ method: "GET", path: "/away" }));
      assert.ok(error instanceof RedirectError, String(error));
      assert.equal(error.location, `${other.origin}/steal`);
      const post = await failure(okta.request({ method: "POST", path: "/same", body: { a: 1 } }));
      assert.ok(post instanceof RedirectError, String(post));
      assert.equal(posts, 1);
      assert.equal(elsewhere, 0);
    } finally {
      await org.close();
      await other.close();
    }
  });
});
