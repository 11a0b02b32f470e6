// deno-lint-ignore-file no-explicit-any -- response bodies are arbitrary JSON here
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createFakeOrg, type FakeOrg } from "../testing/mod.ts";
import { parseExpression } from "../testing/_filter.ts";

function client(org: FakeOrg) {
  return async (pathOrUrl: string): Promise<{ status: number; body: any; links: string[] }> => {
    const url = pathOrUrl.startsWith("http") ? pathOrUrl : org.orgUrl + pathOrUrl;
    const res = await org.fetch(url, { headers: { authorization: `SSWS ${org.apiToken}` } });
    const links = (res.headers.get("link") ?? "").split(/,\s*(?=<)/).filter(Boolean);
    return { status: res.status, body: await res.json(), links };
  };
}
const next = (links: string[]) => links.find((l) => l.endsWith('rel="next"'))?.match(/<([^>]+)>/)?.[1];

function orgWith(n: number) {
  const org = createFakeOrg();
  const users = Array.from({ length: n }, (_, i) => ({
    profile: {
      login: `user${i}@example.com`,
      email: `user${i}@example.com`,
      firstName: i % 2 ? "Odd" : "Even",
      lastName: `N${i}`,
      department: i < 3 ? "Sales" : "R&D",
    },
    status: i === 0 ? "STAGED" : i === 1 ? "DEPROVISIONED" : "ACTIVE",
  }));
  return { org, ids: org.seed({ users }).userIds, get: client(org) };
}

describe("fake org: listing users", () => {
  it("pages with limit and opaque after cursors, sending self and next as separate Link values", async () => {
    const { org, get } = orgWith(7);
    const res = await org.fetch(`${org.orgUrl}/api/v1/users?limit=2`, {
      headers: { authorization: `SSWS ${org.apiToken}` },
    });
    const raw = res.headers.get("link")!;
    assert.match(raw, /^<[^>]+\/api\/v1\/users\?limit=2>; rel="self", <[^>]+after=[^>]+>; rel="next"$/);
    const seen: string[] = [];
    let url: string | undefined = "/api/v1/users?limit=2";
    let pages = 0;
    while (url) {
      const page = await get(url);
      assert.ok(page.body.length <= 2);
      seen.push(...page.body.map((u: any) => u.profile.login));
      url = next(page.links);
      pages++;
    }
    assert.equal(pages, 3, "six listed users in pages of two");
    assert.equal(seen.length, 6, "DEPROVISIONED users are left out without filter or search");
    assert.ok(!seen.includes("user1@example.com"));
  });

  it("uses 200 as the default and maximum page size", async () => {
    const { get } = orgWith(205);
    assert.equal((await get("/api/v1/users")).body.length, 200);
    const big = await get("/api/v1/users?limit=1000");
    assert.equal(big.body.length, 200);
    assert.match(next(big.links)!, /limit=200/);
    assert.equal((await get("/api/v1/users?after=garbage")).status, 400);
  });

  it("finds users with q (prefix of first name, last name or email)", async () => {
    const { get } = orgWith(6);
    const res = await get("/api/v1/users?q=odd");
    assert.deepEqual(res.body.map((u: any) => u.profile.login), ["user3@example.com", "user5@example.com"]);
  });

  it("filters on status, ids, logins and times with and/or", async () => {
    const { org, ids, get } = orgWith(5);
    assert.equal((await get('/api/v1/users?filter=status eq "STAGED"')).body[0].id, ids[0]);
    const either = await get(
      `/api/v1/users?filter=${
        encodeURIComponent(`id eq "${ids[2]}" or profile.login eq "USER4@example.com"`)
      }`,
    );
    assert.deepEqual(either.body.map((u: any) => u.id), [ids[2], ids[4]]);
    assert.equal((await get('/api/v1/users?filter=status eq "DEPROVISIONED"')).body.length, 1);
    org.clock.advance(60_000);
    await org.fetch(`${org.orgUrl}/api/v1/users/${ids[3]}`, {
      method: "POST",
      headers: { authorization: `SSWS ${org.apiToken}`, "content-type": "application/json" },
      body: JSON.stringify({ profile: { nickName: "x" } }),
    });
    const recent = await get('/api/v1/users?filter=lastUpdated gt "2026-01-01T00:00:30.000Z"');
    assert.deepEqual(recent.body.map((u: any) => u.id), [ids[3]]);
  });

  it("searches with sw, co, pr, not and parentheses", async () => {
    const { ids, get } = orgWith(6);
    const q = (s: string) => get(`/api/v1/users?search=${encodeURIComponent(s)}`);
    assert.deepEqual((await q('profile.lastName sw "N1"')).body.map((u: any) => u.id), [ids[1]]);
    assert.equal((await q('profile.email co "user"')).body.length, 6, "search includes DEPROVISIONED users");
    const combo = await q(
      '(profile.department eq "Sales" or profile.firstName eq "odd") and not (status eq "STAGED")',
    );
    assert.deepEqual(combo.body.map((u: any) => u.id), [ids[1], ids[2], ids[3], ids[5]]);
    assert.equal((await q("profile.nickName pr")).body.length, 0);
  });

  it("answers 400 E0000031 for expressions it cannot evaluate", async () => {
    const { get } = orgWith(1);
    for (
      const bad of [
        'profile.department sw "S"',
        'status eq "ACTIVE" and',
        "status eq ACTIVE",
        'not status eq "A"',
      ]
    ) {
      const res = await get(`/api/v1/users?filter=${encodeURIComponent(bad)}`);
      assert.equal(res.status, 400, bad);
      assert.equal(res.body.errorCode, "E0000031", bad);
    }
    assert.equal((await get(`/api/v1/users?search=${encodeURIComponent('(status eq "A"')}`)).status, 400);
  });
});

describe("fake org: expression parser", () => {
  it("binds and tighter than or, and not tighter than and", () => {
    assert.deepEqual(parseExpression('a eq "1" or b eq "2" and not c pr'), {
      kind: "or",
      left: { kind: "cmp", path: "a", op: "eq", value: "1" },
      right: {
        kind: "and",
        left: { kind: "cmp", path: "b", op: "eq", value: "2" },
        right: { kind: "not", expr: { kind: "pr", path: "c" } },
      },
    });
  });
  it("reads numbers, booleans, null and escaped quotes", () => {
    assert.deepEqual(parseExpression('x eq 5 and y eq true and z eq null and w eq "a\\"b"'), {
      kind: "and",
      left: {
        kind: "and",
        left: {
          kind: "and",
          left: { kind: "cmp", path: "x", op: "eq", value: 5 },
          right: { kind: "cmp", path: "y", op: "eq", value: true },
        },
        right: { kind: "cmp", path: "z", op: "eq", value: null },
      },
      right: { kind: "cmp", path: "w", op: "eq", value: 'a"b' },
    });
  });
});
