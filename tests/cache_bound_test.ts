/**
 * The default cache store is bounded (issue 19, item 7): at most `cache.maxEntries` responses, the least
 * recently used first, and a sweep of expired entries; 100,000 distinct cached GETs keep it at its bound.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { OktaClient } from "../mod.ts";
import { memoryStore, ResponseCache } from "../lib/http/cache.ts";
import { resolveConfig } from "../lib/config/load.ts";
import { clientOptions, json, scripted } from "./_okta_fetch.ts";

describe("cache: a bounded default store", () => {
  it("has sensible defaults: 10,000 entries, a sweep every 60 s", async () => {
    const config = await resolveConfig({ orgUrl: "https://example.okta.com", token: "00t", sources: false });
    assert.equal(config.client.cache.maxEntries, 10_000);
    assert.equal(config.client.cache.sweepInterval, 60);
  });

  it("100,000 distinct cached GETs keep the store at its bound, versions and aliases included", async () => {
    const store = memoryStore({ maxEntries: 1_000, ttlMs: 300_000, ttiMs: 300_000 });
    const cache = new ResponseCache({ store, credential: "c", ttlSeconds: 300, ttiSeconds: 300 });
    const response = new Response(null, { headers: { "content-type": "application/json" } });
    let largest = 0;
    for (let i = 0; i < 100_000; i++) {
      const url = `https://example.okta.com/api/v1/users/00u${i}`;
      const stamp = await cache.stamp(url);
      const data = { id: `00u${i}`, profile: { login: `user${i}@example.com` } };
      await cache.put(url, response, JSON.stringify(data), data, stamp);
      largest = Math.max(largest, store.size);
    }
    assert.equal(largest, 1_000);
    assert.equal(store.size, 1_000);
    assert.ok(store.metaSize <= 4_000, `${store.metaSize} versions and aliases`);
    // The most recent are the ones kept.
    assert.ok(await cache.get("https://example.okta.com/api/v1/users/00u99999"));
    assert.equal(await cache.get("https://example.okta.com/api/v1/users/00u0"), undefined);
  });

  it("evicts the least recently used: an entry read again stays", async () => {
    const fetch = scripted((request) => json({ id: new URL(request.url).pathname.split("/").pop() }));
    const okta = new OktaClient(clientOptions(fetch, { cache: { enabled: true, maxEntries: 3 } }));
    const get = (id: string) => okta.request({ method: "GET", path: `/api/v1/users/${id}` });
    await get("a");
    await get("b");
    await get("c");
    await get("a"); // a hit: now the most recently used
    await get("d"); // b goes
    const before = fetch.seen.length;
    await get("a");
    await get("c");
    await get("d");
    assert.equal(fetch.seen.length, before, "a, c and d were kept");
    await get("b");
    assert.equal(fetch.seen.length, before + 1, "b was evicted");
  });

  it("forgetting versions to stay bounded never brings back an entry a write made stale", async () => {
    let now = 1_000;
    const store = memoryStore({ maxEntries: 10, ttlMs: 300_000, ttiMs: 300_000, now: () => now });
    const cache = new ResponseCache({
      store,
      credential: "c",
      ttlSeconds: 300,
      ttiSeconds: 300,
      now: () => now,
    });
    const ada = "https://example.okta.com/api/v1/users/00u1";
    const response = new Response(null, { headers: { "content-type": "application/json" } });
    await cache.put(ada, response, '{"id":"00u1"}', { id: "00u1" }, await cache.stamp(ada));
    now++;
    await cache.evict(ada); // the entry is stale now, by its version
    // Writes elsewhere pile up versions until the store must forget the oldest, the one above among them.
    for (let i = 0; i < 100; i++) {
      now++;
      await cache.evict(`https://example.okta.com/api/v1/groups/00g${i}/users/00u${i}`);
    }
    assert.ok(store.metaSize <= 40, `${store.metaSize} versions and aliases`);
    assert.equal(await cache.get(ada), undefined);
  });

  it("sweeps expired entries as the store is used, without a timer", () => {
    let now = 0;
    const store = memoryStore({
      maxEntries: 100,
      sweepIntervalMs: 1_000,
      ttlMs: 5_000,
      ttiMs: 5_000,
      now: () => now,
    });
    for (let i = 0; i < 50; i++) store.add(`oktakit:e:c:${i}`, { created: now, accessed: now });
    assert.equal(store.size, 50);
    now = 6_000;
    store.add("oktakit:e:c:new", { created: now, accessed: now });
    assert.equal(store.size, 1, "the 50 expired entries were swept");
  });
});
