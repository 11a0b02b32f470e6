/**
 * A rate-limit store that fails (issue 18, items 1–3): rejected, garbage and hanging updates, and errors
 * while an answer is recorded. Whatever the store does, no request stays counted in flight, no call fails
 * because of it, a hanging store honours the call's signal and `requestTimeout`, and a local budget answers
 * until the store is back.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  memoryRateLimitStore,
  OktaClient,
  type RateLimitBucketState,
  type RateLimitClock,
  type RateLimitStore,
  TimeoutError,
} from "../mod.ts";
import { RateLimitScheduler } from "../lib/http/rate_limit/scheduler.ts";
import { isBucketState, STORE_RETRY_MS } from "../lib/http/rate_limit/guarded_store.ts";
import { clientOptions, json, scripted } from "./_okta_fetch.ts";
import { gate, idle, orgClient, orgWithUsers, until } from "./_rate_limit_helpers.ts";

/** `promise`, or a failure after `ms` (a wedged client must fail the test, not hang it). */
function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** A clock whose time the test sets, with real timers (waits here are short or cancelled). */
function testClock(): RateLimitClock & { t: number } {
  const clock = {
    t: Date.now(),
    now: () => clock.t,
    schedule(ms: number, callback: () => void) {
      const timer = setTimeout(callback, Math.min(ms, 50));
      return () => clearTimeout(timer);
    },
  };
  return clock;
}

/** A store over a memory store that fails as `mode` says, counting its updates. */
function flakyStore(mode: { now: "up" | "reject" | "throw" | "undefined" }) {
  const inner = memoryRateLimitStore();
  const store = {
    calls: 0,
    update<T>(bucket: string, change: (s: RateLimitBucketState | undefined) => [RateLimitBucketState, T]) {
      store.calls++;
      if (mode.now === "throw") throw new Error("redis down");
      if (mode.now === "reject") return Promise.reject(new Error("redis down"));
      if (mode.now === "undefined") return Promise.resolve(undefined as T);
      return Promise.resolve(inner.update(bucket, change));
    },
  };
  return store;
}

const logged = () => {
  const lines: string[] = [];
  const keep = (message: string) => void lines.push(message);
  return { lines, logger: { debug: keep, info: keep, warn: keep, error: keep } };
};

const get = (okta: OktaClient, path: string) => okta.request<unknown>({ method: "GET", path });
const getUser = (okta: OktaClient, id: string) =>
  okta.request<{ id: string }>({ method: "GET", path: `/api/v1/users/${id}` });

