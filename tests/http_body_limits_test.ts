/**
 * Response bodies are bounded: past `maxResponseBytes` (default 64 MiB) or stalled longer than
 * `bodyIdleTimeout`, the call fails at once, without a retry, and the body is let go (issue 18, item 6).
 * Over an injected fetch, and over a real socket on Deno, Bun and Node.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { InvalidResponseError, OktaClient, TimeoutError } from "../mod.ts";
import { resolveConfig } from "../lib/config/load.ts";
import { startServer } from "./_http_server.ts";
import { clientOptions, failure, oktaHeaders } from "./_okta_fetch.ts";

const MiB = 1024 * 1024;

/** A fetch answering 200 with an endless JSON-ish body of `chunk`s; counts requests and chunks pulled. */
function endless(chunk: Uint8Array, headers: Record<string, string> = {}) {
  const counts = { requests: 0, pulled: 0, cancelled: 0 };
  const fetch = () => {
    counts.requests++;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        counts.pulled++;
        controller.enqueue(chunk);
      },
      cancel() {
        counts.cancelled++;
      },
    });
    return Promise.resolve(new Response(body, { status: 200, headers: oktaHeaders(headers) }));
  };
  return { fetch: fetch as unknown as typeof globalThis.fetch, counts };
}

describe("maxResponseBytes", () => {
  it("defaults to 64 MiB, from the options, YAML or environment", async () => {
    const config = await resolveConfig({ orgUrl: "https://example.okta.com", token: "00t", sources: false });
    assert.equal(config.client.maxResponseBytes, 64 * MiB);
    assert.equal(config.client.bodyIdleTimeout, 30);
    const fromEnv = await resolveConfig({
      orgUrl: "https://example.okta.com",
      token: "00t",
      sources: {
        env: { OKTA_CLIENT_MAXRESPONSEBYTES: "1000", OKTA_CLIENT_BODYIDLETIMEOUT: "5" },
        files: false,
      },
    });
    assert.equal(fromEnv.client.maxResponseBytes, 1000);
    assert.equal(fromEnv.client.bodyIdleTimeout, 5);
  });

  it("an endless body fails past the default limit, read once, not retried, and cancelled", async () => {
    const { fetch, counts } = endless(new Uint8Array(MiB).fill(0x20));
    const okta = new OktaClient(clientOptions(fetch));
    const error = await failure<Error>(okta.request({ method: "GET", path: "/api/v1/users/00u1" }));
    assert.ok(error instanceof InvalidResponseError, String(error));
    assert.match(error.message, /larger than maxResponseBytes \(67108864 bytes\)/);
    assert.equal(counts.requests, 1, "a GET is not retried");
    assert.ok(counts.pulled <= 66, `${counts.pulled} MiB pulled`);
    assert.equal(counts.cancelled, 1);
  });

  it("a Content-Length over the limit fails before a byte is read; a set limit applies to errors and binary", async () => {
    const { fetch, counts } = endless(new Uint8Array(1000), { "content-length": "600000000" });
    const okta = new OktaClient(clientOptions(fetch, { maxResponseBytes: 10_000 }));
    const error = await failure<Error>(okta.request({ method: "GET", path: "/api/v1/users/00u1" }));
    assert.ok(error instanceof InvalidResponseError);
    assert.equal(counts.pulled <= 1, true, `${counts.pulled} chunks pulled`); // a stream may pre-pull one
    const binary = endless(new Uint8Array(1000));
    const small = new OktaClient(clientOptions(binary.fetch, { maxResponseBytes: 10_000 }));
    const bytes = await failure(
      small.request({ method: "GET", path: "/api/v1/apps/0oa1/logo", responseType: "binary" }),
    );
    assert.ok(bytes instanceof InvalidResponseError);
    assert.ok(binary.counts.pulled <= 12);
  });

  it("bodies under the limit read as before", async () => {
    const fetch = () => Promise.resolve(new Response('{"id":"00u1"}', { headers: oktaHeaders() }));
    const okta = new OktaClient(
      clientOptions(fetch as unknown as typeof globalThis.fetch, { maxResponseBytes: 13 }),
    );
    assert.deepEqual(await okta.request({ method: "GET", path: "/api/v1/users/00u1" }), { id: "00u1" });
  });
});

describe("bodyIdleTimeout", () => {
  it("a body that trickles slower than the idle timeout fails with a TimeoutError, not retried", async () => {
    let requests = 0;
    const fetch = () => {
      requests++;
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (sent++ > 0) await new Promise((resolve) => setTimeout(resolve, 400));
          controller.enqueue(new TextEncoder().encode(sent === 1 ? '{"id":' : " "));
        },
      });
      return Promise.resolve(new Response(body, { headers: oktaHeaders() }));
    };
    const okta = new OktaClient(
      clientOptions(fetch as unknown as typeof globalThis.fetch, { bodyIdleTimeout: 0.1 }),
    );
    const started = Date.now();
    const error = await failure<Error>(okta.request({ method: "GET", path: "/api/v1/users/00u1" }));
    assert.ok(error instanceof TimeoutError, String(error));
    assert.match(error.message, /stalled, with no data for 100 ms \(bodyIdleTimeout\)/);
    assert.equal(requests, 1);
    assert.ok(Date.now() - started < 2_000);
  });

  it("a small body with a declared length (read whole by the runtime) that stalls fails the same way", async () => {
    let requests = 0;
    const fetch = () => {
      requests++;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"id":'));
        },
        pull: () => new Promise((resolve) => setTimeout(resolve, 1_000)),
      });
      return Promise.resolve(new Response(body, { headers: oktaHeaders({ "content-length": "100" }) }));
    };
    const okta = new OktaClient(
      clientOptions(fetch as unknown as typeof globalThis.fetch, { bodyIdleTimeout: 0.1 }),
    );
    const started = Date.now();
    const error = await failure<Error>(okta.request({ method: "GET", path: "/api/v1/users/00u1" }));
    assert.ok(error instanceof TimeoutError, String(error));
    assert.equal(requests, 1);
    assert.ok(Date.now() - started < 900, `${Date.now() - started} ms`);
  });

  it("over a real socket: a server sending a byte at a time slower than the timeout (Deno, Bun, Node)", async () => {
    let requests = 0;
    const timers: ReturnType<typeof setInterval>[] = [];
    const server = await startServer((_request, response) => {
      requests++;
      response.writeHead(200, { "content-type": "application/json" });
      response.write("{");
      timers.push(setInterval(() => response.write(" "), 500));
    });
    if (!server) return;
    try {
      const okta = new OktaClient({
        orgUrl: server.origin,
        token: "00socket-test-token",
        sources: false,
        testing: { disableHttpsCheck: true },
        bodyIdleTimeout: 0.2,
      });
      const error = await failure<Error>(okta.request({ method: "GET", path: "/api/v1/users/00u1" }));
      assert.ok(error instanceof TimeoutError, String(error));
      assert.equal(requests, 1);
    } finally {
      for (const timer of timers) clearInterval(timer);
      await server.close();
    }
  });
});
