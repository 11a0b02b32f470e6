/**
 * `getUser(login)` for a login that contains `/` (issue 19, A5): Okta cannot take it in the path, so the call
 * is a search on `profile.login`, properly quoted, resolving to the one match or rejecting with the usual 404.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { isOktaApiError, Okta, OktaApiError } from "../mod.ts";
import { quoteFilterValue } from "../lib/user_lookup.ts";
import { clientOptions, failure, json, scripted } from "./_okta_fetch.ts";

const user = (id: string, login: string) => ({
  id,
  status: "ACTIVE",
  profile: { login, email: "x@example.com" },
});

describe("getUser with a login that contains /", () => {
  it("searches on profile.login and resolves to the one match", async () => {
    const login = "ops/alice@example.com";
    const fetch = scripted(() => json([user("00u1", login)]));
    const okta = new Okta(clientOptions(fetch));
    const { data, response } = await okta.user.getUser(login).withResponse();
    assert.equal(data.id, "00u1");
    assert.equal(response.status, 200);
    assert.equal(fetch.seen.length, 1);
    const url = fetch.seen[0].url;
    assert.equal(fetch.seen[0].method, "GET");
    assert.equal(url.pathname, "/api/v1/users");
    assert.equal(url.searchParams.get("search"), 'profile.login eq "ops/alice@example.com"');
    assert.equal(fetch.seen[0].headers.get("authorization"), "SSWS 00secret-api-token");
  });

  it("quotes the login as Okta's filter syntax asks", async () => {
    assert.equal(quoteFilterValue('a"b\\c/d'), '"a\\"b\\\\c/d"');
    const login = 'we"ird\\name/x@example.com';
    const fetch = scripted(() => json([user("00u2", login)]));
    const okta = new Okta(clientOptions(fetch));
    assert.equal((await okta.user.getUser(login)).id, "00u2");
    assert.equal(
      fetch.seen[0].url.searchParams.get("search"),
      'profile.login eq "we\\"ird\\\\name/x@example.com"',
    );
  });

  it("keeps the caller's expand", async () => {
    const fetch = scripted(() => json([user("00u3", "a/b@example.com")]));
    const okta = new Okta(clientOptions(fetch));
    await okta.user.getUser("a/b@example.com", { expand: "blocks" });
    assert.equal(fetch.seen[0].url.searchParams.get("expand"), "blocks");
  });

  it("picks the exact login when the search also matches another spelling", async () => {
    const fetch = scripted(() => json([user("00u4", "A/B@example.com"), user("00u5", "a/b@example.com")]));
    const okta = new Okta(clientOptions(fetch));
    assert.equal((await okta.user.getUser("a/b@example.com")).id, "00u5");
  });

  it("rejects with the usual 404 (E0000007) when no user has that login", async () => {
    const fetch = scripted(() => json([]));
    const okta = new Okta(clientOptions(fetch));
    const error = await failure<OktaApiError>(okta.user.getUser("nobody/here@example.com"));
    assert.ok(error instanceof OktaApiError, String(error));
    assert.ok(isOktaApiError(error));
    assert.equal(error.status, 404);
    assert.equal(error.errorCode, "E0000007");
    assert.match(
      error.message,
      /HTTP 404 E0000007: Not found: Resource not found: nobody\/here@example\.com \(User\)/,
    );
  });

  it("a login without / still goes in the path", async () => {
    const fetch = scripted(() => json(user("00u6", "plain@example.com")));
    const okta = new Okta(clientOptions(fetch));
    assert.equal((await okta.user.getUser("plain@example.com")).id, "00u6");
    assert.equal(fetch.seen[0].url.pathname, "/api/v1/users/plain%40example.com");
  });
});
