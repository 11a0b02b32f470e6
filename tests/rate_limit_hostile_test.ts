/**
 * Hostile and odd rate-limit answers (issue 18, items 5, 11, 12, 13 and 15): a reset a day ahead or in
 * microseconds, a far reset with maxWait set, aborting a huge queue, one wild `Date`, `Limit: 0` on a 200,
 * and a concurrent-limit 429 retried as slots free rather than at the window's reset.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { OktaClient, RateLimitError } from "../mod.ts";
import { RateLimitScheduler } from "../lib/http/rate_limit/scheduler.ts";
import { estimate, ServerClock } from "../lib/http/rate_limit/server_clock.ts";
import { rateLimitDelay, readRateLimit } from "../lib/http/rate_limit/headers.ts";
import { MAX_TIMER_MS, timerMs } from "../lib/sleep.ts";
import { decide, MAX_WAIT_MS } from "../lib/http/retry.ts";
import { clientOptions, json, scripted } from "./_okta_fetch.ts";
import { orgClient, orgWithUsers } from "./_rate_limit_helpers.ts";

/** `promise`, or a failure after `ms` (a stalled client must fail the test, not hang it). */
function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

const epoch = () => Math.floor(Date.now() / 1000);
const DAY = 86_400;
/** A 200 for user reads saying the window is spent until `reset` (epoch seconds, or any raw value). */
const spent = (reset: number | string) =>
  json({ id: "00u1" }, 200, { "x-rate-limit-remaining": "0", "x-rate-limit-reset": String(reset) });
const getUser = (okta: OktaClient, id = "00u1") =>
  okta.request<{ id: string }>({ method: "GET", path: `/api/v1/users/${id}` });
const call = (signal?: AbortSignal) => ({ signal, check() {} });

describe("hostile rate-limit headers (item 5)", () => {
  it("a 200 with a reset a day ahead: one probe asks again, then calls fail at once under the default maxWait", async () => {
    const fetch = scripted(() => spent(epoch() + DAY));
    const clock = {
      t: Date.now(),
      now: () => clock.t,
      schedule(ms: number, callback: () => void) {
        const timer = setTimeout(callback, Math.min(ms, 1000));
        return () => clearTimeout(timer);
      },
    };
    const okta = new OktaClient(clientOptions(fetch, { rateLimit: { clock } }));
    await getUser(okta);
    // The recorded reset is doubted once: this call is let through as a probe, and the server repeats it.
    await within(1000, getUser(okta), "the probe");
    for (let i = 0; i < 2; i++) {
      const error = await within(1000, getUser(okta).catch((e) => e), "a call after the probe");
      assert.ok(error instanceof RateLimitError, String(error));
      assert.equal(error.maxWaitMs, MAX_WAIT_MS, "maxWait defaults to 120 s");
      assert.ok(error.waitMs > 86_000_000, `${error.waitMs}`);
    }
    assert.equal(fetch.seen.length, 2);
    // A minute on, one more probe asks again.
    clock.t += 61_000;
    await within(1000, getUser(okta), "the next probe");
    await assert.rejects(within(1000, getUser(okta), "a call after it"), RateLimitError);
    assert.equal(fetch.seen.length, 3);
  });

  it("with maxWait set, a recorded far reset lets one probe through, whose answer corrects it", async () => {
    let n = 0;
    const fetch = scripted(() => n++ === 0 ? spent(epoch() + DAY) : json({ id: "00u1" }));
    const okta = new OktaClient(clientOptions(fetch, { rateLimit: { maxWait: 10 } }));
    await getUser(okta);
    await within(1000, getUser(okta), "the probe");
    await within(1000, Promise.all([getUser(okta), getUser(okta)]), "calls after the probe");
    assert.equal(fetch.seen.length, 4);
  });

  it("a reset in microseconds is no reset at all: nothing waits for it, no timer overflows", async () => {
    const micro = Date.now() * 1000;
    assert.equal(readRateLimit(new Headers({ "x-rate-limit-reset": String(micro) })).reset, undefined);
    assert.equal(rateLimitDelay(new Headers({ "x-rate-limit-reset": String(micro) })), undefined);
    assert.equal(
      readRateLimit(new Headers({ "x-rate-limit-reset": String(Date.now()) })).reset! | 0,
      epoch(),
    );
    const fetch = scripted(() => spent(micro));
    const okta = new OktaClient(clientOptions(fetch, { rateLimit: { maxWait: 10_000 } }));
    await getUser(okta);
    await within(1000, Promise.all([getUser(okta), getUser(okta)]), "calls after a microsecond reset");
    assert.equal(fetch.seen.length, 3);
  });

  it("every timer delay is cut to what setTimeout keeps, and an unreadable one never fires at once", () => {
    assert.equal(timerMs(1e15), MAX_TIMER_MS);
    assert.equal(timerMs(Infinity), MAX_TIMER_MS);
    assert.equal(timerMs(NaN), MAX_TIMER_MS);
    assert.equal(timerMs(-5), 0);
    assert.equal(timerMs(1500), 1500);
  });
});

