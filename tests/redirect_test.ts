/** Redirects: followed by the client on the org's origin for GET and HEAD only, at most 5 hops. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { isRedirectError, OktaClient, RedirectError } from "../mod.ts";
import { clientOptions, failure, json, scripted } from "./_okta_fetch.ts";

const to = (location: string, status = 307) => () => new Response(null, { status, headers: { location } });

describe("redirects", () => {
  it("a GET redirected on the org's own origin is followed, with authorization sent again", async () => {
    const fetch = scripted(
      to("/api/v1/users/00u2", 301),
      to("https://example.okta.com/api/v1/users/00u3"),
      () => json({ id: "00u3" }),
    );
    const okta = new OktaClient(clientOptions(fetch));
    assert.deepEqual(await okta.request({ method: "GET", path: "/api/v1/users/00u1" }), { id: "00u3" });
    assert.deepEqual(fetch.seen.map((s) => s.url.pathname), [
      "/api/v1/users/00u1",
      "/api/v1/users/00u2",
      "/api/v1/users/00u3",
    ]);
    assert.equal(fetch.seen[2].headers.get("authorization"), "SSWS 00secret-api-token");
  });

  it("a redirect to another origin is a RedirectError naming the location; nothing is sent there", async () => {
    const fetch = scripted(to("https://attacker.example/collect"));
    const okta = new OktaClient(clientOptions(fetch));
    const error = await failure<RedirectError>(okta.request({ method: "GET", path: "/api/v1/users/00u1" }));
    assert.ok(error instanceof RedirectError && isRedirectError(error), String(error));
    assert.equal(error.code, "ERR_OKTA_REDIRECT");
    assert.equal(error.status, 307);
    assert.equal(error.location, "https://attacker.example/collect");
    assert.match(error.message, /attacker\.example/);
    assert.equal(fetch.seen.length, 1);
  });

  it("a POST (or PUT) redirected with 307/308 is not re-sent, body and DPoP proof included, even on the org", async () => {
    for (const method of ["POST", "PUT", "DELETE"]) {
      const fetch = scripted(to("/api/v1/users/elsewhere", 308));
      const okta = new OktaClient(clientOptions(fetch));
      const error = await failure<RedirectError>(
        okta.request({ method, path: "/api/v1/users", body: { secret: "x" } }),
      );
      assert.ok(error instanceof RedirectError, String(error));
      assert.match(error.message, /only GET and HEAD/);
      assert.equal(fetch.seen.length, 1);
    }
  });

  it("at most 5 redirects are followed", async () => {
    let n = 0;
    const fetch = scripted(() => new Response(null, { status: 302, headers: { location: `/loop/${++n}` } }));
    const okta = new OktaClient(clientOptions(fetch));
    const error = await failure(okta.request({ method: "GET", path: "/api/v1/users/00u1" }));
    assert.ok(error instanceof RedirectError, String(error));
    assert.equal(fetch.seen.length, 6);
  });

  it("a redirect without a Location, or one the runtime hides (opaqueredirect), is a RedirectError", async () => {
    const bare = scripted(() => new Response(null, { status: 302 }));
    const okta = new OktaClient(clientOptions(bare));
    assert.ok((await failure(okta.request({ method: "GET", path: "/x" }))) instanceof RedirectError);
    // A Response whose type is `opaqueredirect` cannot be constructed; a lookalike stands in for it.
    const opaque = () =>
      Object.defineProperties(new Response(null, { status: 200 }), {
        type: { value: "opaqueredirect" },
        status: { value: 0 },
        ok: { value: false },
      });
    const okta2 = new OktaClient(clientOptions(scripted(opaque)));
    const error = await failure<RedirectError>(okta2.request({ method: "GET", path: "/x" }));
    assert.ok(error instanceof RedirectError, String(error));
    assert.match(error.message, /opaque/);
  });

  it("the runtime is told not to follow redirects itself", async () => {
    const fetch = scripted(() => json({}));
    let redirect: string | undefined;
    const spy = (input: RequestInfo | URL, init?: RequestInit) => {
      redirect = new Request(input, init).redirect;
      return fetch(input, init);
    };
    await new OktaClient(clientOptions(spy)).request({ method: "GET", path: "/x" });
    assert.equal(redirect, "manual");
  });
});
