import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { type CachedToken, refreshMargin, TokenCache } from "../lib/auth/token_cache.ts";

function counter(lifetimeMs: number, clock: () => number) {
  let calls = 0;
  const load = async (): Promise<CachedToken> => {
    calls++;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const now = clock();
    return { accessToken: `t${calls}`, tokenType: "Bearer", obtainedAt: now, expiresAt: now + lifetimeMs };
  };
  return { load, calls: () => calls };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe("TokenCache", () => {
  it("shares one load among concurrent callers and reuses the token", async () => {
    const source = counter(3_600_000, Date.now);
    const cache = new TokenCache(source.load, Date.now);
    const tokens = await Promise.all(Array.from({ length: 20 }, () => cache.get()));
    assert.equal(source.calls(), 1);
    assert.ok(tokens.every((token) => token.accessToken === "t1"));
    assert.equal((await cache.get()).accessToken, "t1");
    assert.equal(source.calls(), 1);
  });

  it("refreshes in the background when less than min(60 s, 10%) of the lifetime is left", async () => {
    let now = 1_000_000;
    const clock = () => now;
    const source = counter(3_600_000, clock);
    const cache = new TokenCache(source.load, clock);
    assert.equal((await cache.get()).accessToken, "t1");
    now += 3_600_000 - 61_000;
    assert.equal((await cache.get()).accessToken, "t1");
    assert.equal(source.calls(), 1);
    now += 2_000;
    // In the margin: the valid token is served at once and its replacement fetched meanwhile.
    assert.equal((await cache.get()).accessToken, "t1");
    await settle();
    assert.equal(source.calls(), 2);
    assert.equal((await cache.get()).accessToken, "t2");
    // A 5-minute token is replaced in its last 30 seconds (10% < 60 s).
    const short = counter(300_000, clock);
    const shortCache = new TokenCache(short.load, clock);
    await shortCache.get();
    now += 300_000 - 31_000;
    assert.equal((await shortCache.get()).accessToken, "t1");
    now += 2_000;
    await shortCache.get();
    await settle();
    assert.equal((await shortCache.get()).accessToken, "t2");
    // Expired: callers wait for the new token.
    now += 400_000;
    assert.equal((await shortCache.get()).accessToken, "t3");
  });

  it("a failed refresh ahead of expiry keeps serving the valid token, and is tried again later", async () => {
    let now = 1_000_000;
    let calls = 0;
    const failures: unknown[] = [];
    const cache = new TokenCache(
      async () => {
        calls++;
        await Promise.resolve();
        if (calls === 2) throw new Error("token endpoint down");
        return { accessToken: `t${calls}`, tokenType: "Bearer", obtainedAt: now, expiresAt: now + 3_600_000 };
      },
      () => now,
      (error) => failures.push(error),
    );
    await cache.get();
    now += 3_600_000 - 30_000; // in the margin
    assert.equal((await cache.get()).accessToken, "t1");
    await settle();
    assert.equal(calls, 2);
    assert.equal(failures.length, 1);
    assert.equal((await cache.get()).accessToken, "t1", "still valid: still served");
    assert.equal(calls, 2, "not hammered: the next background try waits a few seconds");
    now += 6_000;
    assert.equal((await cache.get()).accessToken, "t1");
    await settle();
    assert.equal((await cache.get()).accessToken, "t3");
  });

  it("aborts the token request once every caller waiting for it has given up", async () => {
    let seen: AbortSignal | undefined;
    const cache = new TokenCache((signal) => {
      seen = signal;
      return new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
    }, Date.now);
    const a = new AbortController();
    const b = new AbortController();
    const first = cache.get(a.signal);
    const second = cache.get(b.signal);
    await settle();
    a.abort(new Error("a gave up"));
    await assert.rejects(first, /a gave up/);
    assert.equal(seen?.aborted, false, "b still waits");
    b.abort(new Error("b gave up"));
    await assert.rejects(second, /b gave up/);
    assert.equal(seen?.aborted, true);
  });

  it("computes the margin", () => {
    assert.equal(
      refreshMargin({ accessToken: "", tokenType: "Bearer", obtainedAt: 0, expiresAt: 3_600_000 }),
      60_000,
    );
    assert.equal(
      refreshMargin({ accessToken: "", tokenType: "Bearer", obtainedAt: 0, expiresAt: 100_000 }),
      10_000,
    );
  });

  it("never caches a failure: every waiting caller sees it, the next call loads again", async () => {
    let calls = 0;
    const cache = new TokenCache(async () => {
      calls++;
      await Promise.resolve();
      if (calls === 1) throw new Error("token endpoint down");
      return { accessToken: "ok", tokenType: "Bearer", obtainedAt: 0, expiresAt: Date.now() + 3_600_000 };
    }, Date.now);
    const results = await Promise.allSettled([cache.get(), cache.get(), cache.get()]);
    assert.ok(results.every((result) => result.status === "rejected"));
    assert.equal(calls, 1);
    assert.equal(cache.peek(), undefined);
    assert.equal((await cache.get()).accessToken, "ok");
    assert.equal(calls, 2);
  });

  it("clears a loader that throws synchronously", async () => {
    let calls = 0;
    const cache = new TokenCache(() => {
      calls++;
      throw new Error("sync");
    }, Date.now);
    await assert.rejects(cache.get(), /sync/);
    await assert.rejects(cache.get(), /sync/);
    assert.equal(calls, 2);
  });

  it("invalidates only the token named, so many 401s cause one refresh", async () => {
    const source = counter(3_600_000, Date.now);
    const cache = new TokenCache(source.load, Date.now);
    const first = await cache.get();
    cache.invalidate(first.accessToken);
    const second = await cache.get();
    assert.equal(second.accessToken, "t2");
    cache.invalidate(first.accessToken); // a late 401 for the old token
    assert.equal((await cache.get()).accessToken, "t2");
    cache.invalidate();
    assert.equal((await cache.get()).accessToken, "t3");
  });

  it("an aborted caller stops waiting; the shared load still completes for others", async () => {
    const source = counter(3_600_000, Date.now);
    const cache = new TokenCache(source.load, Date.now);
    const controller = new AbortController();
    const waiting = cache.get(controller.signal);
    const other = cache.get();
    controller.abort(new Error("caller gave up"));
    await assert.rejects(waiting, /caller gave up/);
    assert.equal((await other).accessToken, "t1");
    assert.equal(source.calls(), 1);
  });
});