describe("rate-limit store faults: an outage (item 1)", () => {
  for (const failure of ["reject", "throw", "undefined"] as const) {
    it(`a store that fails (${failure}) never wedges the client; it is asked again once back`, async () => {
      const mode: { now: "up" | typeof failure } = { now: failure };
      const store = flakyStore(mode);
      const clock = testClock();
      const { lines, logger } = logged();
      const fetch = scripted(() => json({ id: "00u1" }));
      const okta = new OktaClient(clientOptions(fetch, {
        rateLimit: { store, clock, maxConcurrent: 10 },
        logging: { enabled: true, logLevel: "INFO", logger },
      }));
      // Ten at once: more than the bound, so a leaked in-flight count would stop every later call.
      const first = Array.from({ length: 10 }, (_, i) => get(okta, `/api/v1/users/00u${i}`));
      await within(2000, Promise.all(first), "ten calls during the outage");
      const others = ["/api/v1/groups", "/api/v1/apps", "/api/v1/users", "/api/v1/logs", "/api/v1/policies"];
      await within(2000, Promise.all(others.map((path) => get(okta, path))), "calls on other buckets");
      assert.equal(fetch.seen.length, 15);
      assert.equal(lines.filter((line) => /rate-limit store failed/.test(line)).length, 1, "warned once");

      mode.now = "up";
      clock.t += STORE_RETRY_MS + 1;
      const before = store.calls;
      await within(2000, get(okta, "/api/v1/users/00u1"), "a call after the store is back");
      assert.ok(store.calls > before, "the store is asked again");
      assert.ok(lines.some((line) => /store answers again/.test(line)));
    });
  }

  it("a store whose watch throws is polled instead; the call waiting on another client's probe goes", async () => {
    const { org, ids } = orgWithUsers(1);
    const gated = gate(org.fetch);
    const inner = memoryRateLimitStore();
    const store: RateLimitStore = {
      update: (bucket, change) => inner.update(bucket, change),
      watch() {
        throw new Error("pubsub down");
      },
    };
    const { lines, logger } = logged();
    const logging = { enabled: true, logLevel: "WARN", logger };
    const prober = orgClient(org, { fetch: gated.fetch, rateLimit: { store } });
    const waiter = orgClient(org, { fetch: gated.fetch, rateLimit: { store }, logging });
    const probe = getUser(prober, ids[0]);
    await until(() => gated.held.length === 1, "the probe");
    const waiting = getUser(waiter, ids[0]); // waits for the probe's answer
    await idle();
    assert.equal(gated.held.length, 1);
    gated.release(1);
    await probe;
    await until(() => gated.held.length === 1, "the waiting call, after a poll");
    gated.release(1);
    assert.equal((await within(2000, waiting, "the waiting call")).id, ids[0]);
    assert.deepEqual(lines.filter((line) => /watch failed/.test(line)).length, 1);
  });

  it("reads a stored value that is not a whole state as unknown", () => {
    const good = { limit: 10, remaining: 3, reset: 1, probeUntil: 0, untracked: false };
    assert.ok(isBucketState(good));
    for (const bad of [{}, null, "x", { ...good, reset: NaN }, { ...good, untracked: "no" }]) {
      assert.ok(!isBucketState(bad), JSON.stringify(bad));
    }
  });
});

describe("rate-limit store faults: recording an answer (item 2)", () => {
  for (const failure of ["throw", "reject", "hang"] as const) {
    it(`a store that fails (${failure}) while recording a createUser's answer does not fail the call`, async () => {
      const inner = memoryRateLimitStore();
      const store: RateLimitStore = {
        update(bucket, change) {
          const result = inner.update(bucket, change);
          if (typeof result !== "boolean") return result; // taking a permit works
          if (failure === "throw") throw new Error("redis down");
          if (failure === "reject") return Promise.reject(new Error("redis down"));
          return new Promise(() => {}); // never answers
        },
      };
      const fetch = scripted(() => json({ id: "00unew" }, 200));
      const okta = new OktaClient(clientOptions(fetch, { rateLimit: { store } }));
      const created = await within(
        3000,
        okta.request<{ id: string }>({ method: "POST", path: "/api/v1/users", body: { profile: {} } }),
        "createUser",
      );
      assert.equal(created.id, "00unew");
      assert.equal(fetch.seen.length, 1, "sent once: a retry by the caller would create a duplicate");
    });
  }
});

