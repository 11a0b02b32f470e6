import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createFakeOrg } from "../testing/mod.ts";
import { sswsClient } from "./_fake_org_client.ts";

const profile = (name: string, extra: Record<string, unknown> = {}) => ({
  login: `${name}@example.com`,
  email: `${name}@example.com`,
  firstName: name,
  lastName: "Tester",
  ...extra,
});
const password = { password: { value: "Correct-Horse-1" } };

describe("fake org: creating users", () => {
  it("sets the status from credentials, activate and nextLogin", async () => {
    const call = sswsClient(createFakeOrg());
    assert.equal(
      (await call("POST", "/api/v1/users", { profile: profile("a"), credentials: password })).body.status,
      "ACTIVE",
    );
    assert.equal((await call("POST", "/api/v1/users", { profile: profile("b") })).body.status, "PROVISIONED");
    assert.equal(
      (await call("POST", "/api/v1/users?activate=false", { profile: profile("c"), credentials: password }))
        .body.status,
      "STAGED",
    );
    const expired = await call("POST", "/api/v1/users?nextLogin=changePassword", {
      profile: profile("d"),
      credentials: password,
    });
    assert.equal(expired.body.status, "PASSWORD_EXPIRED");
  });

  it("returns the User shape with ids, timestamps, credentials and _links", async () => {
    const org = createFakeOrg();
    const { status, body, headers } = await sswsClient(org)("POST", "/api/v1/users", {
      profile: profile("ada", { costCenter: "R&D", favouriteColour: "teal" }),
      credentials: password,
    });
    assert.equal(status, 200);
    assert.match(body.id, /^00u[0-9A-Za-z]{17}$/);
    assert.equal(body.created, "2026-01-01T00:00:00.000Z");
    assert.equal(body.lastLogin, null);
    assert.deepEqual(body.credentials.password, {});
    assert.equal(body.credentials.provider.type, "OKTA");
    assert.equal(body.profile.favouriteColour, "teal", "custom attributes are kept");
    assert.equal(body._links.self.href, `${org.orgUrl}/api/v1/users/${body.id}`);
    assert.ok(body._links.suspend && body._links.deactivate && !body._links.activate);
    assert.match(headers.get("x-okta-request-id")!, /^\w{20}$/);
    assert.equal(headers.get("date"), "Thu, 01 Jan 2026 00:00:00 GMT");
    assert.equal(JSON.stringify(body).includes("Correct-Horse-1"), false, "passwords are never echoed");
  });

  it("gives the same ids to two orgs with the same seed, other ids with another seed", async () => {
    const a = await sswsClient(createFakeOrg({ seed: 7 }))("POST", "/api/v1/users", {
      profile: profile("x"),
    });
    const b = await sswsClient(createFakeOrg({ seed: 7 }))("POST", "/api/v1/users", {
      profile: profile("x"),
    });
    const c = await sswsClient(createFakeOrg({ seed: 8 }))("POST", "/api/v1/users", {
      profile: profile("x"),
    });
    assert.equal(a.body.id, b.body.id);
    assert.notEqual(a.body.id, c.body.id);
  });

  it("answers 400 E0000001 with one cause per problem", async () => {
    const call = sswsClient(createFakeOrg());
    const res = await call("POST", "/api/v1/users", { profile: { login: "not-an-email", email: "" } });
    assert.equal(res.status, 400);
    assert.equal(res.body.errorCode, "E0000001");
    assert.match(res.body.errorSummary, /^Api validation failed: /);
    const causes = res.body.errorCauses.map((c: { errorSummary: string }) => c.errorSummary);
    assert.ok(causes.includes("email: The field cannot be left blank"));
    assert.ok(causes.includes("firstName: The field cannot be left blank"));
    assert.ok(causes.includes("login: Username must be in the form of an email address"));
    assert.equal(res.headers.get("content-type"), "application/json");
    assert.equal(typeof res.body.errorId, "string");
    assert.equal(res.body.errorLink, "E0000001");
  });

  it("refuses a duplicate login (any case), a short password and malformed JSON", async () => {
    const call = sswsClient(createFakeOrg());
    await call("POST", "/api/v1/users", { profile: profile("dup") });
    const dup = await call("POST", "/api/v1/users", { profile: profile("DUP") });
    assert.equal(dup.status, 400);
    assert.match(dup.body.errorCauses[0].errorSummary, /already exists/);
    const short = await call("POST", "/api/v1/users", {
      profile: profile("s"),
      credentials: { password: { value: "short" } },
    });
    assert.equal(short.status, 400);
    assert.match(short.body.errorCauses[0].errorSummary, /^password: /);
    const bad = await call("POST", "/api/v1/users", "{not json");
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errorCode, "E0000003");
  });

  it("adds the new user to groupIds", async () => {
    const org = createFakeOrg();
    const { groupIds } = org.seed({ groups: [{ name: "Eng" }] });
    const res = await sswsClient(org)("POST", "/api/v1/users", { profile: profile("g"), groupIds });
    assert.deepEqual(org.inspect.members(groupIds[0]), [res.body.id]);
    const missing = await sswsClient(org)("POST", "/api/v1/users", {
      profile: profile("h"),
      groupIds: ["00gnope"],
    });
    assert.equal(missing.status, 400);
  });
});

