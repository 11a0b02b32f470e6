import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { NetworkError, OktaApiError, OktaClient, RateLimitError, TimeoutError } from "../mod.ts";
import { rateLimitDelay, retryAfterDelay } from "../lib/http/rate_limit/headers.ts";
import { MAX_WAIT_MS } from "../lib/http/retry.ts";
import { clientOptions, failure, json, oktaError, oktaHeaders, scripted, tooMany } from "./_okta_fetch.ts";

const ok = () => json({ id: "00u1" });
const networkDown = () => Promise.reject(new TypeError("fetch failed: connection refused"));

describe("one policy for every call", () => {
  it("with maxRetries 2, a call answered 429, 503, 429, then 200 makes 4 attempts and succeeds", async () => {
    // 429s and failures are counted apart: two 429s and one 503 are within maxRetries 2 of each.
    const limited = () => tooMany(0, 0, { "retry-after": "0" });
    const unavailable = () => json({}, 503, { "retry-after": "0" });
    const fetch = scripted(limited, unavailable, limited, ok);
    const okta = new OktaClient(clientOptions(fetch, { rateLimit: { maxRetries: 2 } }));
    const user = await okta.request<{ id: string }>({ method: "GET", path: "/api/v1/users/00u1" });
    assert.equal(user.id, "00u1");
    assert.equal(fetch.seen.length, 4);
  });
});

describe("429 handling", () => {
  it("waits until X-Rate-Limit-Reset by the server's Date, then retries with X-Okta-Retry-* headers", async () => {
    // The server clock runs an hour ahead of ours: reading the reset against our clock would wait an hour.
    const fetch = scripted(() => tooMany(0, 3600, { "x-okta-request-id": "first-429" }), ok);
    const okta = new OktaClient(clientOptions(fetch));
    const started = Date.now();
    const user = await okta.request<{ id: string }>({ method: "GET", path: "/api/v1/users/00u1" });
    const waited = Date.now() - started;
    assert.equal(user.id, "00u1");
    assert.equal(fetch.seen.length, 2);
    assert.ok(waited >= 900 && waited < 5000, `waited ${waited} ms`);
    assert.equal(fetch.seen[0].headers.get("x-okta-retry-for"), null);
    assert.equal(fetch.seen[1].headers.get("x-okta-retry-for"), "first-429");
    assert.equal(fetch.seen[1].headers.get("x-okta-retry-count"), "1");
    assert.equal(fetch.seen[1].headers.get("authorization"), "SSWS 00secret-api-token");
  });

  it("retries a POST after a 429 (the request was not processed)", async () => {
    const fetch = scripted(() => tooMany(0), () => json({ id: "00g1" }, 200));
    const okta = new OktaClient(clientOptions(fetch));
    const group = await okta.request<{ id: string }>({
      method: "POST",
      path: "/api/v1/groups",
      body: { a: 1 },
    });
    assert.equal(group.id, "00g1");
    assert.equal(fetch.seen.length, 2);
    assert.equal(fetch.seen[1].body, '{"a":1}');
  });

  it("stops after rateLimit.maxRetries and throws the 429 as a RateLimitError", async () => {
    const fetch = scripted(() => tooMany(0));
    const okta = new OktaClient(clientOptions(fetch, { rateLimit: { maxRetries: 1 } }));
    const error = await okta.request({ method: "GET", path: "/api/v1/users" }).catch((e) => e);
    assert.ok(error instanceof RateLimitError);
    assert.equal(error.status, 429);
    assert.equal(error.errorCode, "E0000047");
    assert.equal(fetch.seen.length, 2);
  });

  it("maxRetries 0 means never retry", async () => {
    const fetch = scripted(() => tooMany(0));
    const okta = new OktaClient(clientOptions(fetch, { rateLimit: { maxRetries: 0 } }));
    await assert.rejects(okta.request({ method: "GET", path: "/api/v1/users" }), RateLimitError);
    assert.equal(fetch.seen.length, 1);
  });

  it("requestTimeout bounds the whole call including the rate-limit wait", async () => {
    const fetch = scripted(() => tooMany(120));
    const okta = new OktaClient(clientOptions(fetch, { requestTimeout: 1 }));
    const started = Date.now();
    await assert.rejects(okta.request({ method: "GET", path: "/api/v1/users" }), TimeoutError);
    assert.ok(Date.now() - started < 3000);
    assert.equal(fetch.seen.length, 1);
  });

  it("an AbortSignal cancels the wait between retries", async () => {
    const fetch = scripted(() => tooMany(60));
    const okta = new OktaClient(clientOptions(fetch));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("stop")), 100);
    const error = await okta.request({ method: "GET", path: "/api/v1/users", signal: controller.signal })
      .catch((e) => e);
    assert.equal((error as Error).message, "stop");
  });

  it("reads duplicated reset headers by taking the smallest", () => {
    const date = new Date(Date.UTC(2026, 0, 1, 0, 0, 0));
    const reset = date.getTime() / 1000;
    const headers = new Headers({
      date: date.toUTCString(),
      "x-rate-limit-reset": `${reset + 30}, ${reset + 5}`,
    });
    assert.equal(rateLimitDelay(headers), 6000);
    assert.equal(rateLimitDelay(new Headers()), undefined);
  });
});

