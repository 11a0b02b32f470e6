/**
 * Prefetching pagination: the next page is requested while the current one is read and consumed, one page
 * ahead by default; stopping aborts it, its error waits for the consumer, cursors are unchanged, and it counts
 * against the rate-limit budget like any call.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { OktaApiError, OktaClient } from "../mod.ts";
import { clientOptions, json, oktaError } from "./_okta_fetch.ts";
import { idle, orgClient, orgWithUsers, until } from "./_rate_limit_helpers.ts";

const ORG = "https://example.okta.com";

/** One request the fake saw: its page (0-based), its signal, and how it ended. */
interface Asked {
  page: number;
  signal: AbortSignal;
}

/**
 * A users endpoint of `pages` pages of two, Okta-style. `hold` pages answer only when released (or their
 * request aborts); `fail` pages answer 500; `slowBody` pages send their headers at once and their body only
 * when released.
 */
function pagedFetch(
  pages: number,
  { hold = new Set<number>(), fail = new Set<number>(), slowBody = new Set<number>() } = {},
) {
  const asked: Asked[] = [];
  const waiting = new Map<number, () => void>();
  const release = (page: number) => waiting.get(page)?.();
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const page = Number(new URL(request.url).searchParams.get("after") ?? 0);
    asked.push({ page, signal: request.signal });
    const released = new Promise<void>((resolve, reject) => {
      waiting.set(page, resolve);
      request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true });
    });
    released.catch(() => {});
    if (hold.has(page)) await released;
    if (fail.has(page)) return oktaError(500, "E0000009", "Internal Server Error");
    const items = [{ id: `00u${page}a` }, { id: `00u${page}b` }];
    const link: Record<string, string> = page + 1 < pages
      ? { link: `<${ORG}/api/v1/users?after=${page + 1}&limit=2>; rel="next"` }
      : {};
    if (!slowBody.has(page)) return json(items, 200, link);
    const head = json(items, 200, link);
    const text = JSON.stringify(items);
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        await released.catch(() => {});
        controller.enqueue(new TextEncoder().encode(text));
        controller.close();
      },
    });
    return new Response(body, { status: 200, headers: head.headers });
  };
  return { fetch: fetch as typeof globalThis.fetch, asked, release };
}

const listUsers = (okta: OktaClient) =>
  okta.paginate<{ id: string }>({ method: "GET", path: "/api/v1/users", query: { limit: 2 } });

