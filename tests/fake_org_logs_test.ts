// deno-lint-ignore-file no-explicit-any -- response bodies are arbitrary JSON here
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createFakeOrg } from "../testing/mod.ts";
import { sswsClient } from "./_fake_org_client.ts";

const person = (n: string) => ({
  login: `${n}@example.com`,
  email: `${n}@example.com`,
  firstName: n,
  lastName: "L",
});

async function busyOrg() {
  const org = createFakeOrg();
  const call = sswsClient(org);
  const a = (await call("POST", "/api/v1/users", { profile: person("a") })).body.id;
  org.clock.advance(60_000);
  const g = (await call("POST", "/api/v1/groups", { profile: { name: "G" } })).body.id;
  org.clock.advance(60_000);
  await call("PUT", `/api/v1/groups/${g}/users/${a}`);
  return { org, call, a, g };
}

describe("fake org: System Log", () => {
  it("records writes as LogEvents with actor, targets and the request id", async () => {
    const { org, a } = await busyOrg();
    const events = org.inspect.events() as any[];
    assert.deepEqual(events.map((e) => e.eventType), [
      "user.lifecycle.create",
      "user.lifecycle.activate",
      "group.lifecycle.create",
      "group.user_membership.add",
    ]);
    const first = events[0];
    assert.match(first.uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(first.published, "2026-01-01T00:00:00.000Z");
    assert.equal(first.actor.type, "User");
    assert.equal(first.target[0].id, a);
    assert.equal(first.outcome.result, "SUCCESS");
    assert.equal(org.requests[0].status, 200);
    assert.equal(first.transaction.id, first.debugContext.debugData.requestId);
  });

  it("answers since/until windows, filter, q, limit and sortOrder", async () => {
    const { call, a } = await busyOrg();
    const all = await call("GET", "/api/v1/logs");
    assert.equal(all.body.length, 4);
    assert.equal(all.next, undefined, "no polling without since");
    const window = await call("GET", "/api/v1/logs?since=2026-01-01T00:00:30Z&until=2026-01-01T00:01:30Z");
    assert.deepEqual(window.body.map((e: any) => e.eventType), ["group.lifecycle.create"]);
    const filtered = await call(
      "GET",
      `/api/v1/logs?filter=${encodeURIComponent(`target.id eq "${a}" and eventType sw "group."`)}`,
    );
    assert.deepEqual(filtered.body.map((e: any) => e.eventType), ["group.user_membership.add"]);
    const q = await call("GET", "/api/v1/logs?q=membership");
    assert.equal(q.body.length, 1);
    const desc = await call("GET", "/api/v1/logs?sortOrder=DESCENDING&limit=2");
    assert.deepEqual(desc.body.map((e: any) => e.eventType), [
      "group.user_membership.add",
      "group.lifecycle.create",
    ]);
    const rest = await call("GET", desc.next!);
    assert.deepEqual(rest.body.map((e: any) => e.eventType), [
      "user.lifecycle.activate",
      "user.lifecycle.create",
    ]);
    assert.equal((await call("GET", "/api/v1/logs?since=yesterday")).status, 400);
    assert.equal((await call("GET", "/api/v1/logs?sortOrder=UP")).status, 400);
    assert.equal((await call("GET", "/api/v1/logs?filter=eventType eq")).status, 400);
  });

  it("always links to the next page when polling with since and no until", async () => {
    const { org, call } = await busyOrg();
    let page = await call("GET", "/api/v1/logs?since=2025-12-31T00:00:00Z&limit=3");
    assert.equal(page.body.length, 3);
    page = await call("GET", page.next!);
    assert.equal(page.body.length, 1);
    assert.ok(page.next, "the last page still links to next");
    page = await call("GET", page.next!);
    assert.equal(page.body.length, 0);
    assert.ok(page.next, "an empty page keeps its place");
    org.clock.advance(1000);
    await call("POST", "/api/v1/groups", { profile: { name: "Later" } });
    page = await call("GET", page.next!);
    assert.deepEqual(page.body.map((e: any) => e.eventType), ["group.lifecycle.create"]);
    assert.ok(page.next);
  });

  it("polls from the start of an empty window too", async () => {
    const org = createFakeOrg();
    const call = sswsClient(org);
    const empty = await call("GET", "/api/v1/logs?since=2026-01-01T00:00:00Z");
    assert.equal(empty.body.length, 0);
    await call("POST", "/api/v1/groups", { profile: { name: "First" } });
    assert.equal((await call("GET", empty.next!)).body.length, 1);
  });
});