describe("rate-limit store faults: a hanging store (item 3)", () => {
  const call = (signal?: AbortSignal) => ({ signal, check() {} });
  /** A store whose updates never answer until the test lets them (so nothing dangles after it). */
  const hanging = () => {
    const held: (() => void)[] = [];
    const store: RateLimitStore & { held: (() => void)[]; calls: number } = {
      held,
      calls: 0,
      update(_bucket, change) {
        store.calls++;
        return new Promise((resolve) => held.push(() => resolve(change(undefined)[1])));
      },
    };
    return store;
  };

  it("falls back to a local budget when the store does not answer within its bound", async () => {
    const store = hanging();
    const { lines, logger } = logged();
    const scheduler = new RateLimitScheduler({
      maxConcurrent: 2,
      reserve: 0,
      store,
      storeTimeoutMs: 30,
      logger,
    });
    const started = Date.now();
    const permit = await within(1000, Promise.resolve(scheduler.acquire("A", call())), "a permit");
    const took = Date.now() - started;
    assert.ok(took >= 25 && took < 900, `answered by the local budget after the bound (${took} ms)`);
    permit.release(json({}, 200));
    // Meanwhile the store is left alone: the next permit comes from the local budget at once.
    const again = await scheduler.acquire("A", call());
    assert.equal(store.calls, 1);
    again.release();
    assert.equal(lines.filter((line) => /rate-limit store failed/.test(line)).length, 1);
    store.held.forEach((go) => go());
  });

  it("gives up a hung store update at once when the call is aborted, counting nothing in flight", async () => {
    const store = hanging();
    const scheduler = new RateLimitScheduler({ maxConcurrent: 1, reserve: 0, store, storeTimeoutMs: 60_000 });
    const controller = new AbortController();
    const waiting = Promise.resolve(scheduler.acquire("A", call(controller.signal))).catch((e) => e);
    setTimeout(() => controller.abort(new Error("no longer needed")), 10);
    assert.equal((await within(1000, waiting, "the aborted acquire")).message, "no longer needed");
    // The only slot is free again: with the store answering, the next permit comes.
    const next = scheduler.acquire("B", call());
    store.held.forEach((go) => go());
    store.held.length = 0;
    await within(1000, Promise.resolve(next), "the next permit");
    store.held.forEach((go) => go());
  });

  it("honours requestTimeout while the store hangs", async () => {
    const store = hanging();
    const fetch = scripted(() => json({ id: "00u1" }));
    const okta = new OktaClient(clientOptions(fetch, { requestTimeout: 0.2, rateLimit: { store } }));
    const started = Date.now();
    const error = await within(3000, get(okta, "/api/v1/users/00u1").catch((e) => e), "the call");
    assert.ok(error instanceof TimeoutError, String(error));
    assert.ok(Date.now() - started < 900, `${Date.now() - started} ms`);
    store.held.forEach((go) => go());
  });

  it("does not stall other buckets while one bucket's store update hangs", async () => {
    const inner = memoryRateLimitStore();
    const held: (() => void)[] = [];
    let hang = true;
    const store: RateLimitStore = {
      update(bucket, change) {
        if (bucket !== "A" || !hang) return inner.update(bucket, change);
        return new Promise((resolve) => held.push(() => resolve(inner.update(bucket, change))));
      },
    };
    const scheduler = new RateLimitScheduler({ maxConcurrent: 2, reserve: 0, store, storeTimeoutMs: 5000 });
    const c1 = await scheduler.acquire("C", call());
    const c2 = await scheduler.acquire("D", call());
    const a = scheduler.acquire("A", call()); // queued: the bound is full
    const b = scheduler.acquire("B", call());
    c1.release();
    c2.release();
    const permit = await within(1000, Promise.resolve(b), "bucket B's permit");
    assert.equal(permit.bucket, "B");
    hang = false;
    held.forEach((go) => go());
    (await a).release();
    permit.release();
  });

  it("lets a burst on one bucket take its permits from an asynchronous store at once, not one by one", async () => {
    const inner = memoryRateLimitStore();
    const store: RateLimitStore = {
      update: (bucket, change) =>
        new Promise((resolve) => setTimeout(() => resolve(inner.update(bucket, change)), 1)),
    };
    const scheduler = new RateLimitScheduler({ maxConcurrent: 10, reserve: 0, store });
    const now = Math.floor(Date.now() / 1000);
    const window = json({}, 200, {
      "x-rate-limit-limit": "100",
      "x-rate-limit-remaining": "99",
      "x-rate-limit-reset": String(now + 60),
      date: new Date(now * 1000).toUTCString(),
    });
    (await scheduler.acquire("A", call())).release(window);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const permits = await within(
      1000,
      Promise.all([1, 2, 3].map(() => scheduler.acquire("A", call()))),
      "3 permits",
    );
    permits.forEach((permit) => permit.release());
  });

  it("does not spin on a stored {}: it is read as an unknown budget and the call goes", async () => {
    let calls = 0;
    const store: RateLimitStore = {
      update(_bucket, change) {
        calls++;
        // A store that lost its data (or another program's) hands back `{}`, and keeps it.
        return change({} as RateLimitBucketState)[1];
      },
    };
    const fetch = scripted(() => json({ id: "00u1" }));
    const okta = new OktaClient(clientOptions(fetch, { rateLimit: { store } }));
    await within(1000, get(okta, "/api/v1/users/00u1"), "the call");
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.ok(calls <= 3, `the store was asked ${calls} times`);
  });
});
