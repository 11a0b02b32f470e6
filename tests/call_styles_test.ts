/**
 * The ways to read a typed call's answer: awaiting it, `.withResponse()` for the body and the `Response`
 * from the same request, and `settle()` for the error-returning style. Injected fetch only, so it runs on
 * every runtime.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { NetworkError, Okta, OktaApiError, OktaCall, settle } from "../mod.ts";
import { clientOptions, json, oktaError, scripted } from "./_okta_fetch.ts";

describe("typed calls", () => {
  it("await to the body, like a Promise", async () => {
    const fetch = scripted(() => json({ id: "00u1" }));
    const okta = new Okta(clientOptions(fetch));
    const call = okta.user.getUser("00u1");
    assert.ok(call instanceof OktaCall);
    assert.equal(Object.prototype.toString.call(call), "[object OktaCall]");
    const user = await call;
    assert.equal(user.id, "00u1");
    const [again] = await Promise.all([okta.user.getUser("00u1")]);
    assert.equal(again.id, "00u1");
    assert.equal(await okta.user.getUser("00u1").then((u) => u.id), "00u1");
    assert.equal(fetch.seen.length, 3);
  });

  it("give { data, response } with .withResponse(), from one request", async () => {
    const fetch = scripted(() => json({ id: "00u1" }, 200, { "x-okta-request-id": "req-abc" }));
    const okta = new Okta(clientOptions(fetch));
    const call = okta.user.getUser("00u1");
    const { data, response } = await call.withResponse();
    assert.equal(data.id, "00u1");
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("x-okta-request-id"), "req-abc");
    assert.equal((await call).id, "00u1", "the body is still there to await");
    assert.equal(fetch.seen.length, 1, "withResponse sends no second request");
  });

  it("reject with the error, whichever way they are read", async () => {
    const fetch = scripted(() => oktaError(404, "E0000007", "Not found: Resource not found: x (User)"));
    const okta = new Okta(clientOptions(fetch));
    await assert.rejects(okta.user.getUser("x"), OktaApiError);
    await assert.rejects(okta.user.getUser("x").withResponse(), OktaApiError);
    const caught = await okta.user.getUser("x").catch((e: OktaApiError) => e.errorCode);
    assert.equal(caught, "E0000007");
    let settled = false;
    await okta.user.getUser("x").finally(() => (settled = true)).catch(() => {});
    assert.ok(settled);
  });

  it("reject (not throw) on an unsafe path parameter", async () => {
    const okta = new Okta(clientOptions(scripted(() => json({}))));
    const call = okta.user.getUser("..");
    assert.ok(call instanceof OktaCall);
    await assert.rejects(call, TypeError);
  });
});

describe("settle: the error-returning style", () => {
  it("returns data and response on success, narrowed once error is checked", async () => {
    const fetch = scripted(() => json({ id: "00u1", profile: { login: "ada@example.com" } }));
    const okta = new Okta(clientOptions(fetch));
    const { data, error, response, ok } = await settle(okta.user.getUser("00u1"));
    if (error) throw new Error("expected success");
    assert.equal(ok, true);
    assert.equal(data.profile?.login, "ada@example.com");
    assert.equal(response.status, 200);
    assert.equal(fetch.seen.length, 1);
  });

  it("returns Okta's error instead of throwing", async () => {
    const fetch = scripted(() => oktaError(404, "E0000007", "Not found: Resource not found: x (User)"));
    const okta = new Okta(clientOptions(fetch));
    const result = await settle(okta.user.getUser("x"));
    assert.equal(result.ok, false);
    assert.equal(result.data, undefined);
    assert.ok(result.error instanceof OktaApiError);
    assert.equal(result.error.status, 404);
  });

  it("returns network failures too, and still throws for the caller's own mistakes", async () => {
    const fetch = scripted(() => {
      throw new TypeError("connection refused");
    });
    const okta = new Okta(clientOptions(fetch, { rateLimit: { maxRetries: 0 } }));
    const { error } = await settle(okta.user.getUser("00u1"));
    assert.ok(error instanceof NetworkError);
    await assert.rejects(settle(okta.user.getUser("..")), TypeError);
  });

  it("collects a list, with max and maxPages, or returns the error of any page", async () => {
    let n = 0;
    const fetch = scripted((request) => {
      n++;
      const after = Number(new URL(request.url).searchParams.get("after") ?? 0);
      if (after === 4) return oktaError(500, "E0000009", "Internal Server Error");
      return json([{ id: `00u${after}` }, { id: `00u${after + 1}` }], 200, {
        link: `<https://example.okta.com/api/v1/users?after=${after + 2}>; rel="next"`,
      });
    });
    const okta = new Okta(clientOptions(fetch, { rateLimit: { maxRetries: 0 } }));
    const three = await settle(okta.user.listUsers(), { max: 3 });
    assert.deepEqual(three.data?.map((u) => u.id), ["00u0", "00u1", "00u2"]);
    assert.equal(three.response?.status, 200);
    const onePage = await settle(okta.user.listUsers(), { maxPages: 1 });
    assert.equal(onePage.data?.length, 2);
    const all = await settle(okta.user.listUsers());
    assert.ok(all.error instanceof OktaApiError, "the third page fails");
    assert.equal(all.error.status, 500);
    assert.ok(n >= 6);
  });
});
