import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { OktaApiError, OktaClient } from "../mod.ts";
import { clientOptions, json, oktaError, scripted } from "./_okta_fetch.ts";

const ORG = "https://example.okta.com";

/** A users endpoint over `total` users that pages as Okta does, echoing only `limit` and `after`. */
function usersEndpoint(total: number, { emptyPage = -1, failOnPage = -1 } = {}) {
  const users = Array.from({ length: total }, (_, i) => ({ id: `00u${i}` }));
  return scripted((request, n) => {
    if (n === failOnPage) return oktaError(500, "E0000009", "Internal Server Error");
    const url = new URL(request.url);
    const limit = Number(url.searchParams.get("limit") ?? 200);
    const start = Number(url.searchParams.get("after") ?? 0);
    const items = n === emptyPage ? [] : users.slice(start, start + limit);
    const next = n === emptyPage ? start : start + limit;
    const response = json(items);
    response.headers.append("link", `<${ORG}/api/v1/users?limit=${limit}>; rel="self"`);
    if (next < total) {
      response.headers.append("link", `<${ORG}/api/v1/users?after=${next}&limit=${limit}>; rel="next"`);
    }
    return response;
  });
}

describe("pagination", () => {
  it("iterates items across pages and keeps the caller's query parameters the server drops", async () => {
    const fetch = usersEndpoint(5);
    const okta = new OktaClient(clientOptions(fetch));
    const ids: string[] = [];
    const list = okta.paginate<{ id: string }>({
      method: "GET",
      path: "/api/v1/users",
      query: { limit: 2, expand: "classification" },
    });
    for await (const user of list) ids.push(user.id);
    assert.deepEqual(ids, ["00u0", "00u1", "00u2", "00u3", "00u4"]);
    assert.equal(fetch.seen.length, 3);
    for (const seen of fetch.seen) assert.equal(seen.url.searchParams.get("expand"), "classification");
    assert.equal(fetch.seen[2].url.searchParams.get("after"), "4");
    assert.equal(fetch.seen[2].url.searchParams.getAll("limit").length, 1);
  });

  it("exposes pages with their items, response and a cursor to resume from", async () => {
    const fetch = usersEndpoint(5);
    const okta = new OktaClient(clientOptions(fetch));
    const list = okta.paginate<{ id: string }>({ method: "GET", path: "/api/v1/users", query: { limit: 2 } });
    let saved: string | undefined;
    for await (const page of list.pages()) {
      assert.equal(page.items.length, 2);
      assert.equal(page.response.status, 200);
      saved = page.nextCursor;
      break;
    }
    assert.equal(saved, `${ORG}/api/v1/users?after=2&limit=2`);
    const rest = [];
    for await (const page of list.pages({ from: saved })) rest.push(...page.items.map((u) => u.id));
    assert.deepEqual(rest, ["00u2", "00u3", "00u4"]);
    const last = await Array.fromAsync(list.pages());
    assert.equal(last.at(-1)?.nextCursor, undefined);
  });

  it("collects with a cap and fetches no more pages than needed", async () => {
    const fetch = usersEndpoint(1000);
    const okta = new OktaClient(clientOptions(fetch));
    const users = await okta.paginate({ method: "GET", path: "/api/v1/users", query: { limit: 10 } }).toArray(
      { max: 25 },
    );
    assert.equal(users.length, 25);
    assert.equal(fetch.seen.length, 3);
    assert.equal((await okta.paginate({ method: "GET", path: "/api/v1/users" }).toArray()).length, 1000);
  });

  it("an empty page is not the end while rel=next is present", async () => {
    const fetch = usersEndpoint(3, { emptyPage: 0 });
    const okta = new OktaClient(clientOptions(fetch));
    const all = await okta.paginate({ method: "GET", path: "/api/v1/users", query: { limit: 2 } }).toArray();
    assert.equal(all.length, 3);
  });

  it("an error mid-way throws instead of ending quietly", async () => {
    const fetch = usersEndpoint(10, { failOnPage: 1 });
    const okta = new OktaClient(clientOptions(fetch, { rateLimit: { maxRetries: 0 } }));
    const seen: unknown[] = [];
    await assert.rejects(async () => {
      for await (const user of okta.paginate({ method: "GET", path: "/api/v1/users", query: { limit: 3 } })) {
        seen.push(user);
      }
    }, OktaApiError);
    assert.equal(seen.length, 3);
  });

  it("refuses a cursor on another origin, so credentials never leave the org", async () => {
    const fetch = usersEndpoint(3);
    const okta = new OktaClient(clientOptions(fetch));
    const list = okta.paginate({ method: "GET", path: "/api/v1/users" });
    await assert.rejects(
      list.pages({ from: "https://evil.example.com/api/v1/users?after=1" }).next(),
      /Refusing/,
    );
    assert.equal(fetch.seen.length, 0);
  });

  it("fails clearly when a list endpoint answers something other than an array", async () => {
    const okta = new OktaClient(clientOptions(scripted(() => json({ not: "a list" }))));
    await assert.rejects(okta.paginate({ method: "GET", path: "/api/v1/users" }).toArray(), /JSON array/);
  });
});
