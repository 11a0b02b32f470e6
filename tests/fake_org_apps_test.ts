// deno-lint-ignore-file no-explicit-any -- response bodies are arbitrary JSON here
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createFakeOrg } from "../testing/mod.ts";
import { sswsClient } from "./_fake_org_client.ts";

const bookmark = {
  name: "bookmark",
  label: "Docs",
  signOnMode: "BOOKMARK",
  settings: { app: { url: "https://docs.example.com" } },
};
const swa = {
  name: "template_swa",
  label: "Legacy",
  signOnMode: "BROWSER_PLUGIN",
  settings: {
    app: {
      url: "https://legacy.example.com/login",
      usernameField: "#u",
      passwordField: "#p",
      buttonField: "#go",
    },
  },
};
const oidc = {
  name: "oidc_client",
  label: "Service",
  signOnMode: "OPENID_CONNECT",
  settings: { oauthClient: { grant_types: ["client_credentials"], application_type: "service" } },
  credentials: { oauthClient: { token_endpoint_auth_method: "client_secret_post" } },
  customField: { kept: true },
};

describe("fake org: applications", () => {
  it("creates bookmark, SWA and OIDC apps with Okta's defaults", async () => {
    const call = sswsClient(createFakeOrg());
    const b = await call("POST", "/api/v1/apps", bookmark);
    assert.equal(b.status, 200);
    assert.match(b.body.id, /^0oa[0-9A-Za-z]{17}$/);
    assert.equal(b.body.status, "ACTIVE");
    assert.equal(b.body.settings.app.requestIntegration, false);
    assert.equal(
      b.body._links.deactivate.href.endsWith(`/api/v1/apps/${b.body.id}/lifecycle/deactivate`),
      true,
    );
    const s = await call("POST", "/api/v1/apps?activate=false", swa);
    assert.equal(s.body.status, "INACTIVE");
    assert.equal(s.body.credentials.scheme, "EDIT_USERNAME_AND_PASSWORD");
    const o = await call("POST", "/api/v1/apps", oidc);
    assert.equal(o.body.credentials.oauthClient.client_id, o.body.id);
    assert.match(o.body.credentials.oauthClient.client_secret, /^\w{40}$/);
    assert.equal(o.body.credentials.oauthClient.token_endpoint_auth_method, "client_secret_post");
    assert.deepEqual(o.body.customField, { kept: true }, "unknown fields are kept");
  });

  it("validates sign-on mode, name, label and per-kind settings", async () => {
    const call = sswsClient(createFakeOrg());
    for (
      const body of [
        { ...bookmark, signOnMode: "SAML_2_0" },
        { ...bookmark, name: "template_swa" },
        { ...bookmark, label: "" },
        { ...bookmark, settings: { app: {} } },
        { ...swa, settings: { app: { url: "x" } } },
        { ...oidc, settings: { oauthClient: {} } },
      ]
    ) {
      const res = await call("POST", "/api/v1/apps", body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.errorCode, "E0000001");
    }
  });

  it("replaces, lists, deactivates and deletes apps; deleting an active app is refused", async () => {
    const org = createFakeOrg();
    const call = sswsClient(org);
    const o = (await call("POST", "/api/v1/apps", oidc)).body;
    const b = (await call("POST", "/api/v1/apps", bookmark)).body;
    const replaced = await call("PUT", `/api/v1/apps/${o.id}`, {
      ...oidc,
      label: "Renamed",
      credentials: undefined,
    });
    assert.equal(replaced.body.label, "Renamed");
    assert.equal(
      replaced.body.credentials.oauthClient.client_secret,
      o.credentials.oauthClient.client_secret,
      "secret kept",
    );
    assert.deepEqual((await call("GET", "/api/v1/apps?q=ren")).body.map((a: any) => a.id), [o.id]);
    assert.deepEqual(
      (await call("GET", '/api/v1/apps?filter=name eq "bookmark"')).body.map((a: any) => a.id),
      [b.id],
    );
    const refused = await call("DELETE", `/api/v1/apps/${b.id}`);
    assert.equal(refused.status, 403);
    assert.equal((await call("POST", `/api/v1/apps/${b.id}/lifecycle/deactivate`)).status, 200);
    assert.equal((await call("GET", '/api/v1/apps?filter=status eq "INACTIVE"')).body[0].id, b.id);
    assert.equal((await call("DELETE", `/api/v1/apps/${b.id}`)).status, 204);
    assert.equal((await call("GET", `/api/v1/apps/${b.id}`)).status, 404);
    const types = org.inspect.events().map((e) => e.eventType);
    assert.ok(types.includes("application.lifecycle.create"));
    assert.ok(types.includes("application.lifecycle.deactivate"));
    assert.ok(types.includes("application.lifecycle.delete"));
  });

  it("assigns users (credentials default to the login) and groups to apps", async () => {
    const org = createFakeOrg();
    const call = sswsClient(org);
    const { userIds: [u], groupIds: [g], appIds: [app] } = org.seed({
      groups: [{ name: "Team" }],
      users: [{ profile: { login: "a@example.com", email: "a@example.com", firstName: "A", lastName: "B" } }],
      apps: [bookmark],
    });
    const assigned = await call("POST", `/api/v1/apps/${app}/users`, {
      id: u,
      scope: "USER",
      profile: { role: "x" },
    });
    assert.equal(assigned.status, 200);
    assert.equal(assigned.body.credentials.userName, "a@example.com");
    assert.equal(assigned.body._links.user.href, `${org.orgUrl}/api/v1/users/${u}`);
    const updated = await call("POST", `/api/v1/apps/${app}/users/${u}`, {
      credentials: { userName: "alias" },
    });
    assert.equal(updated.body.credentials.userName, "alias");
    assert.equal(updated.body.profile.role, "x");
    assert.equal((await call("GET", `/api/v1/apps/${app}/users`)).body.length, 1);
    assert.equal((await call("GET", `/api/v1/apps?filter=user.id eq "${u}"`)).body[0].id, app);
    assert.equal((await call("POST", `/api/v1/apps/${app}/users`, { id: "00unope" })).status, 404);
    assert.equal((await call("DELETE", `/api/v1/apps/${app}/users/${u}`)).status, 204);
    assert.equal((await call("GET", `/api/v1/apps/${app}/users/${u}`)).status, 404);

    const ga = await call("PUT", `/api/v1/apps/${app}/groups/${g}`, { priority: 2 });
    assert.equal(ga.body.id, g);
    assert.equal(ga.body.priority, 2);
    assert.equal(
      (await call("GET", `/api/v1/apps/${app}/groups/${g}`)).body._links.group.href,
      `${org.orgUrl}/api/v1/groups/${g}`,
    );
    assert.deepEqual((await call("GET", `/api/v1/apps/${app}/groups`)).body.map((x: any) => x.id), [g]);
    assert.deepEqual((await call("GET", `/api/v1/groups/${g}/apps`)).body.map((x: any) => x.id), [app]);
    assert.equal((await call("DELETE", `/api/v1/apps/${app}/groups/${g}`)).status, 204);
    assert.equal((await call("GET", `/api/v1/apps/${app}/groups/${g}`)).status, 404);
    const types = org.inspect.events().map((e) => e.eventType);
    assert.deepEqual(types, [
      "application.user_membership.add",
      "application.user_membership.update",
      "application.user_membership.remove",
      "group.application_assignment.add",
      "group.application_assignment.remove",
    ]);
  });
});