describe("server errors and network failures", () => {
  it("retries a GET after a 503 with backoff", async () => {
    const fetch = scripted(() => json({}, 503), ok);
    const okta = new OktaClient(clientOptions(fetch));
    await okta.request({ method: "GET", path: "/api/v1/users/00u1" });
    assert.equal(fetch.seen.length, 2);
  });

  it("never repeats a POST after a 503 or a network failure", async () => {
    const fetch503 = scripted(() => oktaError(503, "E0000009", "Internal Server Error"));
    const okta = new OktaClient(clientOptions(fetch503));
    await assert.rejects(okta.request({ method: "POST", path: "/api/v1/users", body: {} }), OktaApiError);
    assert.equal(fetch503.seen.length, 1);

    const fetchDown = scripted(networkDown);
    const okta2 = new OktaClient(clientOptions(fetchDown));
    const error = await okta2.request({ method: "POST", path: "/api/v1/users", body: {} }).catch((e) => e);
    assert.ok(error instanceof NetworkError, String(error));
    assert.match(error.message, /not retried/);
    assert.equal(fetchDown.seen.length, 1);
  });

  it("retries a GET after a network failure, then surfaces a NetworkError", async () => {
    const fetch = scripted(networkDown, ok);
    const okta = new OktaClient(clientOptions(fetch));
    assert.deepEqual(await okta.request({ method: "GET", path: "/api/v1/users/00u1" }), { id: "00u1" });

    const down = scripted(networkDown);
    const okta2 = new OktaClient(clientOptions(down, { rateLimit: { maxRetries: 1 } }));
    const error = await okta2.request({ method: "GET", path: "/api/v1/users/00u1" }).catch((e) => e);
    assert.ok(error instanceof NetworkError);
    assert.ok(error.stack);
    assert.equal(down.seen.length, 2);
  });
});

describe("attempts that get no answer in time, and bodies that are streams", () => {
  /** An answer that never comes: it fails only when the attempt's signal aborts, as a real fetch does. */
  const silent = (request: Request) =>
    new Promise<Response>((_, reject) => {
      request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true });
    });

  it("a GET whose attempt outlasts connectionTimeout is sent again; a POST is not", async () => {
    const fetch = scripted(silent, ok);
    const okta = new OktaClient(clientOptions(fetch, { connectionTimeout: 0.05 }));
    assert.deepEqual(await okta.request({ method: "GET", path: "/api/v1/users/00u1" }), { id: "00u1" });
    assert.equal(fetch.seen.length, 2);

    const post = scripted(silent, ok);
    const okta2 = new OktaClient(clientOptions(post, { connectionTimeout: 0.05 }));
    const error = await failure(okta2.request({ method: "POST", path: "/api/v1/users", body: {} }));
    assert.ok(error instanceof TimeoutError, String(error));
    assert.equal(post.seen.length, 1);
  });

  it("a PUT whose body is a stream is retried after a 503 with its whole body", async () => {
    const fetch = scripted(() => json({}, 503), ok);
    const okta = new OktaClient(clientOptions(fetch));
    const bytes = new TextEncoder().encode("-----BEGIN CERTIFICATE-----");
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
    await okta.request({
      method: "PUT",
      path: "/api/v1/apps/0oa1/credentials/keys",
      body,
      bodyType: "binary",
    });
    assert.deepEqual(fetch.seen.map((seen) => seen.body), [
      "-----BEGIN CERTIFICATE-----",
      "-----BEGIN CERTIFICATE-----",
    ]);
    assert.equal(fetch.seen[1].headers.get("authorization"), "SSWS 00secret-api-token");
    assert.match(fetch.seen[1].headers.get("user-agent") ?? "", /^oktakit\//);
  });

  it("every attempt carries User-Agent and Accept, and a call's own Accept replaces the default", async () => {
    const fetch = scripted(() => json({}, 503), ok, () => new Response("text", { status: 200 }));
    const okta = new OktaClient(clientOptions(fetch));
    await okta.request({ method: "GET", path: "/api/v1/users/00u1" });
    for (const seen of fetch.seen) {
      assert.equal(seen.headers.get("accept"), "application/json");
      assert.match(seen.headers.get("user-agent") ?? "", /^oktakit\//);
    }
    await okta.request({
      method: "GET",
      path: "/api/v1/users/00u1",
      responseType: "text",
      accept: "text/plain",
    });
    assert.equal(fetch.seen[2].headers.get("accept"), "text/plain");
  });
});

