/**
 * Response bodies: a connection that fails mid-body is a NetworkError (and retried for idempotent
 * methods, within the retry budget), an empty or garbled body where JSON is expected is an
 * InvalidResponseError, and a body that never ends is cut by requestTimeout. Bodies are faked with
 * streams, so this runs on every runtime, workerd included; tests/http_socket_test.ts does the same
 * over real sockets.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Okta } from "../api/mod.ts";
import { InvalidResponseError, isOktaError, NetworkError, OktaClient, TimeoutError } from "../mod.ts";
import { clientOptions, failure, json, oktaHeaders, scripted } from "./_okta_fetch.ts";

/** A 200 whose body stops after `cut` bytes with the runtime's mid-body error. */
function truncated(body: string, cut = 5, error: unknown = new TypeError("terminated")): Response {
  const bytes = new TextEncoder().encode(body);
  let sent = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!sent) {
        sent = true;
        controller.enqueue(bytes.slice(0, cut));
      } else controller.error(error);
    },
  });
  return new Response(stream, { status: 200, headers: oktaHeaders() });
}

/** A 200 whose body starts and then never ends. */
function endless(): Response {
  let sent = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!sent) {
        sent = true;
        controller.enqueue(new TextEncoder().encode('{"id":'));
      }
      return new Promise(() => {}); // never more
    },
  });
  return new Response(stream, { status: 200, headers: oktaHeaders() });
}

const user = '{"id":"00u1","status":"ACTIVE"}';
const get = { method: "GET", path: "/api/v1/users/00u1" };

describe("a connection that fails mid-body", () => {
  it("is retried for a GET, within the retry budget, and the call succeeds", async () => {
    const fetch = scripted(() => truncated(user), () => json({ id: "00u1" }));
    const okta = new OktaClient(clientOptions(fetch));
    assert.deepEqual(await okta.request(get), { id: "00u1" });
    assert.equal(fetch.seen.length, 2);
  });

  it("is a NetworkError with a code (never the runtime's bare TypeError) once retries are spent", async () => {
    const bun = Object.assign(new TypeError("ECONNRESET: The socket connection was closed unexpectedly"), {
      code: "ECONNRESET",
    });
    const fetch = scripted(() => truncated(user, 3, bun));
    const okta = new OktaClient(clientOptions(fetch, { rateLimit: { maxRetries: 1 } }));
    const error = await failure<NetworkError>(okta.request(get));
    assert.ok(error instanceof NetworkError, String(error));
    assert.equal(error.code, "ERR_OKTA_NETWORK");
    assert.match(error.message, /response body/);
    assert.match(error.message, /2 attempts made/);
    assert.equal((error.cause as { code?: string }).code, "ECONNRESET");
    assert.equal(fetch.seen.length, 2);
  });

  it("is not repeated for a POST", async () => {
    const fetch = scripted(() => truncated(user, 5, new TypeError("error reading a body from connection")));
    const okta = new OktaClient(clientOptions(fetch));
    const error = await failure<NetworkError>(
      okta.request({ method: "POST", path: "/api/v1/users", body: {} }),
    );
    assert.ok(error instanceof NetworkError, String(error));
    assert.match(error.message, /not idempotent/);
    assert.equal(fetch.seen.length, 1);
  });

  it("a body that never ends is cut by requestTimeout", async () => {
    const fetch = scripted(endless);
    const okta = new OktaClient(clientOptions(fetch, { requestTimeout: 0.3 }));
    const started = Date.now();
    const error = await failure(okta.request(get));
    assert.ok(error instanceof TimeoutError, String(error));
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
  });
});

describe("successful statuses with unusable bodies", () => {
  const answers: [string, () => Response][] = [
    ["an empty 200", () => new Response("", { status: 200, headers: oktaHeaders() })],
    ["garbled JSON", () => new Response('{"id": "00u1", ', { status: 200, headers: oktaHeaders() })],
    [
      "an HTML page",
      () =>
        new Response("<html><body>Sign in to the proxy</body></html>", {
          status: 200,
          headers: { "content-type": "text/html" },
        }),
    ],
  ];
  for (const [name, answer] of answers) {
    it(`${name} where JSON is expected is an InvalidResponseError, not undefined or a crash`, async () => {
      const fetch = scripted(answer);
      const okta = new Okta(clientOptions(fetch));
      const error = await failure<InvalidResponseError>(okta.user.getUser("00u1"));
      assert.ok(error instanceof InvalidResponseError, String(error));
      assert.ok(isOktaError(error) && error.code === "ERR_OKTA_INVALID_RESPONSE");
      assert.equal(error.status, 200);
      assert.match(error.message, /GET \/api\/v1\/users\/00u1 answered HTTP 200/);
    });
  }

  it("operations without a response body still resolve undefined on an empty 200 or a 204", async () => {
    const fetch = scripted(
      () => new Response("", { status: 200, headers: oktaHeaders() }),
      () => new Response(null, { status: 204, headers: oktaHeaders() }),
    );
    const okta = new Okta(clientOptions(fetch));
    assert.equal(await okta.userLifecycle.suspendUser("00u1"), undefined);
    assert.equal(await okta.userLifecycle.unsuspendUser("00u1"), undefined);
  });
});
