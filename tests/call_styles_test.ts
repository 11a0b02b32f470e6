/**
 * The ways to read a typed call's answer: awaiting it, `.withResponse()` for the body and the `Response`
 * from the same request, and `settle()` for the error-returning style. Injected fetch only, so it runs on
 * every runtime.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Okta, OktaApiError, OktaCall } from "../mod.ts";
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
