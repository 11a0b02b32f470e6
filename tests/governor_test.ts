import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { OktaClient, TimeoutError } from "../mod.ts";
import { bucketKey, RateLimitGovernor } from "../lib/http/governor.ts";
import { clientOptions, json, scripted } from "./_okta_fetch.ts";

/** A 200 whose bucket is spent: no requests left, resetting now by the server's clock (skewed by `skew`). */
function spent(skew = 0, extra: Record<string, string> = {}) {
  const serverNow = Math.floor(Date.now() / 1000) + skew;
  return json({ id: "00u1" }, 200, {
    "x-rate-limit-limit": "600",
    "x-rate-limit-remaining": "0",
    "x-rate-limit-reset": String(serverNow),
    date: new Date(serverNow * 1000).toUTCString(),
    ...extra,
  });
}

describe("rate-limit governor", () => {
  it("keys buckets by method and path, with ids and logins collapsed", () => {
    assert.equal(
      bucketKey("GET", "/api/v1/users/00ub0oNGTSWTBKOLGLNR"),
      "GET /api/v1/users/{id}",
    );
    assert.equal(
      bucketKey("GET", "/api/v1/users/ada%40example.com"),
      "GET /api/v1/users/{id}",
    );
    assert.equal(bucketKey("POST", "/api/v1/groups"), "POST /api/v1/groups");
  });

  it("holds the next call to a spent bucket until its reset (by the server's clock) instead of earning a 429", async () => {
    // The server clock runs an hour behind ours; read against our clock the reset would look long past.
    const fetch = scripted(() => spent(-3600), () => json({ id: "00u2" }));
    const okta = new OktaClient(clientOptions(fetch));
    await okta.request({ method: "GET", path: "/api/v1/users/00ub0oNGTSWTBKOLGLN1" });
    const started = Date.now();
    await okta.request({ method: "GET", path: "/api/v1/users/00ub0oNGTSWTBKOLGLN2" });
    const waited = Date.now() - started;
    assert.ok(waited >= 800 && waited < 3000, `waited ${waited} ms`);
    assert.equal(fetch.seen.length, 2);
  });

  it("lets other endpoints through, and does nothing when throttle is off", async () => {
    const fetch = scripted(() => spent(0), () => json([]));
    const okta = new OktaClient(clientOptions(fetch));
    await okta.request({ method: "GET", path: "/api/v1/users/00ub0oNGTSWTBKOLGLN1" });
    let started = Date.now();
    await okta.request({ method: "GET", path: "/api/v1/groups" });
    assert.ok(Date.now() - started < 500);

    const off = scripted(() => spent(0));
    const unthrottled = new OktaClient(clientOptions(off, { rateLimit: { throttle: false } }));
    await unthrottled.request({ method: "GET", path: "/api/v1/users/00ub0oNGTSWTBKOLGLN1" });
    started = Date.now();
    await unthrottled.request({ method: "GET", path: "/api/v1/users/00ub0oNGTSWTBKOLGLN1" });
    assert.ok(Date.now() - started < 500);
  });

  it("fails fast when the wait would outlast requestTimeout", async () => {
    const fetch = scripted(() =>
      spent(0, { "x-rate-limit-reset": String(Math.floor(Date.now() / 1000) + 60) })
    );
    const okta = new OktaClient(clientOptions(fetch, { requestTimeout: 2 }));
    await okta.request({ method: "GET", path: "/api/v1/users/me" });
    const started = Date.now();
    await assert.rejects(okta.request({ method: "GET", path: "/api/v1/users/me" }), TimeoutError);
    assert.ok(Date.now() - started < 500);
    assert.equal(fetch.seen.length, 1);
  });

  it("does not take the concurrent-request limit for a spent bucket", () => {
    const governor = new RateLimitGovernor();
    const now = Math.floor(Date.now() / 1000);
    governor.observe(
      "GET /x",
      new Headers({
        "x-rate-limit-limit": "0",
        "x-rate-limit-remaining": "0",
        "x-rate-limit-reset": String(now + 30),
        date: new Date(now * 1000).toUTCString(),
      }),
    );
    assert.equal(governor.waitFor("GET /x"), 0);
    governor.observe(
      "GET /x",
      new Headers({
        "x-rate-limit-limit": "10",
        "x-rate-limit-remaining": "0",
        "x-rate-limit-reset": String(now + 30),
        date: new Date(now * 1000).toUTCString(),
      }),
    );
    assert.ok(governor.waitFor("GET /x") > 29_000);
  });
});
