/** The opt-in response cache: what it stores, what it serves, and what a write evicts. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Okta } from "../api/mod.ts";
import { InvalidResponseError, OktaClient, TimeoutError } from "../mod.ts";
import { clientOptions, failure, json, oktaHeaders, scripted } from "./_okta_fetch.ts";

const cached = { cache: { enabled: true } };

describe("cache: only single resources, only after they parse", () => {
  it("never serves a list page from the cache (it would be stale)", async () => {
    let n = 0;
    const fetch = scripted(() => json([{ id: `00u${++n}` }]));
    const okta = new Okta(clientOptions(fetch, cached));
    assert.equal((await okta.user.listUsers().toArray())[0].id, "00u1");
    assert.equal((await okta.user.listUsers().toArray())[0].id, "00u2");
    const raw = () => okta.request<{ id: string }[]>({ method: "GET", path: "/api/v1/groups" });
    assert.equal((await raw())[0].id, "00u3");
    assert.equal((await raw())[0].id, "00u4", "a JSON array is a list, even through request()");
    assert.equal(fetch.seen.length, 4);
  });

  it("does not store a 200 whose body is not JSON: the next call asks again", async () => {
    const fetch = scripted(
      () => new Response("<html>proxy login</html>", { status: 200, headers: oktaHeaders() }),
      () => json({ id: "00u1" }),
    );
    const okta = new OktaClient(clientOptions(fetch, cached));
    const get = () => okta.request<{ id: string }>({ method: "GET", path: "/api/v1/users/00u1" });
    assert.ok((await failure(get())) instanceof InvalidResponseError);
    assert.equal((await get()).id, "00u1");
    assert.equal(fetch.seen.length, 2);
  });

  it("an error from a cached entry names the URL", async () => {
    const map = new Map<string, unknown>();
    const store = {
      get: (key: string) => map.get(key),
      add: (key: string, value: unknown) => void map.set(key, value),
      contains: (key: string) => map.has(key),
      delete: (key: string) => void map.delete(key),
    };
    const fetch = scripted(() => json({ id: "00u1" }));
    const okta = new OktaClient(clientOptions(fetch, { cache: { enabled: true, store } }));
    await okta.request({ method: "GET", path: "/api/v1/users/00u1" });
    // A shared store (Redis...) holding something this client cannot read.
    const [key] = map.keys();
    map.set(key, { ...(map.get(key) as object), body: "{broken" });
    const error = await failure<InvalidResponseError>(
      okta.request({ method: "GET", path: "/api/v1/users/00u1" }),
    );
    assert.ok(error instanceof InvalidResponseError);
    assert.match(error.message, /^GET \/api\/v1\/users\/00u1 answered/);
    assert.equal(error.url, "https://example.okta.com/api/v1/users/00u1");
  });
});

describe("cache: a write evicts the resource under every name", () => {
  const ada = { id: "00u1", profile: { login: "ada@example.com" } };

  it("a read by id is evicted by a write addressed by login", async () => {
    const fetch = scripted(() => json(ada));
    const okta = new OktaClient(clientOptions(fetch, cached));
    const byId = () => okta.request({ method: "GET", path: "/api/v1/users/00u1" });
    await byId();
    await byId();
    assert.equal(fetch.seen.length, 1);
    await okta.request({
      method: "POST",
      path: "/api/v1/users/ada%40example.com/lifecycle/suspend",
      responseType: "none",
    });
    await byId();
    assert.equal(fetch.seen.length, 3);
  });

  it("a read by login is evicted by a write by id, and a read by id by a write by login, both at once", async () => {
    const fetch = scripted(() => json(ada));
    const okta = new OktaClient(clientOptions(fetch, cached));
    const byLogin = () => okta.request({ method: "GET", path: "/api/v1/users/ada%40example.com" });
    const byId = () => okta.request({ method: "GET", path: "/api/v1/users/00u1" });
    await byLogin();
    await byId();
    await byLogin();
    await byId();
    assert.equal(fetch.seen.length, 2);
    await okta.request({ method: "DELETE", path: "/api/v1/users/ada%40example.com", responseType: "none" });
    await byLogin();
    await byId();
    assert.equal(fetch.seen.length, 5);
  });
});

describe("cache: reads belong to the call", () => {
  it("a store that never answers is cut by requestTimeout, and the caller's signal aborts it", async () => {
    const store = {
      get: () => new Promise<unknown>(() => {}),
      add: () => {},
      contains: () => false,
      delete: () => {},
    };
    const fetch = scripted(() => json({ id: "00u1" }));
    const okta = new OktaClient(
      clientOptions(fetch, { requestTimeout: 0.2, cache: { enabled: true, store } }),
    );
    const started = Date.now();
    const error = await failure(okta.request({ method: "GET", path: "/api/v1/users/00u1" }));
    assert.ok(error instanceof TimeoutError, String(error));
    assert.ok(Date.now() - started < 1500);

    const untimed = new OktaClient(clientOptions(fetch, { cache: { enabled: true, store } }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("stop")), 50);
    const aborted = await failure<Error>(
      untimed.request({ method: "GET", path: "/api/v1/users/00u1", signal: controller.signal }),
    );
    assert.equal(aborted.message, "stop");
  });
});
