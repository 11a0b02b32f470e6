/**
 * What every shared rate-limit store must do, run against each real engine (a KV file, a redis-server, a
 * Durable Object): `update` atomic across separate store instances (as separate processes would hold),
 * prefixes that keep orgs apart, concurrency leases with expiry, and, through clients of the fake org, one
 * budget for all, a cold start without a probe, and one bound on requests in flight.
 */
import { it } from "node:test";
import assert from "node:assert/strict";
import type { RateLimitBucketState, RateLimitStore } from "../mod.ts";
import { gate, idle, orgClient, orgWithUsers, until } from "./_rate_limit_helpers.ts";

const USER_READS = "GET /api/v1/users/{idOrLogin}";
const WINDOW = 61_000;

/** Makes a store over the engine under test; each call is a separate instance, as another process holds. */
export type StoreFactory = (options: { prefix: string; leaseTtlMs?: number }) => RateLimitStore;

let n = 0;
const fresh = () => `t${Date.now().toString(36)}${n++}`;

/** Registers the contract's tests for the stores `make` gives; `skip` says why they cannot run, if so. */
export function sharedStoreContract(
  make: () => StoreFactory | undefined,
  skip?: () => string | undefined,
): void {
  const test = (name: string, body: (factory: StoreFactory) => Promise<void>) =>
    it(name, async (t) => {
      const why = skip?.();
      if (why) {
        console.log(`skipped: ${why}`);
        return t.skip(why);
      }
      await body(make()!);
    });

  test("update is atomic across instances: 60 concurrent increments from three stores count 60", async (factory) => {
    const prefix = fresh();
    const stores = [factory({ prefix }), factory({ prefix }), factory({ prefix })];
    const bump = (state: RateLimitBucketState | undefined): [RateLimitBucketState, number] => {
      const s = state ?? { limit: 100, remaining: 0, reset: 0, probeUntil: 0, untracked: false };
      return [{ ...s, remaining: s.remaining + 1 }, s.remaining + 1];
    };
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => stores[i % 3].update("b", bump)),
    );
    assert.deepEqual([...results].sort((a, b) => a - b), Array.from({ length: 60 }, (_, i) => i + 1));
    const read = await stores[0].update("b", (s) => [s!, s!.remaining]);
    assert.equal(read, 60);
  });

  test("a prefix keeps two orgs' budgets apart", async (factory) => {
    const a = factory({ prefix: fresh() });
    const b = factory({ prefix: fresh() });
    const state = { limit: 10, remaining: 7, reset: 1, probeUntil: 0, untracked: false };
    await a.update("b", () => [state, undefined]);
    assert.deepEqual(await a.update("b", (s) => [s!, s]), state);
    assert.equal(await b.update("b", (s) => [s!, s]), undefined);
  });

  test("leases: at most `max` out across instances, given back, and expiring on their own", async (factory) => {
    const prefix = fresh();
    const one = factory({ prefix, leaseTtlMs: 400 });
    const two = factory({ prefix, leaseTtlMs: 400 });
    const got = await Promise.all([one, two, one, two, one].map((s) => s.lease!(3)));
    assert.equal(got.filter((id) => id !== undefined).length, 3);
    await two.unlease!(got.find((id) => id !== undefined)!);
    assert.notEqual(await one.lease!(3), undefined, "a lease given back is free again");
    assert.equal(await two.lease!(3), undefined);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.notEqual(await two.lease!(3), undefined, "expired leases (a dead process's) free their slots");
  });

  test("two clients share one budget: 30 calls against a window of 10 send 9 (reserve 1), no 429", async (factory) => {
    const prefix = fresh();
    const { org, ids } = orgWithUsers(30);
    org.rateLimits.set(USER_READS, { limit: 10 });
    const a = orgClient(org, { rateLimit: { store: factory({ prefix }) } });
    const b = orgClient(org, { rateLimit: { store: factory({ prefix }) } });
    await a.request({ method: "GET", path: `/api/v1/users/${ids[0]}` }); // learns the window
    const calls = ids.slice(1).map((id, i) =>
      (i % 2 ? a : b).request({ method: "GET", path: `/api/v1/users/${id}` })
    );
    await until(() => org.requests.length === 9, "the window's budget");
    await new Promise((resolve) => setTimeout(resolve, 300)); // a poll of the store, in real time
    await idle();
    assert.equal(org.requests.length, 9, "the second client knows what the first spent");
    for (let sent = 9, w = 0; sent < 30 && w < 10; w++, sent = org.requests.length) {
      org.clock.advance(WINDOW);
      await until(() => org.requests.length > sent, `window ${w + 2}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await idle();
      assert.ok(org.requests.length - sent <= 9, `${org.requests.length - sent} sent in window ${w + 2}`);
    }
    await Promise.all(calls);
    assert.equal(org.rateLimits.violations().total, 0);
    assert.equal(org.requests.length, 30, "each call sent once");
  });

  test("cold start: a new client reads the window from the store and sends at once, without a probe", async (factory) => {
    const prefix = fresh();
    const { org, ids } = orgWithUsers(6);
    org.rateLimits.set(USER_READS, { limit: 100 });
    const first = orgClient(org, { rateLimit: { store: factory({ prefix }) } });
    await first.request({ method: "GET", path: `/api/v1/users/${ids[0]}` });
    const held = gate(org.fetch);
    const cold = orgClient(org, { fetch: held.fetch, rateLimit: { store: factory({ prefix }) } });
    const calls = ids.slice(1).map((id) => cold.request({ method: "GET", path: `/api/v1/users/${id}` }));
    await until(() => held.inFlight === 5, "all five in flight at once");
    held.release(5);
    await Promise.all(calls);
  });

  test("maxConcurrent is the bound of all clients together (leases), not of each", async (factory) => {
    const prefix = fresh();
    const { org, ids } = orgWithUsers(12);
    const held = gate(org.fetch);
    const clients = [0, 1, 2].map(() =>
      orgClient(org, { fetch: held.fetch, rateLimit: { maxConcurrent: 4, store: factory({ prefix }) } })
    );
    const calls = ids.map((id, i) => clients[i % 3].request({ method: "GET", path: `/api/v1/users/${id}` }));
    let done = 0;
    calls.forEach((call) => call.then(() => done++));
    while (done < 12) {
      await until(() => held.held.length > 0 || done === 12, "a request");
      await new Promise((resolve) => setTimeout(resolve, 60)); // time for the others to ask for leases
      assert.ok(held.inFlight <= 4, `${held.inFlight} in flight`);
      held.release(held.held.length);
      await idle();
    }
    await Promise.all(calls);
    assert.equal(held.peak, 4);
  });
}
