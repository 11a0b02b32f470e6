/**
 * The rate-limit scheduler through the client, against the fake org with its clock driving the client's
 * waits (no assertion depends on elapsed time): per-bucket FIFO budgets, re-checking after a reset,
 * learning from retried answers, joined headers, the concurrency bound, the reserve, maxWait,
 * onRateLimit, cancellation while queued, and a shared store.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  memoryRateLimitStore,
  type OktaApiError,
  OktaClient,
  RateLimitError,
  type RateLimitStore,
  type RateLimitWait,
  TimeoutError,
} from "../mod.ts";
import { bucketOf } from "../lib/http/rate_limit/buckets.ts";
import { isConcurrencyLimit, rateLimitDelay, readRateLimit } from "../lib/http/rate_limit/headers.ts";
import { clientOptions, json, scripted } from "./_okta_fetch.ts";
import { gate, idle, orgClient, orgWithUsers, sent, until } from "./_rate_limit_helpers.ts";

const USER_READS = "GET /api/v1/users/{idOrLogin}";
const WINDOW = 61_000; // past a 60-s window's reset and the scheduler's margin
const getUser = (okta: OktaClient, id: string, extra: Record<string, unknown> = {}) =>
  okta.request<{ id: string }>({ method: "GET", path: `/api/v1/users/${id}`, ...extra });

describe("rate-limit scheduler: buckets", () => {
  it("groups requests as Okta documents its buckets, falling back to method and template", () => {
    assert.equal(bucketOf("GET", "/api/v1/users/00ub0oNGTSWTBKOLGLNR"), USER_READS);
    assert.equal(bucketOf("GET", "/api/v1/users/ada%40example.com"), USER_READS);
    assert.equal(bucketOf("POST", "/api/v1/users/00u1"), "/api/v1/users/{id}");
    assert.equal(bucketOf("POST", "/api/v1/users"), "/api/v1/users");
    assert.equal(bucketOf("POST", "/api/v1/users/00u1/lifecycle/suspend"), "/api/v1");
    assert.equal(bucketOf("GET", "/api/v1/apps/0oa1/users"), "/api/v1/apps");
    assert.equal(bucketOf("DELETE", "/api/v1/apps/0oa1"), "/api/v1/apps/{id}");
    assert.equal(bucketOf("GET", "/api/v1/groups/00g1/users"), "/api/v1/groups");
    assert.equal(bucketOf("GET", "/api/v1/logs"), "/api/v1/logs");
    assert.equal(bucketOf("GET", "/api/v1/policies"), "/api/v1");
    assert.equal(bucketOf("POST", "/oauth2/v1/token"), "POST /oauth2/v1/token");
    assert.equal(bucketOf("GET", "/oauth2/default/v1/keys"), "GET /oauth2/default/v1/keys");
  });

  it("releases a spent bucket's queue in FIFO order, only as many per window as it allows (limit 3, 10 calls)", async () => {
    const { org, ids } = orgWithUsers(10);
    org.rateLimits.set(USER_READS, { limit: 3 });
    const okta = orgClient(org);
    const calls = ids.map((id) => getUser(okta, id));
    for (const expected of [3, 6, 9, 10]) {
      await until(() => org.requests.length === expected, `${expected} requests`);
      await idle();
      assert.equal(org.requests.length, expected, "no more than the window allows");
      org.clock.advance(WINDOW);
    }
    await Promise.all(calls);
    const { paths, statuses } = sent(org);
    assert.deepEqual(paths, ids.map((id) => `/api/v1/users/${id}`), "first come, first served");
    assert.ok(statuses.every((status) => status === 200));
    assert.equal(org.rateLimits.violations().total, 0);
  });

  it("re-checks the budget after a reset (one probe) instead of releasing every waiting call", async () => {
    const { org, ids } = orgWithUsers(6);
    org.rateLimits.set(USER_READS, { limit: 3 });
    const okta = orgClient(org);
    const calls = ids.map((id) => getUser(okta, id));
    await until(() => org.requests.length === 3, "the first window");
    // The org's window resets at 60 s, the client wakes a margin later: in between, someone else spends two
    // of the new window's three.
    org.clock.advance(60_000);
    for (const id of ids.slice(0, 2)) {
      await org.fetch(`${org.orgUrl}/api/v1/users/${id}`, {
        headers: { authorization: `SSWS ${org.apiToken}` },
      });
    }
    await idle();
    assert.equal(org.requests.length, 5, "the client's calls still wait for their margin");
    org.clock.advance(WINDOW - 60_000);
    await until(() => org.requests.length === 6, "the probe");
    await idle();
    assert.equal(org.requests.length, 6, "the probe saw none left, so the rest wait");
    org.clock.advance(WINDOW);
    await Promise.all(calls);
    assert.equal(org.rateLimits.violations().total, 0);
  });

  it("learns from a 429 met while retrying, not only from final answers", async () => {
    const { org, ids } = orgWithUsers(2);
    const waits: RateLimitWait[] = [];
    const okta = orgClient(org, {
      rateLimit: { onRateLimit: (wait: RateLimitWait) => (waits.push(wait), false) },
    });
    await getUser(okta, ids[0]); // the bucket is known from here on
    org.faults.push({ match: "GET /api/v1/users/*", status: 429, resetInSeconds: 60 });
    const declined = await getUser(okta, ids[1]).catch((error) => error);
    assert.ok(declined instanceof RateLimitError && declined.reason === "429", String(declined));
    const before = org.requests.length;
    const held = await getUser(okta, ids[1]).catch((error) => error);
    assert.ok(held instanceof RateLimitError, String(held));
    assert.equal(held.reason, "bucket");
    assert.equal(held.bucket, USER_READS);
    assert.ok(held.waitMs >= 60_000 && held.waitMs <= 61_000, `waitMs ${held.waitMs}`);
    assert.equal(org.requests.length, before, "the spent bucket held the call: nothing sent");
    assert.deepEqual(waits.map((w) => w.reason), ["429", "bucket"]);
  });

  it('reads duplicated headers (joined as "a, b") by their smallest value', async () => {
    const headers = new Headers({
      "x-rate-limit-limit": "600, 100",
      "x-rate-limit-remaining": "12, 0",
      "x-rate-limit-reset": "1767225690, 1767225660",
      date: "Thu, 01 Jan 2026 00:00:00 GMT",
    });
    assert.deepEqual(readRateLimit(headers), { limit: 100, remaining: 0, reset: 1767225660 });
    assert.equal(rateLimitDelay(headers), 61_000);
    assert.ok(
      isConcurrencyLimit(new Headers({ "x-rate-limit-limit": "0, 0", "x-rate-limit-remaining": "0, 0" })),
    );
    assert.ok(
      !isConcurrencyLimit(new Headers({ "x-rate-limit-limit": "600", "x-rate-limit-remaining": "0" })),
    );

    const serverNow = Math.floor(Date.now() / 1000);
    const fetch = scripted(() =>
      json({ id: "00u1" }, 200, {
        "x-rate-limit-limit": "600, 600",
        "x-rate-limit-remaining": "40, 0",
        "x-rate-limit-reset": `${serverNow + 90}, ${serverNow + 30}`,
        date: new Date(serverNow * 1000).toUTCString(),
      })
    );
    const okta = new OktaClient(clientOptions(fetch, { rateLimit: { maxWait: 5 } }));
    await getUser(okta, "00u1");
    const error = await getUser(okta, "00u2").catch((e) => e);
    assert.ok(error instanceof RateLimitError, String(error));
    assert.ok(
      error.waitMs > 25_000 && error.waitMs <= 31_000,
      `waited for the earlier reset: ${error.waitMs}`,
    );
    assert.equal(fetch.seen.length, 1);
  });

  it("lets other buckets through while one is spent, and sends everything at once with throttle: false", async () => {
    const { org, ids } = orgWithUsers(3);
    org.rateLimits.set(USER_READS, { limit: 1 });
    const okta = orgClient(org);
    await getUser(okta, ids[0]);
    const held = getUser(okta, ids[1]);
    await okta.request({ method: "GET", path: "/api/v1/groups" });
    await idle();
    assert.equal(org.requests.length, 2, "the groups call went; the user call waits");
    org.clock.advance(WINDOW);
    await held;
    org.clock.advance(WINDOW);

    const off = orgClient(org, { rateLimit: { throttle: false, maxRetries: 0 } });
    await getUser(off, ids[2]);
    await assert.rejects(getUser(off, ids[2]), (e: OktaApiError) => e.status === 429);
  });
});

describe("rate-limit scheduler: concurrency", () => {
  it("never has more than maxConcurrent requests in flight", async () => {
    const { org, ids } = orgWithUsers(1);
    const gated = gate(org.fetch);
    const okta = orgClient(org, { fetch: gated.fetch, rateLimit: { maxConcurrent: 4 } });
    const calls = Array.from({ length: 25 }, () => getUser(okta, ids[0]));
    while (gated.held.length > 0 || gated.inFlight > 0 || org.requests.length < 25) {
      await until(() => gated.held.length > 0 || org.requests.length === 25, "a held request");
      gated.release(1);
      await idle();
    }
    await Promise.all(calls);
    assert.equal(gated.peak, 4);
  });

  it("halves the bound after a concurrent-limit 429 and restores it one step per round of answers", async () => {
    const { org, ids } = orgWithUsers(1);
    const gated = gate(org.fetch);
    const okta = orgClient(org, { fetch: gated.fetch, rateLimit: { maxConcurrent: 8, maxRetries: 0 } });
    org.faults.push({ status: 429, concurrency: true });
    const refused = getUser(okta, ids[0]).catch((error) => error);
    await until(() => gated.held.length === 1, "the first request");
    gated.release(1);
    assert.equal((await refused).status, 429);
    const calls = Array.from({ length: 60 }, () => getUser(okta, ids[0]));
    const peaks: number[] = [];
    for (let released = 0; released < 60; released++) {
      await until(() => gated.held.length > 0, "a held request");
      await idle();
      peaks.push(gated.inFlight);
      gated.release(1);
    }
    await Promise.all(calls);
    assert.deepEqual(peaks.slice(0, 4), [1, 4, 4, 4], "a probe, then half of 8");
    assert.equal(Math.max(...peaks), 8, "restored");
    assert.ok(peaks.every((n, i) => i < 2 || n <= peaks[i - 1] + 1), `one step at a time: ${peaks}`);
  });
});

describe("rate-limit scheduler: reserve, maxWait, onRateLimit, cancellation", () => {
  it("keeps the reserve fraction of each window unused; reserve 0 uses it all", async () => {
    for (const [reserve, expected] of [[0.2, 8], [0, 10]]) {
      const { org, ids } = orgWithUsers(1);
      org.rateLimits.set(USER_READS, { limit: 10 });
      const okta = orgClient(org, { rateLimit: { reserve } });
      const calls = Array.from({ length: 12 }, () => getUser(okta, ids[0]));
      await until(() => org.requests.length === expected, `${expected} requests`);
      await idle();
      assert.equal(org.requests.length, expected, `reserve ${reserve}`);
      org.clock.advance(WINDOW);
      await Promise.all(calls);
      assert.equal(org.rateLimits.violations().total, 0);
    }
  });

  it("fails at once with a RateLimitError when the reset is further away than maxWait", async () => {
    const { org, ids } = orgWithUsers(1);
    org.rateLimits.set(USER_READS, { limit: 1 });
    const okta = orgClient(org, { rateLimit: { maxWait: 10 } });
    await getUser(okta, ids[0]);
    const error = await getUser(okta, ids[0]).catch((e) => e);
    assert.ok(error instanceof RateLimitError, String(error));
    assert.equal(error.bucket, USER_READS);
    assert.equal(error.waitMs, 60_100);
    assert.match(error.message, /60\.1 s would exceed rateLimit\.maxWait \(10 s\)/);
    assert.equal(org.requests.length, 1);
  });

  it("tells onRateLimit of each wait; returning false fails the call, anything else waits", async () => {
    const { org, ids } = orgWithUsers(1);
    org.rateLimits.set(USER_READS, { limit: 1 });
    const seen: RateLimitWait[] = [];
    let allow = true;
    const okta = orgClient(org, { rateLimit: { onRateLimit: (w: RateLimitWait) => (seen.push(w), allow) } });
    await getUser(okta, ids[0]);
    const waiting = getUser(okta, ids[0]);
    await idle();
    assert.deepEqual(seen, [{ bucket: USER_READS, waitMs: 60_100, reason: "bucket" }]);
    allow = false;
    await assert.rejects(getUser(okta, ids[0]), RateLimitError);
    org.clock.advance(WINDOW);
    await waiting;
    assert.equal(org.requests.length, 2);
  });

  it("cancels a queued call at once on its signal, without spending the bucket's budget", async () => {
    const { org, ids } = orgWithUsers(4);
    org.rateLimits.set(USER_READS, { limit: 3 });
    const okta = orgClient(org);
    await Promise.all(ids.slice(0, 3).map((id) => getUser(okta, id)));
    const controller = new AbortController();
    const a = getUser(okta, ids[0]);
    const b = getUser(okta, ids[1], { signal: controller.signal }).catch((error) => error);
    const c = getUser(okta, ids[2]);
    const d = getUser(okta, ids[3]);
    await idle();
    controller.abort(new Error("no longer needed"));
    assert.equal((await b).message, "no longer needed");
    org.clock.advance(WINDOW);
    await Promise.all([a, c, d]);
    assert.deepEqual(sent(org, 3).paths, [ids[0], ids[2], ids[3]].map((id) => `/api/v1/users/${id}`));
    assert.equal(org.rateLimits.violations().total, 0, "the cancelled call took no request from the window");
  });

  it("drops a call waiting behind a probe when requestTimeout runs out; it is never sent", async () => {
    const { org, ids } = orgWithUsers(1);
    const gated = gate(org.fetch);
    const store = memoryRateLimitStore();
    // The probe comes from a client without a timeout that shares the bucket's state.
    const prober = orgClient(org, { fetch: gated.fetch, rateLimit: { store } });
    const okta = orgClient(org, { fetch: gated.fetch, requestTimeout: 0.2, rateLimit: { store } });
    const probe = getUser(prober, ids[0]);
    await until(() => gated.held.length === 1, "the probe");
    const error = await getUser(okta, ids[0]).catch((e) => e);
    assert.ok(error instanceof TimeoutError, String(error));
    gated.release(1);
    await probe;
    await idle();
    assert.equal(org.requests.length, 1, "only the probe was sent");
  });

  it("fails a queued call at once when requestTimeout would run out before the reset", async () => {
    const { org, ids } = orgWithUsers(1);
    org.rateLimits.set(USER_READS, { limit: 1 });
    const okta = orgClient(org, { requestTimeout: 30 });
    await getUser(okta, ids[0]);
    const error = await getUser(okta, ids[0]).catch((e) => e);
    assert.ok(error instanceof TimeoutError, String(error));
    assert.match(error.message, /requestTimeout runs out/);
    assert.equal(org.requests.length, 1);
  });
});

describe("rate-limit scheduler: a shared store", () => {
  /** Runs 8 calls from each of two clients at once against a bucket of 10; `store` makes one per client. */
  const twoClients = async (store: () => RateLimitStore | undefined) => {
    const { org, ids } = orgWithUsers(1);
    org.rateLimits.set(USER_READS, { limit: 10 });
    const options = (s: RateLimitStore | undefined) => ({
      rateLimit: { reserve: 0, maxRetries: 0, store: s },
    });
    const a = orgClient(org, options(store()));
    const b = orgClient(org, options(store()));
    const calls = [a, b].flatMap((okta) =>
      Array.from({ length: 8 }, () => getUser(okta, ids[0]).catch((e) => e))
    );
    await until(() => org.requests.length >= 10, "the first window");
    await idle();
    const firstWindow = org.requests.length;
    org.clock.advance(WINDOW);
    await Promise.all(calls);
    return { firstWindow, violations: org.rateLimits.violations().total };
  };

  it("keeps two clients sharing one store within a bucket that each alone would overrun", async () => {
    const shared = memoryRateLimitStore();
    assert.deepEqual(await twoClients(() => shared), { firstWindow: 10, violations: 0 });
    const apart = await twoClients(() => undefined);
    assert.ok(apart.violations > 0, "with a store each, together they overrun the bucket");
  });

  it("works the same through an asynchronous store (as a Deno KV or Redis adapter would be)", async () => {
    const inner = memoryRateLimitStore();
    const asynchronous: RateLimitStore = {
      update: (bucket, change) =>
        new Promise((resolve) => setTimeout(() => resolve(inner.update(bucket, change)), 0)),
    };
    assert.deepEqual(await twoClients(() => asynchronous), { firstWindow: 10, violations: 0 });
  });
});
