/**
 * `tailLogs()` resumes exactly: its cursor (on the tail, on each page and on a final error) is accepted back
 * as `from`, and transient failures do not end it (issue 18, item 10).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Okta } from "../api/mod.ts";
import { type LogTailError, NetworkError, type OktaError } from "../mod.ts";
import { createFakeOrg } from "../testing/mod.ts";
import { clientOptions, json, scripted } from "./_okta_fetch.ts";

/** A fake org and a client over it; `fail(n)` makes the next `n` log reads answer `status`. */
function setup() {
  const org = createFakeOrg();
  const faults = { count: 0, status: 503 };
  const fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.includes("/api/v1/logs") && faults.count > 0) {
      faults.count--;
      if (faults.status === 0) return Promise.reject(new TypeError("fetch failed"));
      return Promise.resolve(
        new Response(JSON.stringify({ errorCode: "E0000009", errorSummary: "Internal Server Error" }), {
          status: faults.status,
          headers: { "content-type": "application/json" },
        }),
      );
    }
    return org.fetch(input, init);
  };
  const okta = new Okta({
    orgUrl: org.orgUrl,
    token: org.apiToken,
    fetch,
    sources: false,
    rateLimit: { maxRetries: 0 },
  });
  const since = new Date(org.clock.now()).toISOString();
  const create = (name: string) =>
    okta.user.createUser({
      profile: { login: `${name}@example.com`, email: `${name}@example.com`, firstName: name, lastName: "L" },
    }, { activate: false });
  const login = (event: { target?: { alternateId?: string }[] }) =>
    event.target?.[0]?.alternateId?.split("@")[0];
  return { org, okta, since, create, faults, login };
}

describe("tailLogs: exact resumption", () => {
  it("a cursor saved after any event, mid-page included, resumes at the very next event", async () => {
    const { okta, since, create, login } = setup();
    for (const name of ["a", "b", "c", "d", "e"]) await create(name);
    const stop = new AbortController();
    const first: string[] = [];
    const tail = okta.tailLogs({ since, limit: 2, interval: 0.01, signal: stop.signal });
    for await (const event of tail) {
      first.push(login(event)!);
      if (first.length === 3) break; // in the middle of the second page
    }
    const saved = tail.cursor;
    assert.deepEqual(first, ["a", "b", "c"]);
    await create("f");

    const second: string[] = [];
    const again = okta.tailLogs({ from: saved, limit: 2, interval: 0.01, signal: stop.signal });
    for await (const event of again) {
      second.push(login(event)!);
      if (second.length === 3) stop.abort();
    }
    assert.deepEqual(second, ["d", "e", "f"], "no event repeated, none lost");
  });

  it("pages() gives each page with its cursor, and a page's cursor resumes after it", async () => {
    const { okta, since, create, login } = setup();
    for (const name of ["a", "b", "c"]) await create(name);
    const tail = okta.tailLogs({ since, limit: 2, interval: 0.01 });
    const pages = tail.pages();
    const page = (await pages.next()).value!;
    await pages.return();
    assert.deepEqual(page.events.map(login), ["a", "b"]);
    assert.match(page.cursor, /^https:\/\/.*\/api\/v1\/logs\?.*after=/);
    const stop = new AbortController();
    const rest: string[] = [];
    for await (
      const event of okta.tailLogs({ from: page.cursor, limit: 2, interval: 0.01, signal: stop.signal })
    ) {
      rest.push(login(event)!);
      stop.abort();
    }
    assert.deepEqual(rest, ["c"]);
  });
});

describe("tailLogs: a cursor is sent as it was given", () => {
  it("resuming adds no `since` of now to a cursor that has none (it would drop older events after it)", async () => {
    const fetch = scripted(() =>
      json([], 200, { link: '<https://example.okta.com/api/v1/logs?after=next1&limit=5>; rel="next"' })
    );
    const okta = new Okta(clientOptions(fetch));
    const stop = new AbortController();
    const tail = okta.tailLogs({
      from: "https://example.okta.com/api/v1/logs?after=saved&limit=5",
      signal: stop.signal,
    });
    const pending = tail.next();
    await new Promise((resolve) => setTimeout(resolve, 50));
    stop.abort();
    await pending;
    const first = fetch.seen[0].url;
    assert.equal(first.searchParams.get("after"), "saved");
    assert.equal(first.searchParams.has("since"), false, first.href);
  });
});

describe("tailLogs: failures", () => {
  it("keeps polling through 503s and network failures, without repeating or losing events", async () => {
    const { okta, since, create, faults, login } = setup();
    await create("a");
    const stop = new AbortController();
    const seen: string[] = [];
    const transient: OktaError[] = [];
    const tail = okta.tailLogs({
      since,
      interval: 0.01,
      signal: stop.signal,
      onTransientError: (error) => void transient.push(error),
    });
    for await (const event of tail) {
      seen.push(login(event)!);
      if (seen.length === 1) {
        faults.count = 2; // the next two reads fail: one 503...
        await create("b");
      }
      if (seen.length === 2) stop.abort();
    }
    assert.deepEqual(seen, ["a", "b"]);
    assert.equal(transient.length, 2);

    faults.status = 0; // ...and network failures
    faults.count = 2;
    const more: string[] = [];
    const stop2 = new AbortController();
    await create("c");
    for await (const event of okta.tailLogs({ from: tail.cursor, interval: 0.01, signal: stop2.signal })) {
      more.push(login(event)!);
      stop2.abort();
    }
    assert.deepEqual(more, ["c"]);
  });

  it("a failure that polling cannot mend (403) ends the tail with the cursor on the error", async () => {
    const { okta, since, create, faults } = setup();
    await create("a");
    const tail = okta.tailLogs({ since, interval: 0.01 });
    await tail.next();
    faults.status = 403;
    faults.count = 1;
    const error = await tail.next().then(() => undefined, (e: LogTailError) => e);
    assert.ok(error, "the tail should have failed");
    assert.equal((error as unknown as { status: number }).status, 403);
    assert.equal(error.cursor, tail.cursor);
    assert.match(error.cursor, /after=/);
    assert.ok(!(error instanceof NetworkError));
  });
});
