/**
 * Every 429 that ends a call is a `RateLimitError` (issue 19, A1): with `maxRetries: 0` as when the retries
 * run out, for API calls and pages of a list alike, with the bucket, the reset, the attempts and Okta's own
 * error code, and a message that neither doubles Okta's final period nor claims a retry that was not made.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { isOktaApiError, isRateLimitError, OktaClient, RateLimitError } from "../mod.ts";
import { clientOptions, failure, json, scripted, tooMany } from "./_okta_fetch.ts";

describe("a 429 that ends a call", () => {
  it("with maxRetries 0 is a RateLimitError carrying the bucket, the reset, the attempts and Okta's code", async () => {
    const fetch = scripted(() => tooMany(30, 0, { "x-okta-request-id": "req-429" }));
    const okta = new OktaClient(clientOptions(fetch, { rateLimit: { maxRetries: 0 } }));
    const started = Date.now();
    const error = await failure<RateLimitError>(okta.request({ method: "GET", path: "/api/v1/users/00u1" }));
    assert.ok(error instanceof RateLimitError, String(error));
    assert.ok(isRateLimitError(error));
    assert.equal(isOktaApiError(error), false, "one type to catch");
    assert.equal(error.code, "ERR_OKTA_RATE_LIMIT");
    assert.equal(error.status, 429);
    assert.equal(error.bucket, "GET /api/v1/users/{idOrLogin}");
    assert.equal(error.attempts, 1);
    assert.equal(error.reason, "429");
    assert.equal(error.errorCode, "E0000047");
    assert.equal(error.errorSummary, "API call exceeded rate limit due to too many requests.");
    assert.equal(error.requestId, "req-429");
    assert.equal(error.headers?.get("x-rate-limit-remaining"), "0");
    assert.ok(error.resetAt instanceof Date);
    const resetIn = error.resetAt.getTime() - started;
    assert.ok(resetIn > 25_000 && resetIn < 35_000, `resets in ${resetIn} ms`);
    assert.ok(error.waitMs > 25_000 && error.waitMs < 35_000, `waitMs ${error.waitMs}`);
    assert.equal(fetch.seen.length, 1);
  });

  it("says it was not retried when maxRetries is 0, and never doubles Okta's period", async () => {
    const fetch = scripted(() => tooMany(30));
    const okta = new OktaClient(clientOptions(fetch, { rateLimit: { maxRetries: 0 } }));
    const error = await failure<RateLimitError>(okta.request({ method: "GET", path: "/api/v1/users/00u1" }));
    assert.doesNotMatch(error.message, /after retrying|still/);
    assert.doesNotMatch(error.message, /\.\./);
    assert.match(error.message, /E0000047: API call exceeded rate limit due to too many requests\)/);
    assert.match(error.message, /not retried \(1 attempt made; rateLimit\.maxRetries is 0\)/);
    assert.match(error.message, /GET \/api\/v1\/users\/\{idOrLogin\}/);
    assert.match(error.message, /resets in about 3\d s/);
  });

  it("after its retries run out, is a RateLimitError counting them", async () => {
    const fetch = scripted(() => tooMany(0, 0, { "retry-after": "0" }));
    const okta = new OktaClient(clientOptions(fetch, { rateLimit: { maxRetries: 2 } }));
    const error = await failure<RateLimitError>(
      okta.request({ method: "POST", path: "/api/v1/groups", body: {} }),
    );
    assert.ok(error instanceof RateLimitError, String(error));
    assert.equal(error.attempts, 3);
    assert.equal(error.bucket, "/api/v1/groups");
    assert.match(error.message, /still rate limited after 2 retries \(3 attempts made\)/);
    assert.doesNotMatch(error.message, /\.\./);
  });

  it("at Okta's concurrent-request limit, says so", async () => {
    const fetch = scripted(() =>
      json(
        { errorCode: "E0000047", errorSummary: "API call exceeded rate limit due to too many requests." },
        429,
        {
          "x-rate-limit-limit": "0",
          "x-rate-limit-remaining": "0",
        },
      )
    );
    const okta = new OktaClient(clientOptions(fetch, { rateLimit: { maxRetries: 0 } }));
    const error = await failure<RateLimitError>(okta.request({ method: "GET", path: "/api/v1/users/00u1" }));
    assert.equal(error.reason, "concurrency");
    assert.match(error.message, /concurrent-request limit/);
  });

  it("from a proxy without Okta's body is a RateLimitError too", async () => {
    const fetch = scripted(() => new Response("Too Many Requests", { status: 429 }));
    const okta = new OktaClient(clientOptions(fetch, { rateLimit: { maxRetries: 0 } }));
    const error = await failure<RateLimitError>(okta.request({ method: "GET", path: "/api/v1/users/00u1" }));
    assert.ok(error instanceof RateLimitError, String(error));
    assert.equal(error.errorCode, undefined);
    assert.equal(error.waitMs, 0);
    assert.equal(error.resetAt, undefined);
  });

  it("on a page of a list is a RateLimitError", async () => {
    const fetch = scripted(() => tooMany(5));
    const okta = new OktaClient(clientOptions(fetch, { rateLimit: { maxRetries: 0 } }));
    const pages = okta.paginate({ method: "GET", path: "/api/v1/users" });
    const error = await failure<RateLimitError>(pages.toArray());
    assert.ok(error instanceof RateLimitError, String(error));
    assert.equal(error.bucket, "/api/v1/users");
  });

  it("a wait refused before sending is still the same type, with attempts counted", async () => {
    const fetch = scripted(() => tooMany(30));
    const okta = new OktaClient(clientOptions(fetch, { rateLimit: { maxRetries: 1, maxWait: 1 } }));
    const error = await failure<RateLimitError>(okta.request({ method: "GET", path: "/api/v1/users/00u1" }));
    assert.ok(error instanceof RateLimitError, String(error));
    assert.equal(error.status, undefined);
    assert.equal(error.attempts, 1);
  });
});
