/**
 * The Durable Object store under workerd, with a real Durable Object binding: the contract every shared store
 * keeps (tests/_shared_store_contract.ts), and many concurrent Worker requests, each with a client of its own
 * (a cold start every time), calling Okta through the fake org on one budget. Runs under
 * `node scripts/workerd_durable_object.mjs`, which binds the object; elsewhere it skips with that reason.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  type DurableObjectNamespaceLike,
  durableObjectRateLimitStore,
} from "../rate_limit/durable_object.ts";
import { sharedStoreContract } from "./_shared_store_contract.ts";
import { idle, until } from "./_rate_limit_helpers.ts";
import { createFakeOrg, type FakeOrg } from "../testing/mod.ts";

/** What scripts/workerd_durable_object.mjs hands the tests: the binding, and the Worker's own fetch. */
interface Bindings {
  RATE_LIMITS: DurableObjectNamespaceLike;
  SELF: { fetch(input: string): Promise<Response> };
}
const g = globalThis as { __oktakitBindings?: Bindings; __oktakitWorkerOrg?: FakeOrg };
const why = () =>
  g.__oktakitBindings
    ? undefined
    : "needs workerd with a Durable Object binding (node scripts/workerd_durable_object.mjs)";

describe("Durable Object store (workerd, a real Durable Object binding)", () => {
  sharedStoreContract(
    () => (options) => durableObjectRateLimitStore(g.__oktakitBindings!.RATE_LIMITS, options),
    why,
  );

  it("60 concurrent Worker requests, each a fresh client, share one budget of 30 per 2-s window, with no 429", async (t) => {
    const reason = why();
    if (reason) {
      console.log(`skipped: ${reason}`);
      return t.skip(reason);
    }
    // The org's real clock, 2-second windows: each request's waits run in that request's own context (a
    // frozen clock advanced by the test would wake other requests' timers from the test's).
    const org = createFakeOrg({ clock: "real" });
    org.rateLimits.set("GET /api/v1/users/{idOrLogin}", { limit: 30, windowSeconds: 2 });
    const { userIds: ids } = org.seed({
      users: Array.from({ length: 60 }, (_, i) => ({
        profile: { login: `w${i}@example.com`, email: `w${i}@example.com`, firstName: "W", lastName: `${i}` },
      })),
    });
    g.__oktakitWorkerOrg = org;
    const prefix = `worker-${Date.now()}`;
    const answers = ids.map((id) =>
      g.__oktakitBindings!.SELF.fetch(`https://worker.test/?id=${id}&prefix=${prefix}`).then((r) => r.status)
    );
    await until(() => org.requests.length >= 27, "the window's budget (30 less the reserve of 3)");
    await idle();
    assert.ok(org.requests.length < 60, "the rest wait for the next window");
    assert.deepEqual(new Set(await Promise.all(answers)), new Set([200]));
    assert.equal(org.requests.length, 60, "each call sent once");
    assert.equal(org.rateLimits.violations().total, 0);
  });
});
