// deno-lint-ignore-file no-explicit-any -- response bodies are arbitrary JSON here
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createFakeOrg, type FakeOrg } from "../testing/mod.ts";

const get = (org: FakeOrg, path: string, method = "GET") =>
  org.fetch(`${org.orgUrl}${path}`, { method, headers: { authorization: `SSWS ${org.apiToken}` } });
const rate = (res: Response) =>
  ["limit", "remaining", "reset"].map((k) => Number(res.headers.get(`x-rate-limit-${k}`)));

describe("fake org: rate limits", () => {
  it("puts rate-limit headers (reset in epoch seconds) and a Date from the org clock on every response", async () => {
    const org = createFakeOrg({ clock: "2026-03-01T12:00:30Z" });
    const res = await get(org, "/api/v1/users");
    assert.deepEqual(rate(res), [10000, 9999, Date.parse("2026-03-01T12:01:00Z") / 1000]);
    assert.equal(res.headers.get("date"), "Sun, 01 Mar 2026 12:00:30 GMT");
    const missing = await get(org, "/api/v1/nothing/here");
    assert.equal(missing.status, 404);
    assert.ok(missing.headers.get("x-rate-limit-remaining"));
  });

  it("answers 429 E0000047 past a bucket's limit until the window resets", async () => {
    const org = createFakeOrg();
    org.rateLimits.set("/api/v1/users", { limit: 5, windowSeconds: 60 });
    for (let i = 0; i < 5; i++) assert.equal((await get(org, "/api/v1/users")).status, 200);
    const limited = await get(org, "/api/v1/users");
    assert.equal(limited.status, 429);
    assert.equal((await limited.json()).errorCode, "E0000047");
    const [limit, remaining, reset] = rate(limited);
    assert.deepEqual([limit, remaining], [5, 0]);
    assert.equal(reset, Date.parse("2026-01-01T00:01:00Z") / 1000);
    assert.equal((await get(org, "/api/v1/users/00unope")).status, 404, "other buckets are unaffected");
    assert.equal(org.rateLimits.bucketFor("/api/v1/users/00u1/lifecycle/suspend", "POST"), "/api/v1");
    org.clock.advance(60_000);
    const again = await get(org, "/api/v1/users");
    assert.equal(again.status, 200);
    assert.deepEqual(rate(again).slice(0, 2), [5, 4]);
  });

  it("sets a default for every bucket with *", async () => {
    const org = createFakeOrg();
    org.rateLimits.set("*", { limit: 1 });
    assert.equal((await get(org, "/api/v1/groups")).status, 200);
    assert.equal((await get(org, "/api/v1/groups")).status, 429);
    org.rateLimits.reset();
    assert.equal((await get(org, "/api/v1/groups")).status, 200);
  });

  it("enforces a concurrency limit with X-Rate-Limit-Limit: 0, counts it and logs it once per burst", async () => {
    const org = createFakeOrg();
    org.rateLimits.setConcurrency(1);
    org.latencyMs = 20;
    const [a, b, c] = await Promise.all([0, 1, 2].map(() => get(org, "/api/v1/users")));
    assert.deepEqual([a.status, b.status, c.status].sort(), [200, 429, 429]);
    const limited = [a, b, c].find((res) => res.status === 429)!;
    assert.deepEqual(rate(limited), [0, 0, Date.parse("2026-01-01T00:00:00Z") / 1000]);
    assert.deepEqual(org.rateLimits.violations(), { total: 2, buckets: {}, concurrency: 2 });
    assert.deepEqual(org.rateLimits.inFlight(), { now: 0, peak: 1 });
    const logged = org.inspect.events().filter((e) =>
      e.eventType === "system.operation.concurrency_limit.violation"
    );
    assert.equal(logged.length, 1);
    org.rateLimits.setConcurrency(undefined);
    org.latencyMs = 0;
    assert.equal((await get(org, "/api/v1/users")).status, 200);
  });

  it("groups endpoints into buckets as Okta documents them", async () => {
    const org = createFakeOrg();
    const buckets = {
      "GET /api/v1/users/00u1": "GET /api/v1/users/{idOrLogin}",
      "GET /api/v1/users/ada%40example.com": "GET /api/v1/users/{idOrLogin}",
      "DELETE /api/v1/users/00u1": "/api/v1/users/{id}",
      "POST /api/v1/users": "/api/v1/users",
      "GET /api/v1/apps": "/api/v1/apps",
      "GET /api/v1/apps/0oa1/groups": "/api/v1/apps",
      "PUT /api/v1/apps/0oa1": "/api/v1/apps/{id}",
      "GET /api/v1/groups/00g1": "/api/v1/groups/{id}",
      "PUT /api/v1/groups/00g1/users/00u1": "/api/v1/groups",
      "GET /api/v1/logs": "/api/v1/logs",
      "GET /api/v1/authenticators": "/api/v1",
    };
    for (const [request, bucket] of Object.entries(buckets)) {
      const [method, path] = request.split(" ");
      assert.equal(org.rateLimits.bucketFor(path, method), bucket, request);
    }
    // Sub-resources of apps share the apps collection's window; the app itself has its own.
    org.rateLimits.set("/api/v1/apps", { limit: 2 });
    const [app] = org.seed({
      apps: [{
        name: "bookmark",
        label: "B",
        signOnMode: "BOOKMARK",
        settings: { app: { url: "https://example.com" } },
      }],
    }).appIds;
    assert.equal((await get(org, "/api/v1/apps")).status, 200);
    assert.equal((await get(org, `/api/v1/apps/${app}/users`)).status, 200);
    assert.equal((await get(org, `/api/v1/apps/${app}/groups`)).status, 429);
    assert.equal((await get(org, `/api/v1/apps/${app}`)).status, 200);
  });

  it("counts violations per bucket and logs the first of each window, plus warnings past a threshold", async () => {
    const org = createFakeOrg();
    org.rateLimits.set("/api/v1/groups", { limit: 4 });
    org.rateLimits.setWarningThreshold(50);
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await get(org, "/api/v1/groups")).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 429, 429]);
    assert.deepEqual(org.rateLimits.violations(), {
      total: 2,
      buckets: { "/api/v1/groups": 2 },
      concurrency: 0,
    });
    const types = org.inspect.events().map((e: any) => [e.eventType, e.target[0].id]);
    assert.deepEqual(types, [
      ["system.operation.rate_limit.warning", "/api/v1/groups"],
      ["system.operation.rate_limit.violation", "/api/v1/groups"],
    ]);
    org.clock.advance(60_000);
    assert.equal((await get(org, "/api/v1/groups")).status, 200);
    org.rateLimits.reset();
    assert.equal(org.rateLimits.violations().total, 0);
  });
});