describe("Retry-After and the longest wait", () => {
  it("a 503's Retry-After (seconds) is honoured instead of the short backoff", async () => {
    const fetch = scripted(() => json({}, 503, { "retry-after": "2" }), ok);
    const okta = new OktaClient(clientOptions(fetch));
    const started = Date.now();
    await okta.request({ method: "GET", path: "/api/v1/users/00u1" });
    assert.equal(fetch.seen.length, 2);
    assert.ok(Date.now() - started >= 1900, `waited ${Date.now() - started} ms`);
  });

  it("a 429's Retry-After as an HTTP-date is read against the response's Date", () => {
    const date = new Date(Date.UTC(2026, 0, 1, 0, 0, 0));
    const headers = new Headers({
      date: date.toUTCString(),
      "retry-after": new Date(date.getTime() + 3000).toUTCString(),
    });
    assert.equal(retryAfterDelay(headers), 3000);
    assert.equal(retryAfterDelay(new Headers({ "retry-after": "7" })), 7000);
    assert.equal(retryAfterDelay(new Headers({ "retry-after": "soon" })), undefined);
  });

  it("a reset an hour away fails at once with a RateLimitError saying how long the wait would be", async () => {
    const fetch = scripted(() => tooMany(3600));
    const okta = new OktaClient(clientOptions(fetch));
    const started = Date.now();
    const error = await failure<RateLimitError>(okta.request({ method: "GET", path: "/api/v1/users" }));
    assert.ok(error instanceof RateLimitError, String(error));
    assert.equal(error.code, "ERR_OKTA_RATE_LIMIT");
    assert.ok(error.waitMs > 3_500_000 && error.maxWaitMs === MAX_WAIT_MS);
    assert.match(error.message, /3601(\.0)? s/);
    assert.ok(Date.now() - started < 1000);
    assert.equal(fetch.seen.length, 1);
  });

  it("a 429 whose reset is in milliseconds is retried once the scheduler's window reopens", async () => {
    const msReset = () =>
      tooMany(0, 0, { "x-rate-limit-limit": "10", "x-rate-limit-reset": String(Date.now() + 1000) });
    const fetch = scripted(msReset, ok);
    const okta = new OktaClient(clientOptions(fetch, { requestTimeout: 8 }));
    const user = await okta.request<{ id: string }>({ method: "GET", path: "/api/v1/users/00u1" });
    assert.equal(user.id, "00u1");
    assert.equal(fetch.seen.length, 2);
  });

  it("a reset given in milliseconds is read as such, not as a wait of 50,000 years", async () => {
    const now = Date.now();
    const headers = oktaHeaders({
      "x-rate-limit-reset": String(now + 2000),
      date: new Date(now).toUTCString(),
    });
    const wait = rateLimitDelay(headers)!;
    assert.ok(wait > 1000 && wait <= 4000, `wait ${wait}`);
    const fetch = scripted(() =>
      json({ errorCode: "E0000047" }, 429, {
        "x-rate-limit-reset": String(Date.now() + 500),
        date: new Date().toUTCString(),
      }), ok);
    const okta = new OktaClient(clientOptions(fetch));
    assert.deepEqual(await okta.request({ method: "GET", path: "/api/v1/users/00u1" }), { id: "00u1" });
  });

  it("a wait longer than what is left of requestTimeout fails at once with a TimeoutError naming the wait", async () => {
    const fetch = scripted(() => json({}, 503, { "retry-after": "30" }));
    const okta = new OktaClient(clientOptions(fetch, { requestTimeout: 5 }));
    const started = Date.now();
    const error = await failure<TimeoutError>(okta.request({ method: "GET", path: "/api/v1/users" }));
    assert.ok(error instanceof TimeoutError, String(error));
    assert.match(error.message, /30000 ms/);
    assert.ok(Date.now() - started < 1000);
  });
});

describe("failure messages count the attempts", () => {
  it("maxRetries 0: one attempt, and the message does not claim a retry", async () => {
    const fetch = scripted(networkDown);
    const okta = new OktaClient(clientOptions(fetch, { rateLimit: { maxRetries: 0 } }));
    const error = await failure<NetworkError>(okta.request({ method: "GET", path: "/api/v1/users/00u1" }));
    assert.ok(error instanceof NetworkError);
    assert.doesNotMatch(error.message, /after retrying/);
    assert.match(error.message, /1 attempt made; maxRetries is 0/);
    assert.equal(error.attempts, 1);
  });

  it("with retries: the number of attempts actually made", async () => {
    const fetch = scripted(networkDown);
    const okta = new OktaClient(clientOptions(fetch, { rateLimit: { maxRetries: 1 } }));
    const error = await failure<NetworkError>(okta.request({ method: "GET", path: "/api/v1/users/00u1" }));
    assert.match(error.message, /2 attempts made/);
    assert.equal(error.attempts, 2);
    assert.equal(fetch.seen.length, 2);
  });
});
