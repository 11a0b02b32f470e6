/**
 * `settle()` of a list that fails part-way returns what it read and where to go on from, with the error
 * (issue 18, item 9).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Okta } from "../api/mod.ts";
import { OktaApiError, settle } from "../mod.ts";
import { clientOptions, json, oktaError, scripted } from "./_okta_fetch.ts";

/** Five pages of two users each; the third page fails once when `failing` says so. */
function fivePages(failing: { third: boolean }) {
  return scripted((request) => {
    const url = new URL(request.url);
    const page = Number(url.searchParams.get("after") ?? "1");
    if (page === 3 && failing.third) return oktaError(400, "E0000001", "Api validation failed: after");
    const link = page < 5
      ? { link: `<https://example.okta.com/api/v1/users?after=${page + 1}&limit=2>; rel="next"` }
      : undefined;
    return json([{ id: `00u${page}a` }, { id: `00u${page}b` }], 200, link);
  });
}

describe("settle() of a list that fails part-way", () => {
  it("returns the items read and the cursor of the failed page with the error, and resumes exactly", async () => {
    const failing = { third: true };
    const fetch = fivePages(failing);
    const okta = new Okta(clientOptions(fetch, { rateLimit: { maxRetries: 0 } }));
    const result = await settle(okta.user.listUsers({ limit: 2 }));
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.ok(result.error instanceof OktaApiError);
    assert.deepEqual(result.items?.map((u) => u.id), ["00u1a", "00u1b", "00u2a", "00u2b"]);
    assert.equal(result.resumeCursor, "https://example.okta.com/api/v1/users?after=3&limit=2");

    failing.third = false;
    const rest: string[] = [];
    for await (const page of okta.user.listUsers({ limit: 2 }).pages({ from: result.resumeCursor })) {
      rest.push(...page.items.map((u) => u.id!));
    }
    assert.deepEqual(rest, ["00u3a", "00u3b", "00u4a", "00u4b", "00u5a", "00u5b"]);
  });

  it("a first page that fails gives no items and no cursor (start from the beginning)", async () => {
    const fetch = scripted(() => oktaError(403, "E0000006", "You do not have permission"));
    const okta = new Okta(clientOptions(fetch));
    const result = await settle(okta.user.listUsers());
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(result.items, []);
    assert.equal(result.resumeCursor, undefined);
  });

  it("a single call that fails carries no list fields", async () => {
    const fetch = scripted(() => oktaError(404, "E0000007", "Not found: Resource not found: x (User)"));
    const okta = new Okta(clientOptions(fetch));
    const result = await settle(okta.user.getUser("x"));
    assert.equal(result.ok, false);
    assert.equal("items" in result, false);
  });
});