describe("fake org: faults", () => {
  it("fails matching requests the scheduled number of times", async () => {
    const org = createFakeOrg();
    org.faults.push({ match: "GET /api/v1/users", status: 503, times: 2 });
    assert.equal(
      (await get(org, "/api/v1/users", "POST")).status,
      400,
      "POST does not match (and fails validation)",
    );
    assert.equal((await get(org, "/api/v1/users")).status, 503);
    assert.equal((await get(org, "/api/v1/users")).status, 503);
    assert.equal((await get(org, "/api/v1/users")).status, 200);
    assert.equal(org.faults.pending().length, 0);
  });

  it("sends 429 with reset headers, 500 with Okta's body, or a custom body", async () => {
    const org = createFakeOrg();
    org.faults.push({ match: "/api/v1/groups*", status: 429 });
    org.faults.push({ match: /^\/api\/v1\/apps/, status: 500 });
    org.faults.push({ match: (r) => r.url.includes("logs"), status: 502, body: "<html>Bad gateway</html>" });
    org.faults.push({ match: "/api/v1/groups", status: 429, resetInSeconds: 30 });
    const limited = await get(org, "/api/v1/groups/00g1/users");
    assert.equal(limited.status, 429);
    assert.equal(rate(limited)[1], 0);
    assert.equal(
      rate(limited)[2],
      Date.parse("2026-01-01T00:00:00Z") / 1000,
      "a fault resets at once by default",
    );
    const later = await get(org, "/api/v1/groups");
    assert.equal(rate(later)[2], Date.parse("2026-01-01T00:00:30Z") / 1000);
    assert.equal((await limited.json()).errorCode, "E0000047");
    const broken = await get(org, "/api/v1/apps");
    assert.equal((await broken.json()).errorCode, "E0000009");
    const html = await get(org, "/api/v1/logs");
    assert.equal(html.status, 502);
    assert.equal(await html.text(), "<html>Bad gateway</html>");
    assert.ok(html.headers.get("x-okta-request-id"));
  });

  it("reports the concurrency limit on a scheduled 429 when asked", async () => {
    const org = createFakeOrg();
    org.faults.push({ status: 429, concurrency: true });
    assert.deepEqual(rate(await get(org, "/api/v1/users")).slice(0, 2), [0, 0]);
  });

  it("rejects org.fetch with a TypeError for a network fault, and records the attempt", async () => {
    const org = createFakeOrg();
    org.faults.push({ match: "/api/v1/users", networkError: true });
    await assert.rejects(get(org, "/api/v1/users"), TypeError);
    assert.equal((await get(org, "/api/v1/users")).status, 200);
    assert.deepEqual(org.requests.map((r) => r.status), [0, 200]);
    assert.equal(org.requests[0].headers.get("authorization"), `SSWS ${org.apiToken}`);
  });
});

