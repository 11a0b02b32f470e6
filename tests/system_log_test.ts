/** The System Log as a stream: listing with `since` ends once caught up; `tailLogs` keeps polling. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Okta } from "../api/mod.ts";
import { createFakeOrg } from "../testing/mod.ts";

/** A fake org with two users created, and a client whose fetch refuses to go on past `max` requests. */
function setup(max = 50) {
  const org = createFakeOrg();
  let requests = 0;
  const fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    if (++requests > max) {
      return Promise.reject(new Error(`more than ${max} requests: the listing never ends`));
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
  return { org, okta, since, create, requests: () => requests };
}

describe("System Log", () => {
  it("listLogEvents with since and no until ends at the first empty page", async () => {
    const { okta, since, create, requests } = setup();
    await create("ada");
    await create("bob");
    const before = requests();
    const events = await okta.systemLog.listLogEvents({ since, limit: 1 }).toArray();
    assert.deepEqual(events.map((e) => e.eventType), ["user.lifecycle.create", "user.lifecycle.create"]);
    assert.equal(requests() - before, 3, "two pages of one event, then one empty page");
  });

  it("with until, it ends where the links end, as any list", async () => {
    const { okta, since, create, org } = setup();
    await create("ada");
    const until = new Date(org.clock.now() + 1).toISOString();
    assert.equal((await okta.systemLog.listLogEvents({ since, until }).toArray()).length, 1);
  });

  it("tailLogs keeps polling at the interval, yields new events as they come, and ends on the signal", async () => {
    const { okta, since, create, requests } = setup(1000);
    await create("ada");
    const stop = new AbortController();
    const seen: string[] = [];
    const started = Date.now();
    const tail = (async () => {
      for await (const event of okta.tailLogs({ since, interval: 0.05, signal: stop.signal })) {
        seen.push(event.target?.[0]?.alternateId ?? "");
        if (seen.length === 1) await create("bob"); // arrives while tailing
        if (seen.length === 2) setTimeout(() => stop.abort(), 200);
      }
    })();
    await tail;
    assert.deepEqual(seen, ["ada@example.com", "bob@example.com"]);
    const elapsed = Date.now() - started;
    // Polling at 50 ms for ~0.25 s: a handful of requests, not hundreds.
    assert.ok(requests() < 30, `${requests()} requests in ${elapsed} ms`);
  });

  it("tailLogs ends quietly when aborted during a wait", async () => {
    const { okta, since } = setup();
    const stop = new AbortController();
    setTimeout(() => stop.abort(new Error("stop")), 50);
    const events = [];
    for await (const event of okta.tailLogs({ since, interval: 60, signal: stop.signal })) events.push(event);
    assert.equal(events.length, 0);
  });
});