describe("prefetching pagination", () => {
  it("requests the next page while the current one is consumed, one page ahead", async () => {
    const { fetch, asked } = pagedFetch(4);
    const okta = new OktaClient(clientOptions(fetch));
    const seenWhileOnPage: number[] = [];
    for await (const page of listUsers(okta).pages()) {
      await until(() => asked.length >= Math.min(page.number + 1, 4), "the page ahead");
      await idle();
      seenWhileOnPage.push(asked.length);
    }
    assert.deepEqual(seenWhileOnPage, [2, 3, 4, 4], "never more than one page ahead");
    assert.deepEqual(asked.map((a) => a.page), [0, 1, 2, 3]);
  });

  it("sends the next request as soon as the headers carry the Link, before the body is read", async () => {
    const { fetch, asked, release } = pagedFetch(3, { slowBody: new Set([0]) });
    const okta = new OktaClient(clientOptions(fetch));
    const first = listUsers(okta).pages().next();
    await until(() => asked.length === 2, "the second page's request while the first body is pending");
    release(0);
    assert.deepEqual((await first).value?.items.map((u: { id: string }) => u.id), ["00u0a", "00u0b"]);
  });

  it("prefetch: 0 turns it off, per iteration, per list and per client", async () => {
    const { fetch, asked } = pagedFetch(3);
    for await (const page of listUsers(new OktaClient(clientOptions(fetch))).pages({ prefetch: 0 })) {
      await idle();
      assert.equal(asked.length, page.number, "nothing requested ahead");
    }
    const perClient = pagedFetch(3);
    const okta = new OktaClient({ ...clientOptions(perClient.fetch), prefetch: 0 });
    for await (const page of listUsers(okta).pages()) {
      await idle();
      assert.equal(perClient.asked.length, page.number, "nothing requested ahead");
    }
    assert.equal((await listUsers(okta).toArray({ prefetch: 1 })).length, 6);
    const perList = pagedFetch(3);
    const list = new OktaClient(clientOptions(perList.fetch)).paginate<{ id: string }>({
      method: "GET",
      path: "/api/v1/users",
      query: { limit: 2 },
      prefetch: 0,
    });
    for await (const page of list.pages()) {
      await idle();
      assert.equal(perList.asked.length, page.number, "nothing requested ahead for this list");
    }
  });

  it("aborts the page requested ahead when the consumer breaks, returns or throws", async () => {
    for (const stop of ["break", "return", "throw"] as const) {
      const { fetch, asked } = pagedFetch(5, { hold: new Set([1]) });
      const okta = new OktaClient(clientOptions(fetch));
      const consume = async () => {
        for await (const user of listUsers(okta)) {
          await until(() => asked.length === 2, "the page ahead");
          if (stop === "break") break;
          if (stop === "return") return user;
          throw new Error("consumer failed");
        }
      };
      if (stop === "throw") await assert.rejects(consume(), /consumer failed/);
      else await consume();
      assert.equal(asked.length, 2, `${stop}: nothing beyond the page ahead`);
      assert.equal(asked[1].signal.aborted, true, `${stop}: the page ahead is aborted`);
      assert.equal(asked[0].signal.aborted, false);
    }
  });

  it("a capped toArray requests ahead only while the pages before do not reach the cap", async () => {
    const { fetch, asked } = pagedFetch(5);
    const okta = new OktaClient(clientOptions(fetch));
    assert.equal((await listUsers(okta).toArray({ max: 3 })).length, 3);
    await idle();
    assert.deepEqual(asked.map((a) => a.page), [0, 1], "pages of two: the second reaches 3, no third");
    assert.equal(asked[1].signal.aborted, false, "the page requested ahead was used");
    assert.equal((await listUsers(okta).toArray({ max: 10 })).length, 10);
    await idle();
    assert.equal(asked.length, 2 + 5);
  });

  it("throws an error on a page requested ahead only when the consumer reaches it, in order", async () => {
    const { fetch, asked } = pagedFetch(5, { fail: new Set([1]) });
    const okta = new OktaClient(clientOptions(fetch, { rateLimit: { maxRetries: 0 } }));
    const events: string[] = [];
    await assert.rejects(async () => {
      for await (const user of listUsers(okta)) {
        await until(() => asked.length >= 2, "the failing page requested ahead");
        await idle();
        events.push(user.id);
      }
    }, OktaApiError);
    assert.deepEqual(events, ["00u0a", "00u0b"], "every item before the failing page, then the error");
    assert.equal(asked.length, 2, "nothing requested past the failing page");
  });

  it("keeps resumeCursor and the other cursors exactly as without prefetching", async () => {
    const cursors = async (prefetch: number, from?: string) => {
      const pages = await Array.fromAsync(
        listUsers(new OktaClient(clientOptions(pagedFetch(4).fetch))).pages({ prefetch, from }),
      );
      return pages.map((p) => [p.number, p.nextCursor, p.after, p.resumeCursor, p.items.map((u) => u.id)]);
    };
    assert.deepEqual(await cursors(1), await cursors(0));
    const saved = `${ORG}/api/v1/users?after=2&limit=2`;
    const resumed = await cursors(1, saved);
    assert.deepEqual(resumed, await cursors(0, saved));
    assert.deepEqual(resumed.map((p) => p[4]), [["00u2a", "00u2b"], ["00u3a", "00u3b"]]);
    // Resuming from a page's resumeCursor saved mid-way, with the page ahead already requested.
    const { fetch } = pagedFetch(4);
    let cursor: string | undefined;
    for await (const page of listUsers(new OktaClient(clientOptions(fetch))).pages()) {
      cursor = page.resumeCursor;
      if (page.number === 2) break;
    }
    assert.equal(cursor, saved);
  });

  it("requests ahead for lists whose next link is in the body once the body is parsed", async () => {
    const asked: string[] = [];
    const fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const after = Number(new URL(request.url).searchParams.get("after") ?? 0);
      asked.push(request.url);
      const next = after < 2 ? { next: { href: `${ORG}/api/v1/iam/roles?after=${after + 1}` } } : {};
      return Promise.resolve(json({ roles: [{ id: `r${after}` }], _links: next }));
    }) as typeof globalThis.fetch;
    const okta = new OktaClient(clientOptions(fetch));
    const roles = okta.paginate<{ id: string }>(
      { method: "GET", path: "/api/v1/iam/roles" },
      { items: "roles", next: "body" },
    );
    const ids: string[] = [];
    for await (const page of roles.pages()) {
      await until(() => asked.length >= Math.min(page.number + 1, 3), "the page ahead");
      ids.push(...page.items.map((r) => r.id));
    }
    assert.deepEqual(ids, ["r0", "r1", "r2"]);
    assert.equal(asked.length, 3);
  });

  it("never requests ahead while polling the System Log (since without until)", async () => {
    const asked: string[] = [];
    const fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      asked.push(request.url);
      const n = asked.length;
      return Promise.resolve(json(n < 3 ? [{ uuid: `e${n}` }] : [], 200, {
        link: `<${ORG}/api/v1/logs?since=x&after=${n}>; rel="next"`,
      }));
    }) as typeof globalThis.fetch;
    const okta = new OktaClient(clientOptions(fetch));
    const list = okta.paginate({
      method: "GET",
      path: "/api/v1/logs",
      query: { since: "2026-01-01T00:00:00Z" },
    });
    for await (const page of list.pages()) {
      await idle();
      assert.equal(asked.length, page.number, "no page of the log requested ahead");
    }
    assert.equal(asked.length, 3, "ends at the first empty page");
  });

  it("counts a page requested ahead against the rate-limit budget, at 0 429s", async () => {
    const { org } = orgWithUsers(10);
    org.rateLimits.set("/api/v1/users", { limit: 4 });
    const okta = orgClient(org, { rateLimit: { reserve: 0 } });
    const list = okta.paginate<{ id: string }>({ method: "GET", path: "/api/v1/users", query: { limit: 2 } });
    for await (const _page of list.pages()) {
      await until(() => org.requests.length === 2, "the page ahead");
      break;
    }
    // Two of the window's four are spent, one of them by the page requested ahead: two more go, one waits.
    const more = [1, 2, 3].map(() =>
      okta.request({ method: "GET", path: "/api/v1/users", query: { limit: 1 } })
    );
    await until(() => org.requests.length === 4, "the rest of the window");
    await idle();
    assert.equal(org.requests.length, 4, "the third waits for the reset");
    org.clock.advance(61_000);
    await Promise.all(more);
    assert.equal(org.requests.length, 5);
    assert.equal(org.rateLimits.violations().total, 0);
  });
});
