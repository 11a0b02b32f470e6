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

  it("numbers pages and gives the next page's after cursor and URL", async () => {
    const fetch = usersEndpoint(5);
    const okta = new OktaClient(clientOptions(fetch));
    const pages = await Array.fromAsync(
      okta.paginate<{ id: string }>({ method: "GET", path: "/api/v1/users", query: { limit: 2 } }).pages(),
    );
    assert.deepEqual(pages.map((p) => p.number), [1, 2, 3]);
    assert.deepEqual(pages.map((p) => p.after), ["2", "4", undefined]);
    assert.deepEqual(pages.map((p) => p.nextCursor), [
      `${ORG}/api/v1/users?after=2&limit=2`,
      `${ORG}/api/v1/users?after=4&limit=2`,
      undefined,
    ]);
  });

  it("stops after maxPages, in pages() and toArray()", async () => {
    const fetch = usersEndpoint(10);
    const okta = new OktaClient(clientOptions(fetch));
    const list = okta.paginate<{ id: string }>({ method: "GET", path: "/api/v1/users", query: { limit: 2 } });
    assert.equal((await Array.fromAsync(list.pages({ maxPages: 2 }))).length, 2);
    assert.equal(fetch.seen.length, 2);
    assert.deepEqual((await list.toArray({ maxPages: 3 })).map((u) => u.id), [
      "00u0",
      "00u1",
      "00u2",
      "00u3",
      "00u4",
      "00u5",
    ]);
    assert.equal(fetch.seen.length, 5);
  });

  it("resumes after a complete loop from the last page's resumeCursor (its self link)", async () => {
    const users = Array.from({ length: 5 }, (_, i) => ({ id: `00u${i}` }));
    const fetch = scripted((request) => {
      const url = new URL(request.url);
      const start = Number(url.searchParams.get("after") ?? 0);
      const response = json(users.slice(start, start + 2));
      response.headers.append("link", `<${url.href}>; rel="self"`);
      if (start + 2 < users.length) {
        response.headers.append("link", `<${ORG}/api/v1/users?after=${start + 2}&limit=2>; rel="next"`);
      }
      return response;
    });
    const okta = new OktaClient(clientOptions(fetch));
    const list = okta.paginate<{ id: string }>({ method: "GET", path: "/api/v1/users", query: { limit: 2 } });
    let saved: string | undefined;
    for await (const page of list.pages()) saved = page.resumeCursor;
    assert.equal(saved, `${ORG}/api/v1/users?after=4&limit=2`, "the last page's own URL");
    users.push({ id: "00u5" }, { id: "00u6" });
    const resumed: string[] = [];
    for await (const page of list.pages({ from: saved })) resumed.push(...page.items.map((u) => u.id));
    assert.deepEqual(resumed, ["00u4", "00u5", "00u6"], "the last page again, then what was added");
  });

  it("reads object-shaped pages: items from a member, the next link from _links or the Link header", async () => {
    const bodyNext = scripted((request) => {
      const after = new URL(request.url).searchParams.get("after");
      return after ? json({ roles: [{ id: "r2" }], _links: { self: { href: request.url } } }) : json({
        roles: [{ id: "r1" }],
        _links: { next: { href: `${ORG}/api/v1/iam/roles?after=r1` } },
      });
    });
    const okta = new OktaClient(clientOptions(bodyNext));
    const roles = okta.paginate<{ id: string }>(
      { method: "GET", path: "/api/v1/iam/roles" },
      { items: "roles", next: "body" },
    );
    const pages = await Array.fromAsync(roles.pages());
    assert.deepEqual(pages.map((p) => p.items.map((r) => r.id)), [["r1"], ["r2"]]);
    assert.equal(pages[0].after, "r1");
    assert.equal(pages[1].resumeCursor, `${ORG}/api/v1/iam/roles?after=r1`, "self from _links");

    const headerNext = scripted((request, n) =>
      n === 0
        ? json({ memberExternalIds: ["a"] }, 200, { link: `<${request.url}?after=x>; rel="next"` })
        : json({})
    );
    const ids = await new OktaClient(clientOptions(headerNext))
      .paginate<string>({ method: "GET", path: "/api/v1/members" }, { items: "memberExternalIds" })
      .toArray();
    assert.deepEqual(ids, ["a"], "a page without the member has no items");
    assert.equal(headerNext.seen.length, 2);
  });

  it("collects with a cap and fetches no more pages than needed", async () => {
    const fetch = usersEndpoint(1000);
    const okta = new OktaClient(clientOptions(fetch));
    const users = await okta.paginate({ method: "GET", path: "/api/v1/users", query: { limit: 10 } }).toArray(
      { max: 25, prefetch: 0 },
    );
    assert.equal(users.length, 25);
    assert.equal(fetch.seen.length, 3);
    // With the default prefetch too: a page is requested ahead only while the cap is not reached.
    await okta.paginate({ method: "GET", path: "/api/v1/users", query: { limit: 10 } }).toArray({ max: 25 });
    assert.equal(fetch.seen.length, 3 + 3);
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

describe("pagination: links as RFC 8288 allows them", () => {
  /** Pages of two over five users, with the next link written by `link(after)`. */
  function endpoint(link: (after: number) => string) {
    return scripted((request) => {
      const url = new URL(request.url);
      const start = Number(url.searchParams.get("after") ?? 0);
      const response = json(
        Array.from({ length: Math.min(2, 5 - start) }, (_, i) => ({ id: `00u${start + i}` })),
      );
      if (start + 2 < 5) response.headers.append("link", link(start + 2));
      return response;
    });
  }
  const ids = async (fetch: typeof globalThis.fetch, from?: string) => {
    const list = new OktaClient(clientOptions(fetch)).paginate<{ id: string }>({
      method: "GET",
      path: "/api/v1/users",
      query: { limit: 2, expand: "x" },
    });
    const out: string[] = [];
    for await (const page of list.pages({ from })) out.push(...page.items.map((u) => u.id));
    return out;
  };

  it("follows relative next links, root-relative or not", async () => {
    assert.deepEqual(await ids(endpoint((a) => `</api/v1/users?after=${a}&limit=2>; rel="next"`)), [
      "00u0",
      "00u1",
      "00u2",
      "00u3",
      "00u4",
    ]);
    const fetch = endpoint((a) => `<users?after=${a}&limit=2>; rel="next"`);
    assert.equal((await ids(fetch)).length, 5);
    assert.equal(fetch.seen[1].url.href, `${ORG}/api/v1/users?after=2&limit=2&expand=x`);
  });

  it("resumes from a stored relative cursor", async () => {
    assert.deepEqual(
      await ids(endpoint((a) => `<${ORG}/api/v1/users?after=${a}>; rel="next"`), "/api/v1/users?after=2"),
      [
        "00u2",
        "00u3",
        "00u4",
      ],
    );
  });

  it("a quoted comma in a parameter before rel does not hide the next link", async () => {
    const link = (a: number) => `<${ORG}/api/v1/users?after=${a}>; title="users, more"; rel="next"`;
    assert.equal((await ids(endpoint(link))).length, 5);
  });
});
