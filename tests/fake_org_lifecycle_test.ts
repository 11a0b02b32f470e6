import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createFakeOrg } from "../testing/mod.ts";
import { sswsClient } from "./_fake_org_client.ts";

function setup(status: string, password = true) {
  const org = createFakeOrg();
  const { userIds: [id] } = org.seed({
    users: [{
      profile: { login: "u@example.com", email: "u@example.com", firstName: "U", lastName: "V" },
      status,
      password: password ? "Correct-Horse-1" : undefined,
    }],
  });
  const call = sswsClient(org);
  return {
    org,
    id,
    life: (op: string, query = "") => call("POST", `/api/v1/users/${id}/lifecycle/${op}${query}`),
    status: async () => (await call("GET", `/api/v1/users/${id}`)).body.status,
    events: () => org.inspect.events().map((e) => e.eventType),
  };
}

describe("fake org: user lifecycle", () => {
  it("activates STAGED users (ACTIVE with a password, PROVISIONED without) and returns a token", async () => {
    const a = setup("STAGED");
    const res = await a.life("activate", "?sendEmail=false");
    assert.equal(res.status, 200);
    assert.match(res.body.activationToken, /^\w{20}$/);
    assert.equal(res.body.activationUrl, `${a.org.orgUrl}/welcome/${res.body.activationToken}`);
    assert.equal(await a.status(), "ACTIVE");
    assert.deepEqual(a.events(), ["user.lifecycle.activate"]);
    const b = setup("STAGED", false);
    assert.deepEqual((await b.life("activate")).body, {}, "sendEmail defaults to true: no token returned");
    assert.equal(await b.status(), "PROVISIONED");
  });

  it("refuses to activate an already active user with 403 E0000016", async () => {
    const res = await setup("ACTIVE").life("activate");
    assert.equal(res.status, 403);
    assert.equal(res.body.errorCode, "E0000016");
  });

  it("reactivates only PROVISIONED users", async () => {
    assert.equal((await setup("PROVISIONED", false).life("reactivate", "?sendEmail=false")).status, 200);
    const res = await setup("ACTIVE").life("reactivate");
    assert.equal(res.status, 403);
    assert.equal(res.body.errorCode, "E0000038");
  });

  it("suspends only ACTIVE users and unsuspends only SUSPENDED ones (400 E0000001 otherwise)", async () => {
    const u = setup("ACTIVE");
    assert.equal((await u.life("unsuspend")).status, 400);
    assert.equal((await u.life("suspend")).status, 200);
    assert.equal(await u.status(), "SUSPENDED");
    const again = await u.life("suspend");
    assert.equal(again.status, 400);
    assert.equal(again.body.errorCode, "E0000001");
    assert.equal((await u.life("unsuspend")).status, 200);
    assert.equal(await u.status(), "ACTIVE");
    assert.deepEqual(u.events(), ["user.lifecycle.suspend", "user.lifecycle.unsuspend"]);
  });

  it("unlocks only LOCKED_OUT users", async () => {
    const u = setup("ACTIVE");
    const refused = await u.life("unlock");
    assert.equal(refused.status, 403);
    assert.equal(refused.body.errorCode, "E0000032");
    u.org.setUserStatus(u.id, "LOCKED_OUT");
    assert.equal((await u.life("unlock")).status, 200);
    assert.equal(await u.status(), "ACTIVE");
  });

  it("deactivates any user and expires passwords of active ones", async () => {
    const u = setup("ACTIVE");
    const expired = await u.life("expire_password");
    assert.equal(expired.status, 200);
    assert.equal(expired.body.status, "PASSWORD_EXPIRED", "expire_password returns the user");
    assert.equal((await u.life("deactivate")).status, 200);
    assert.equal(await u.status(), "DEPROVISIONED");
    assert.equal((await u.life("expire_password")).status, 403);
    assert.equal((await u.life("activate")).status, 200, "deactivated users can be activated again");
  });

  it("404s for a missing user and 405s for a wrong method", async () => {
    const org = createFakeOrg();
    const call = sswsClient(org);
    const missing = await call("POST", "/api/v1/users/00unope/lifecycle/suspend");
    assert.equal(missing.status, 404);
    const wrong = await call("GET", "/api/v1/users/00unope/lifecycle/suspend");
    assert.equal(wrong.status, 405);
    assert.equal(wrong.body.errorCode, "E0000022");
  });
});
