/**
 * The retry policy on its own (`lib/http/retry.ts`): a pure function of what happened, the counts so far, the
 * method and the limits, tested without a client.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { backoffDelay, decide, MAX_AUTH_RETRIES, type Outcome, retryNote } from "../lib/http/retry.ts";

const none = { rateLimited: 0, failed: 0, auth: 0 };
const limits = { maxRetries: 2, now: () => Date.parse("2026-12-06T10:00:00Z"), random: () => 1 };
const answer = (status: number, headers: Record<string, string> = {}, mended = false): Outcome => ({
  kind: "answer",
  status,
  headers: new Headers(headers),
  mended,
});

describe("the retry policy", () => {
  it("a 429 waits for the bucket's reset read against the server's Date, for any method", () => {
    // The server's clock runs an hour ahead of ours: its Date, not ours, is what the reset is read against.
    const serverNow = Date.parse("2026-12-06T11:00:00Z");
    const headers = {
      date: new Date(serverNow).toUTCString(),
      "x-rate-limit-limit": "600",
      "x-rate-limit-remaining": "0",
      "x-rate-limit-reset": String(serverNow / 1000 + 5),
    };
    const decision = decide(answer(429, headers), none, "POST", limits);
    assert.deepEqual(decision, {
      retry: true,
      count: "rateLimited",
      wait: 6000, // five seconds to the reset, one of margin
      reason: "Rate limited",
      rateLimit: "429",
    });
  });

  it("a 429's Retry-After wins over the reset; without either it backs off", () => {
    assert.equal(
      (decide(answer(429, { "retry-after": "3" }), none, "GET", limits) as { wait: number }).wait,
      3000,
    );
    assert.equal(
      (decide(answer(429), none, "GET", limits) as { wait: number }).wait,
      backoffDelay(1, () => 1),
    );
  });

  it("tells Okta's concurrent-request limit from a bucket's", () => {
    const decision = decide(
      answer(429, { "x-rate-limit-limit": "0", "x-rate-limit-remaining": "0", "retry-after": "1" }),
      none,
      "GET",
      limits,
    );
    assert.equal(decision.retry && decision.reason, "Concurrent-request limit");
    assert.equal(decision.retry && decision.rateLimit, "concurrency");
  });

  it("counts 429s and failures apart, each up to maxRetries", () => {
    assert.equal(decide(answer(429), { ...none, rateLimited: 2 }, "GET", limits).retry, false);
    assert.equal(decide(answer(429), { ...none, failed: 2 }, "GET", limits).retry, true);
    assert.equal(decide(answer(503), { ...none, rateLimited: 2 }, "GET", limits).retry, true);
    assert.equal(decide(answer(503), { ...none, failed: 2 }, "GET", limits).retry, false);
    assert.equal(decide(answer(429), none, "GET", { ...limits, maxRetries: 0 }).retry, false);
  });

  it("retries 502/503/504, network failures, timeouts and lost bodies only for idempotent methods", () => {
    for (
      const outcome of [
        answer(502),
        answer(503),
        answer(504),
        { kind: "no-answer", why: "network" },
        { kind: "no-answer", why: "timeout" },
        { kind: "body-lost", message: "socket hang up" },
      ] as Outcome[]
    ) {
      for (const method of ["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "get"]) {
        const decision = decide(outcome, none, method, limits);
        assert.equal(decision.retry && decision.count, "failed", `${method} ${JSON.stringify(outcome)}`);
      }
      for (const method of ["POST", "PATCH"]) {
        assert.equal(decide(outcome, none, method, limits).retry, false);
      }
      // A token request is a POST that changes nothing on the server.
      assert.equal(decide(outcome, none, "POST", { ...limits, idempotent: true }).retry, true);
    }
    assert.equal(
      decide(answer(503, { "retry-after": "2" }), none, "GET", limits).retry &&
        (decide(answer(503, { "retry-after": "2" }), none, "GET", limits) as { wait: number }).wait,
      2000,
    );
  });

  it("names the failure in its reason", () => {
    const reasons = ([
      answer(503),
      { kind: "no-answer", why: "network" },
      { kind: "no-answer", why: "timeout" },
      { kind: "body-lost", message: "socket hang up" },
    ] as Outcome[]).map((o) => {
      const d = decide(o, none, "GET", limits);
      return d.retry ? d.reason : "";
    });
    assert.deepEqual(reasons, [
      "HTTP 503",
      "NetworkError",
      "TimeoutError",
      "The connection failed mid-body (socket hang up)",
    ]);
  });

  it("sends a mended 400 or 401 again at once, at most MAX_AUTH_RETRIES times; an unmended one stands", () => {
    assert.deepEqual(decide(answer(401, {}, true), none, "POST", limits), {
      retry: true,
      count: "auth",
      wait: 0,
      reason: "HTTP 401 mended by the auth strategy",
    });
    assert.equal(
      decide(answer(401, {}, true), { ...none, auth: MAX_AUTH_RETRIES }, "GET", limits).retry,
      false,
    );
    assert.equal(decide(answer(401), none, "GET", limits).retry, false);
    assert.equal(decide(answer(400, {}, true), none, "POST", limits).retry, true);
  });

  it("never retries other answers", () => {
    for (const status of [200, 201, 204, 400, 403, 404, 409, 500, 501]) {
      assert.equal(decide(answer(status), none, "GET", limits).retry, false, String(status));
    }
  });

  it("backs off exponentially with jitter, capped", () => {
    assert.equal(backoffDelay(1, () => 0), 250);
    assert.equal(backoffDelay(1, () => 1), 500);
    assert.equal(backoffDelay(3, () => 1), 2000);
    assert.equal(backoffDelay(20, () => 1), 30_000);
  });

  it("says in messages how often a call was sent and why not more", () => {
    assert.equal(retryNote("GET", 3, 2), "(3 attempts made)");
    assert.equal(retryNote("post", 1, 2), "(1 attempt made; not retried: POST is not idempotent)");
    assert.equal(retryNote("GET", 1, 0), "(1 attempt made; maxRetries is 0)");
  });
});
