// deno-lint-ignore-file no-explicit-any -- response bodies are arbitrary JSON here
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createFakeOrg } from "../testing/mod.ts";
import { sswsClient } from "./_fake_org_client.ts";

const person = (n: string) => ({
  profile: { login: `${n}@example.com`, email: `${n}@example.com`, firstName: n, lastName: "X" },
});

describe("fake org: groups", () => {
  it("creates, reads, replaces and deletes OKTA_GROUP groups", async () => {
    const org = createFakeOrg();
    const call = sswsClient(org);
    const created = await call("POST", "/api/v1/groups", {
      profile: { name: "Admins", description: "People who administer" },
    });
    assert.equal(created.status, 200);
    assert.match(created.body.id, /^00g[0-9A-Za-z]{17}$/);
    assert.equal(created.body.type, "OKTA_GROUP");
    assert.deepEqual(created.body.objectClass, ["okta:user_group"]);
    assert.equal(created.body._links.users.href, `${org.orgUrl}/api/v1/groups/${created.body.id}/users`);
    const id = created.body.id;
    assert.equal((await call("GET", `/api/v1/groups/${id}`)).body.profile.name, "Admins");
    const replaced = await call("PUT", `/api/v1/groups/${id}`, { profile: { name: "Admins 2" } });
    assert.equal(replaced.body.profile.description, undefined);
    assert.equal(
      (await call("POST", "/api/v1/groups", { profile: { name: "admins 2" } })).status,
      400,
      "names are unique",
    );
    assert.equal((await call("POST", "/api/v1/groups", { profile: {} })).body.errorCode, "E0000001");
    assert.equal((await call("DELETE", `/api/v1/groups/${id}`)).status, 204);
    assert.equal((await call("GET", `/api/v1/groups/${id}`)).status, 404);
    assert.deepEqual(org.inspect.events().map((e) => e.eventType), [
      "group.lifecycle.create",
      "group.profile.update",
      "group.lifecycle.delete",
    ]);
  });

  it("lists groups with q, filter, search and pagination; Everyone is built in and read-only", async () => {
    const org = createFakeOrg();
    const call = sswsClient(org);
    const { groupIds } = org.seed({ groups: [{ name: "Eng" }, { name: "Engage" }, { name: "Sales" }] });
    const all = await call("GET", "/api/v1/groups");
    assert.deepEqual(all.body.map((g: any) => g.profile.name), ["Everyone", "Eng", "Engage", "Sales"]);
    const everyone = all.body[0];
    assert.equal(everyone.type, "BUILT_IN");
    assert.deepEqual(
      (await call("GET", "/api/v1/groups?q=eng")).body.map((g: any) => g.id),
      groupIds.slice(0, 2),
    );
    assert.equal((await call("GET", '/api/v1/groups?filter=type eq "BUILT_IN"')).body.length, 1);
    assert.equal((await call("GET", '/api/v1/groups?search=profile.name sw "Sa"')).body[0].id, groupIds[2]);
    const page = await call("GET", "/api/v1/groups?limit=3");
    assert.equal(page.body.length, 3);
    assert.match(page.headers.get("link")!, /rel="next"/);
    assert.equal((await call("DELETE", `/api/v1/groups/${everyone.id}`)).status, 403);
  });

  it("adds and removes members, lists them and a user's groups", async () => {
    const org = createFakeOrg();
    const call = sswsClient(org);
    const { groupIds: [gid], userIds: [a, b] } = org.seed({
      groups: [{ name: "Team" }],
      users: [person("a"), person("b")],
    });
    assert.equal((await call("PUT", `/api/v1/groups/${gid}/users/${b}`)).status, 204);
    assert.equal((await call("PUT", `/api/v1/groups/${gid}/users/${a}`)).status, 204);
    assert.equal((await call("PUT", `/api/v1/groups/${gid}/users/${a}`)).status, 204, "adding twice is fine");
    const members = await call("GET", `/api/v1/groups/${gid}/users`);
    assert.deepEqual(members.body.map((u: any) => u.id), [a, b]);
    assert.equal(members.body[0].profile.login, "a@example.com", "members are full User objects");
    const groups = await call("GET", `/api/v1/users/${a}/groups`);
    assert.deepEqual(groups.body.map((g: any) => g.profile.name), ["Everyone", "Team"]);
    assert.equal((await call("DELETE", `/api/v1/groups/${gid}/users/${a}`)).status, 204);
    assert.deepEqual(org.inspect.members(gid), [b]);
    assert.equal((await call("PUT", `/api/v1/groups/${gid}/users/00unope`)).status, 404);
    assert.equal((await call("PUT", `/api/v1/groups/00gnope/users/${a}`)).status, 404);
    const types = org.inspect.events().map((e) => e.eventType);
    assert.deepEqual(types, [
      "group.user_membership.add",
      "group.user_membership.add",
      "group.user_membership.remove",
    ]);
    const add = org.inspect.events()[0] as any;
    assert.deepEqual(add.target.map((t: any) => t.type), ["User", "UserGroup"]);
  });
});