describe("fake org: reading, updating and deleting users", () => {
  it("finds a user by id or by login, and 404s with E0000007 otherwise", async () => {
    const org = createFakeOrg();
    const call = sswsClient(org);
    const { userIds } = org.seed({ users: [{ profile: profile("find") }] });
    assert.equal((await call("GET", `/api/v1/users/${userIds[0]}`)).body.profile.login, "find@example.com");
    assert.equal((await call("GET", "/api/v1/users/FIND@example.com")).body.id, userIds[0]);
    const missing = await call("GET", "/api/v1/users/00unothere");
    assert.equal(missing.status, 404);
    assert.equal(missing.body.errorCode, "E0000007");
    assert.match(missing.body.errorSummary, /^Not found: Resource not found/);
  });

  it("merges a partial update (POST) and replaces the profile (PUT)", async () => {
    const org = createFakeOrg();
    const call = sswsClient(org);
    const { userIds: [id] } = org.seed({
      users: [{ profile: profile("up", { nickName: "U", custom: "keep" }) }],
    });
    org.clock.advance(1000);
    const partial = await call("POST", `/api/v1/users/${id}`, { profile: { nickName: "V" } });
    assert.equal(partial.body.profile.nickName, "V");
    assert.equal(partial.body.profile.custom, "keep");
    assert.equal(partial.body.lastUpdated, "2026-01-01T00:00:01.000Z");
    const replaced = await call("PUT", `/api/v1/users/${id}`, { profile: profile("up") });
    assert.equal(replaced.body.profile.nickName, undefined);
    assert.equal(replaced.body.profile.custom, undefined);
    const incomplete = await call("PUT", `/api/v1/users/${id}`, { profile: { login: "up@example.com" } });
    assert.equal(incomplete.status, 400);
    assert.equal((await call("POST", `/api/v1/users/${id}`, { profile: "nickName=V" })).status, 400);
  });

  it("keeps the login index current when a login changes", async () => {
    const org = createFakeOrg();
    const call = sswsClient(org);
    const { userIds: [id] } = org.seed({ users: [{ profile: profile("old") }] });
    await call("POST", `/api/v1/users/${id}`, { profile: { login: "new@example.com" } });
    assert.equal((await call("GET", "/api/v1/users/new@example.com")).status, 200);
    assert.equal((await call("GET", "/api/v1/users/old@example.com")).status, 404);
    assert.equal((await call("POST", "/api/v1/users", { profile: profile("old") })).status, 200);
  });

  it("deactivates on the first DELETE, deletes on the second, then 404s", async () => {
    const org = createFakeOrg();
    const call = sswsClient(org);
    const { userIds: [id], groupIds: [gid] } = org.seed({
      groups: [{ name: "G" }],
      users: [{ profile: profile("del"), groups: ["G"] }],
    });
    const first = await call("DELETE", `/api/v1/users/${id}`);
    assert.equal(first.status, 204);
    assert.equal(first.body, undefined);
    assert.equal((await call("GET", `/api/v1/users/${id}`)).body.status, "DEPROVISIONED");
    assert.equal((await call("DELETE", `/api/v1/users/${id}`)).status, 204);
    const gone = await call("DELETE", `/api/v1/users/${id}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.errorCode, "E0000007");
    assert.deepEqual(org.inspect.members(gid), []);
  });
});