describe("aborting a long queue (item 11)", () => {
  it("drops 40,000 queued calls sharing one signal in linear time", async () => {
    const scheduler = new RateLimitScheduler({ maxConcurrent: 1, reserve: 0 });
    const held = await scheduler.acquire("A", call());
    const controller = new AbortController();
    const n = 40_000;
    const waits = Array.from(
      { length: n },
      () => Promise.resolve(scheduler.acquire("A", call(controller.signal))).catch(() => "dropped"),
    );
    const started = performance.now();
    controller.abort(new Error("batch cancelled"));
    const ms = performance.now() - started;
    assert.deepEqual(new Set(await Promise.all(waits)), new Set(["dropped"]));
    // Quadratic removal took 5–12 s here; linear takes tens of milliseconds.
    assert.ok(ms < 1500, `abort() took ${ms.toFixed(0)} ms`);
    held.release();
    // The lane is usable afterwards.
    (await within(1000, Promise.resolve(scheduler.acquire("A", call())), "a permit")).release();
  });
});

describe("the server clock (item 12)", () => {
  it("one answer with a far-future or far-past Date does not move the estimate", () => {
    const clock = new ServerClock();
    let now = Date.UTC(2026, 0, 1);
    const answer = (skewMs: number) => {
      now += 1000;
      clock.sample(new Date(now - 300 + skewMs).toUTCString(), now);
    };
    for (let i = 0; i < 5; i++) answer(0);
    const settled = clock.offset;
    assert.ok(settled >= 0 && settled <= 1300, `${settled}`);
    answer(365 * DAY * 1000);
    assert.equal(clock.offset, settled, "a year ahead");
    answer(-3600_000);
    assert.equal(clock.offset, settled, "an hour behind");
    for (let i = 0; i < 3; i++) answer(0);
    assert.equal(clock.offset, settled);
  });

  it("follows a server clock that really moved, once answers agree on it", () => {
    assert.equal(estimate([500]), 500, "one sample is all there is");
    assert.equal(estimate([500, -9e9]), 500, "two that disagree: the one nearer our clock");
    assert.equal(estimate([500, 800, -9e9]), 500);
    assert.equal(estimate([500, -60_000, -59_500]), -60_000, "two agreeing samples win");
  });

  it("one far-future Date does not serialise the client's calls (60 calls, up to 10 in flight)", async () => {
    let inFlight = 0;
    let peak = 0;
    let n = 0;
    const fetch = scripted(async () => {
      const far = n++ === 1;
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight--;
      return json(
        { id: "00u1" },
        200,
        far ? { date: new Date(Date.now() + 365 * DAY * 1000).toUTCString() } : {},
      );
    });
    const okta = new OktaClient(clientOptions(fetch));
    await getUser(okta);
    await getUser(okta); // its Date is a year ahead
    peak = 0;
    await within(3000, Promise.all(Array.from({ length: 60 }, () => getUser(okta))), "60 calls");
    assert.ok(peak >= 5, `at most ${peak} in flight`);
  });
});

describe("Limit 0 and Remaining 0 (item 13)", () => {
  const answer = (status: number) =>
    json({}, status, { "x-rate-limit-limit": "0", "x-rate-limit-remaining": "0" });

  it("halve the concurrency bound only on a 429", async () => {
    const scheduler = new RateLimitScheduler({ maxConcurrent: 8, reserve: 0 });
    (await scheduler.acquire("A", call())).release(answer(200));
    assert.equal(scheduler.concurrency, 8, "a 200 with the pair is not the concurrent-request limit");
    (await scheduler.acquire("B", call())).release(answer(429));
    assert.equal(scheduler.concurrency, 4);
  });
});

describe("the concurrent-request limit (item 15)", () => {
  it("the policy waits a short backoff for a concurrency 429, never the window's reset", () => {
    const now = Date.now();
    const headers = new Headers({
      "x-rate-limit-limit": "0",
      "x-rate-limit-remaining": "0",
      "x-rate-limit-reset": String(Math.floor(now / 1000) + 60),
      date: new Date(now).toUTCString(),
    });
    const counts = { rateLimited: 0, failed: 0, auth: 0 };
    const first = decide({ kind: "answer", status: 429, headers }, counts, "GET", {
      maxRetries: 2,
      random: () => 1,
    });
    assert.deepEqual(first, {
      retry: true,
      count: "rateLimited",
      wait: 500,
      reason: "Concurrent-request limit",
      rateLimit: "concurrency",
    });
    const bucket = new Headers({ ...Object.fromEntries(headers), "x-rate-limit-limit": "600" });
    const later = decide({ kind: "answer", status: 429, headers: bucket }, counts, "GET", { maxRetries: 2 });
    assert.ok(later.retry && later.wait > 59_000, "a bucket's 429 still waits for its reset");
  });

  it("a concurrency 429 retries when a request of the client ends, not at the window's reset", async () => {
    // An org that allows 3 at once, 20 ms per request; its 429 says the window resets in a second.
    const { org, ids } = orgWithUsers(1);
    org.rateLimits.setConcurrency(3);
    org.latencyMs = 20;
    const okta = orgClient(org, { requestTimeout: 0.9, rateLimit: { maxRetries: 10 } });
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => getUser(okta, ids[0]).catch((e) => e)),
    );
    const ms = Date.now() - started;
    assert.deepEqual(results.filter((r) => !(r?.id === ids[0])), [], "every call succeeds");
    assert.ok(ms < 900, `${ms} ms`);
    assert.ok(org.rateLimits.violations().concurrency > 0, "the limit was met");
  });
});
