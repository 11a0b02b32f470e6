/**
 * The cache serves nothing stale and nothing unauthorised (issue 18, item 4): a read that raced a write is
 * never served; entries are keyed by a hash of the credential; a write by id reaches what another client of a
 * shared store cached by login.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { OktaClient } from "../mod.ts";
import type { CacheStore } from "../lib/seams.ts";
import { clientOptions, json, oktaError, scripted } from "./_okta_fetch.ts";

/** A shared store over a Map, async like a networked one. */
function sharedStore(): CacheStore & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return {
    map,
    get: (key) => Promise.resolve(map.get(key)),
    add: (key, value) => Promise.resolve(void map.set(key, value)),
    contains: (key) => Promise.resolve(map.has(key)),
    delete: (key) => Promise.resolve(void map.delete(key)),
  };
}

describe("cache: a read that raced a write", () => {
  it("a GET answered before a suspend but stored after its eviction is never served", async () => {
    let status = "ACTIVE";
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let gets = 0;
    let reached!: () => void;
    const arrived = new Promise<void>((resolve) => (reached = resolve));
    const fetch = scripted(async (request) => {
      if (request.method === "POST") {
        status = "SUSPENDED";
        return json({ id: "00u1", status });
      }
      gets++;
      const answer = json({ id: "00u1", status }); // read now: the server's state before the write
      if (gets === 1) {
        reached();
        await held; // ...but it arrives after the write's eviction
      }
      return answer;
    });
    const okta = new OktaClient(clientOptions(fetch, { cache: { enabled: true } }));
    const get = () => okta.request<{ status: string }>({ method: "GET", path: "/api/v1/users/00u1" });
    const slow = get();
    await arrived;
    await okta.request({ method: "POST", path: "/api/v1/users/00u1/lifecycle/suspend" });
    release();
    assert.equal((await slow).status, "ACTIVE", "the caller gets what the server said at the time");
    assert.equal((await get()).status, "SUSPENDED", "but it is not cached for the next reader");
    assert.equal(gets, 2);
  });
});

describe("cache: a store shared by clients", () => {
  const ada = { id: "00u1", status: "ACTIVE", profile: { login: "ada@example.com" } };

  it("keys entries by a hash of the credential: a revoked token is not served another client's entry", async () => {
    const store = sharedStore();
    const good = scripted(() => json(ada));
    const alice = new OktaClient(
      clientOptions(good, { token: "00alice-token", cache: { enabled: true, store } }),
    );
    await alice.request({ method: "GET", path: "/api/v1/users/00u1" });

    const revoked = scripted(() => oktaError(401, "E0000011", "Invalid token provided"));
    const mallory = new OktaClient(
      clientOptions(revoked, { token: "00revoked-token", cache: { enabled: true, store } }),
    );
    await assert.rejects(mallory.request({ method: "GET", path: "/api/v1/users/00u1" }), /Invalid token/);
    assert.equal(revoked.seen.length, 1, "the revoked client asked Okta, and was refused");
    for (const key of store.map.keys()) {
      assert.ok(!key.includes("alice") && !key.includes("revoked"), `a credential in the key ${key}`);
    }
  });

  it("a write by id through one client evicts what another client cached by login", async () => {
    const store = sharedStore();
    let status = "ACTIVE";
    const org = scripted((request) => {
      if (request.method === "POST") status = "SUSPENDED";
      return json({ ...ada, status });
    });
    const reader = new OktaClient(clientOptions(org, { cache: { enabled: true, store } }));
    const writer = new OktaClient(clientOptions(org, { cache: { enabled: true, store } }));
    const byLogin = () =>
      reader.request<{ status: string }>({ method: "GET", path: "/api/v1/users/ada%40example.com" });
    assert.equal((await byLogin()).status, "ACTIVE");
    assert.equal((await byLogin()).status, "ACTIVE");
    assert.equal(org.seen.length, 1);
    await writer.request({
      method: "POST",
      path: "/api/v1/users/00u1/lifecycle/suspend",
      responseType: "none",
    });
    assert.equal((await byLogin()).status, "SUSPENDED");
  });
});