describe("fake org: fetch semantics", () => {
  it("rejects with the abort reason when the caller aborts, before or during handling", async () => {
    const org = createFakeOrg();
    const early = new AbortController();
    early.abort();
    await assert.rejects(
      org.fetch(`${org.orgUrl}/api/v1/users`, { signal: early.signal }),
      (e: any) => e.name === "AbortError",
    );
    org.latencyMs = 50;
    const late = new AbortController();
    const pending = org.fetch(`${org.orgUrl}/api/v1/users`, {
      headers: { authorization: `SSWS ${org.apiToken}` },
      signal: late.signal,
    });
    setTimeout(() => late.abort(), 5);
    await assert.rejects(pending, (e: any) => e.name === "AbortError");
  });

  it("accepts a Request object and records nothing when recordRequests is false", async () => {
    const org = createFakeOrg({ recordRequests: false });
    const res = await org.fetch(
      new Request(`${org.orgUrl}/api/v1/groups`, { headers: { authorization: `SSWS ${org.apiToken}` } }),
    );
    assert.equal(res.status, 200);
    assert.equal(org.requests.length, 0);
  });

  it("lets a fault's own headers replace the standard ones (a test can set the reset it needs)", async () => {
    const org = createFakeOrg();
    org.faults.push({
      match: "GET /api/v1/users",
      status: 429,
      headers: { "x-rate-limit-reset": "1234", "x-custom": "y" },
    });
    const res = await get(org, "/api/v1/users");
    assert.equal(res.status, 429);
    assert.equal(res.headers.get("x-rate-limit-reset"), "1234");
    assert.equal(res.headers.get("x-custom"), "y");
  });
});

describe("fake org: controllable clock timers", () => {
  it("fires scheduled callbacks when the frozen clock reaches them, in order", async () => {
    const org = createFakeOrg();
    const fired: string[] = [];
    org.clock.schedule(2000, () => fired.push("b"));
    org.clock.schedule(1000, () => fired.push("a"));
    const cancel = org.clock.schedule(1500, () => fired.push("cancelled"));
    cancel();
    org.clock.advance(999);
    assert.equal(fired.length, 0);
    org.clock.advance(1001);
    assert.deepEqual(fired, ["a", "b"]);
    org.clock.schedule(0, () => fired.push("now"));
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setTimeout(resolve, 0));
    assert.deepEqual(fired, ["a", "b", "now"]);
  });
});
