/**
 * Issue 19, item 10: an unknown query parameter or call option is a TypeError with a did-you-mean, thrown
 * before anything is sent (from JavaScript or through a cast, `listUsers({ serach })` would otherwise list
 * every user).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Okta } from "../mod.ts";
import { type Operation, requestOf } from "../lib/invoke.ts";
import { nearest } from "../lib/nearest.ts";
import { json, scripted } from "./_okta_fetch.ts";

function client() {
  const fetch = scripted(() => json([]));
  const okta = new Okta({ orgUrl: "https://example.okta.com", token: "00tok", fetch, sources: false });
  return { okta, fetch };
}

/** What a call made from JavaScript (no types) throws or rejects with. */
async function thrown(run: () => unknown): Promise<unknown> {
  try {
    const result = run() as { then?: unknown; toArray?: () => Promise<unknown> };
    if (typeof result?.toArray === "function") await result.toArray();
    else await result;
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("unknown query parameters and call options (issue 19, item 10)", () => {
  it("listUsers({ serach }) is a TypeError naming search, and nothing is sent", async () => {
    const { okta, fetch } = client();
    // deno-lint-ignore no-explicit-any
    const users = okta.user as any;
    const error = await thrown(() => users.listUsers({ serach: 'profile.department eq "Finance"' }));
    assert.ok(error instanceof TypeError, String(error));
    assert.match(error.message, /^listUsers: unknown query parameter "serach": did you mean "search"\?/);
    assert.match(error.message, /Nothing was sent\./);
    assert.equal(fetch.seen.length, 0);
  });

  it("applies to calls and to lists, with header parameters counted as known", async () => {
    const { okta, fetch } = client();
    // deno-lint-ignore no-explicit-any
    const user = okta.user as any;
    const get = await thrown(() => user.getUser("00u1", { expnad: "blocks" }));
    assert.match(
      (get as Error).message,
      /getUser: unknown query parameter "expnad": did you mean "expand"\?/,
    );
    const lower = await thrown(() => user.listUsers({ Filter: 'status eq "ACTIVE"' }));
    assert.match((lower as Error).message, /did you mean "filter"\?/);
    const far = await thrown(() => user.listUsers({ department: "Finance" }));
    assert.match((far as Error).message, /unknown query parameter "department" \(it has search, filter, q,/);
    // Known names, a header parameter and undefined values pass.
    await okta.user.listUsers({ search: "x", limit: 1, "Content-Type": "application/json" }).toArray();
    await okta.user.getUser("00u1", { expand: undefined });
    assert.equal(fetch.seen.length, 2);
  });

  it("an unknown call option is a TypeError too; signal, headers (and accept where offered) pass", async () => {
    const { okta, fetch } = client();
    // deno-lint-ignore no-explicit-any
    const user = okta.user as any;
    const error = await thrown(() => user.getUser("00u1", {}, { header: { "x-a": "1" } }));
    assert.ok(error instanceof TypeError);
    assert.match(error.message, /getUser: unknown call option "header": did you mean "headers"\?/);
    // A method without parameters takes the options second: a parameter there is an unknown option.
    // deno-lint-ignore no-explicit-any
    const blocks = await thrown(() => (okta.user as any).listUserBlocks("00u1", { limit: 5 }));
    assert.match((blocks as Error).message, /listUserBlocks: unknown call option "limit"/);
    const accept = await thrown(() => user.getUser("00u1", {}, { accept: "text/plain" }));
    assert.match((accept as Error).message, /unknown call option "accept"/);
    await okta.user.getUser("00u1", {}, { signal: new AbortController().signal, headers: { "x-a": "1" } });
    assert.equal(fetch.seen.length, 1);
  });

  it("stays cheap: a call's check costs well under a few microseconds", () => {
    const op: Operation = {
      id: "listUsers",
      method: "GET",
      path: "/api/v1/users",
      scopes: [],
      query: ["search", "filter", "q", "after", "limit", "sortBy", "sortOrder", "fields", "expand"],
      headers: ["Content-Type"],
    };
    const args = [{ search: "x", limit: 200, expand: "y" }, { headers: { "x-a": "1" } }];
    for (let i = 0; i < 2_000; i++) requestOf(op, args);
    const n = 20_000;
    const started = performance.now();
    for (let i = 0; i < n; i++) requestOf(op, args);
    const perCall = (performance.now() - started) * 1000 / n;
    assert.ok(perCall < 5, `${perCall.toFixed(2)} µs per requestOf (the whole request, checks included)`);
  });

  it("nearest finds the closest name, or none", () => {
    assert.equal(nearest("serach", ["search", "filter"]), "search");
    assert.equal(nearest("LIMIT", ["limit"]), "limit");
    assert.equal(nearest("zzz", ["search", "filter"]), undefined);
  });
});
