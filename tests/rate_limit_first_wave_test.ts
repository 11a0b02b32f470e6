/**
 * A cold bucket's first wave: a burst to a bucket the scheduler knows nothing of goes at once, up to the
 * smallest limit Okta documents for the bucket less the reserve (and `maxConcurrent`), instead of waiting
 * behind one probe; the first answer then sets the real budget.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { observe, take, WAVE_AFTER_MS } from "../lib/http/rate_limit/budget.ts";
import { bucketOf, priorOf } from "../lib/http/rate_limit/buckets.ts";
import type { RateLimitBucketState } from "../lib/seams.ts";
import { gate, idle, orgClient, orgWithUsers, until } from "./_rate_limit_helpers.ts";

const NOW = 1_767_225_600_000;

/** Takes `n` times from `state`; returns the verdicts and the final state. */
function takeMany(
  state: RateLimitBucketState | undefined,
  n: number,
  prior: number,
  now = NOW,
  reserve = 0.1,
) {
  const verdicts = [];
  for (let i = 0; i < n; i++) {
    const [next, verdict] = take(state, now, reserve, prior);
    state = next;
    verdicts.push(verdict);
  }
  return { verdicts, state, went: verdicts.filter((v) => v.go).length };
}

describe("rate-limit scheduler: a cold bucket's first wave", () => {
  it("carries Okta's smallest documented limit per bucket as the prior", () => {
    assert.equal(priorOf(bucketOf("GET", "/api/v1/users/00u1")), 100);
    assert.equal(priorOf(bucketOf("GET", "/api/v1/apps")), 20);
    assert.equal(priorOf(bucketOf("GET", "/api/v1/logs")), 20);
    assert.equal(priorOf(bucketOf("GET", "/api/v1/policies")), 100);
    assert.equal(priorOf(bucketOf("POST", "/oauth2/v1/token")), 0, "not in the table: no prior");
  });

  it("lets a first wave within the prior less the reserve go, one of them the probe; the rest wait for an answer", () => {
    const { verdicts, went } = takeMany(undefined, 30, 20);
    assert.equal(went, 18, "20 less the 10% reserve");
    assert.deepEqual(verdicts[0], { go: true, probe: true });
    assert.ok(verdicts.slice(1, 18).every((v) => v.go && !v.probe));
    assert.ok(verdicts.slice(18).every((v) => !v.go && v.probe), "the rest wait for the first answer");
    assert.equal(takeMany(undefined, 30, 0).went, 1, "without a prior, the probe goes alone");
    assert.equal(takeMany(undefined, 30, 100, NOW, 0.99).went, 1, "a wave of one is the probe alone");
  });

  it("takes the first answer's count less the wave still in flight", () => {
    const { state } = takeMany(undefined, 18, 20);
    const seen = { limit: 20, remaining: 19, reset: NOW / 1000 + 60 };
    const next = observe(state, seen, true, 17, NOW);
    assert.deepEqual(next, { limit: 20, remaining: 2, reset: NOW + 60_000, probeUntil: 0, untracked: false });
    assert.equal(takeMany(next, 5, 20).went, 0, "the reserve (2 of 20) is kept");
  });

  it("after a known reset, the probe goes alone until a second has surely passed, then a wave of the smaller limit", () => {
    const known: RateLimitBucketState = {
      limit: 50,
      remaining: 0,
      reset: NOW,
      probeUntil: 0,
      untracked: false,
    };
    assert.equal(takeMany(known, 10, 100, NOW + 200).went, 1, "just after the reset: one probe");
    assert.equal(takeMany(known, 100, 100, NOW + WAVE_AFTER_MS).went, 45, "50 learned, less the reserve");
    assert.equal(takeMany(known, 100, 20, NOW + WAVE_AFTER_MS).went, 18, "the prior when smaller");
  });

  it("a probe lost with no answer is replaced out of what is left of the wave", () => {
    let { state } = takeMany(undefined, 18, 20);
    state = observe(state, undefined, true, 17, NOW); // the probe failed without an answer
    const { went, verdicts } = takeMany(state, 5, 20);
    assert.equal(went, 1, "a new probe, nothing more: the wave is spent");
    assert.deepEqual(verdicts[0], { go: true, probe: true });
  });

  it("a late answer from a window already past does not end a wave as if it were the new window", () => {
    const { state } = takeMany(undefined, 5, 20, NOW);
    const stale = { limit: 20, remaining: 12, reset: NOW / 1000 - 5 };
    assert.equal(observe(state, stale, false, 4, NOW), state);
  });

  it("a cold burst through the client stays within the prior, then within the window, at 0 429s", async () => {
    const { org } = orgWithUsers(0);
    org.rateLimits.set("/api/v1/apps", { limit: 20 });
    const held = gate(org.fetch);
    const okta = orgClient(org, { fetch: held.fetch, rateLimit: { firstWave: true, maxConcurrent: 50 } });
    const calls = Array.from({ length: 50 }, () => okta.request({ method: "GET", path: "/api/v1/apps" }));
    await until(() => held.inFlight === 18, "the first wave");
    await idle();
    assert.equal(held.inFlight, 18, "20 per minute on the Integrator Free Plan, less the 10% reserve");
    held.release(18);
    await until(() => org.requests.length === 18, "the first wave answered");
    await idle();
    assert.equal(held.inFlight, 0, "the window's budget (less the reserve) is spent: the rest wait");
    for (let sent = 18; sent < 50; sent += 18) {
      org.clock.advance(61_000);
      await until(() => held.inFlight > 0, "the next window");
      while (held.held.length > 0) {
        held.release(held.held.length);
        await idle();
      }
    }
    await Promise.all(calls);
    assert.equal(org.rateLimits.violations().total, 0);
  });

  it("ten parallel getUser from a cold client go at once; firstWave: false sends one probe first", async () => {
    for (const firstWave of [true, false]) {
      const { org, ids } = orgWithUsers(10);
      const held = gate(org.fetch);
      const okta = orgClient(org, { fetch: held.fetch, rateLimit: { firstWave } });
      const calls = ids.map((id) => okta.request({ method: "GET", path: `/api/v1/users/${id}` }));
      await until(() => held.inFlight >= 1, "the first request");
      await idle();
      assert.equal(held.inFlight, firstWave ? 10 : 1);
      while (org.requests.length < 10) {
        held.release(held.held.length);
        await idle();
      }
      await Promise.all(calls);
      assert.equal(org.rateLimits.violations().total, 0);
    }
  });
});
