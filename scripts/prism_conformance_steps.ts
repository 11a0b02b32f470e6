/**
 * The conformance tour: one or more requests per operation the fake org implements, in an order
 * where each step can use ids created by earlier ones, with the status each must produce.
 *
 * @module
 */
import type { FakeOrg } from "../testing/mod.ts";

/** One request of the tour. */
export interface Step {
  name: string;
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  expect: number;
  /** Send through the proxy that does not validate requests (the request schema is unsatisfiable). */
  lenient?: boolean;
  /** A status Okta really answers that the description does not declare for this operation. */
  undeclared?: number;
  /** A deliberately broken response: Prism must flag it (proves responses are really validated). */
  control?: boolean;
}

/** A step built lazily (ids come from earlier answers), with a hook to read its answer. */
export interface LazyStep {
  build(): Step;
  after?(body: unknown): void;
}

// deno-lint-ignore no-explicit-any
type Any = any;

/** Builds the tour against `org` (used for pass codes and rate-limit switches). */
export function tour(org: FakeOrg): LazyStep[] {
  const ids: Record<string, string> = {};
  const steps: LazyStep[] = [];
  const add = (
    name: string,
    method: string,
    path: () => string,
    expect: number,
    body?: () => unknown,
    save?: string,
    before?: () => void,
    flags: Pick<Step, "lenient" | "undeclared" | "control"> = {},
  ) =>
    steps.push({
      build() {
        before?.();
        return { name, method, path: path(), expect, body: body?.(), ...flags };
      },
      after: save ? (b) => void (ids[save] = (b as Any).id) : undefined,
    });
  const person = (n: string) => ({
    login: `${n}@example.com`,
    email: `${n}@example.com`,
    firstName: n,
    lastName: "Tour",
  });
  const u = (key: string) => `/api/v1/users/${ids[key]}`;

  // Users
  add(
    "createUser active",
    "POST",
    () => "/api/v1/users?activate=true",
    200,
    () => ({
      profile: person("ann"),
      credentials: {
        password: { value: "Tour-Passw0rd" },
        recovery_question: { question: "Best colour?", answer: "teal" },
      },
    }),
    "u1",
  );
  add(
    "createUser staged",
    "POST",
    () => "/api/v1/users?activate=false",
    200,
    () => ({ profile: person("bob") }),
    "u2",
  );
  add(
    "createUser expired",
    "POST",
    () => "/api/v1/users?nextLogin=changePassword",
    200,
    () => ({ profile: person("cy"), credentials: { password: { value: "Tour-Passw0rd" } } }),
    "u3",
  );
  add(
    "createUser provisioned",
    "POST",
    () => "/api/v1/users",
    200,
    () => ({ profile: { ...person("dee"), customAttr: "x" } }),
    "u4",
  );
  add(
    "createUser invalid",
    "POST",
    () => "/api/v1/users",
    400,
    () => ({ profile: { login: "not-an-email" } }),
  );
  add("listUsers", "GET", () => "/api/v1/users", 200);
  add("listUsers page", "GET", () => "/api/v1/users?limit=1", 200);
  add("listUsers q", "GET", () => "/api/v1/users?q=an", 200);
  add(
    "listUsers filter",
    "GET",
    () => `/api/v1/users?filter=${encodeURIComponent('status eq "STAGED"')}`,
    200,
  );
  add(
    "listUsers search",
    "GET",
    () => `/api/v1/users?search=${encodeURIComponent('profile.firstName sw "a" or status eq "ACTIVE"')}`,
    200,
  );
  add(
    "listUsers bad filter",
    "GET",
    () => `/api/v1/users?filter=${encodeURIComponent("nonsense")}`,
    400,
    undefined,
    undefined,
    undefined,
    { undeclared: 400 },
  );
  add("getUser", "GET", () => u("u1"), 200);
  add("getUser by login", "GET", () => "/api/v1/users/bob@example.com", 200);
  add("getUser missing", "GET", () => "/api/v1/users/00unotthere000000000", 404);
  add("updateUser", "POST", () => u("u1"), 200, () => ({ profile: { nickName: "Annie" } }));
  add("replaceUser", "PUT", () => u("u1"), 200, () => ({ profile: person("ann") }));
  add("listUserGroups", "GET", () => `${u("u1")}/groups`, 200);
  // Lifecycle
  add("suspendUser", "POST", () => `${u("u1")}/lifecycle/suspend`, 200);
  add("suspendUser again", "POST", () => `${u("u1")}/lifecycle/suspend`, 400);
  add("unsuspendUser", "POST", () => `${u("u1")}/lifecycle/unsuspend`, 200);
  add("unsuspendUser not suspended", "POST", () => `${u("u1")}/lifecycle/unsuspend`, 400);
  add("activateUser already active", "POST", () => `${u("u1")}/lifecycle/activate`, 403);
  add("unlockUser not locked", "POST", () => `${u("u1")}/lifecycle/unlock`, 403);
  add(
    "unlockUser",
    "POST",
    () => `${u("u1")}/lifecycle/unlock`,
    200,
    undefined,
    undefined,
    () => org.setUserStatus("ann@example.com", "LOCKED_OUT"),
  );
  add("expirePassword", "POST", () => `${u("u1")}/lifecycle/expire_password`, 200);
  add("activateUser", "POST", () => `${u("u2")}/lifecycle/activate?sendEmail=false`, 200);
  add("reactivateUser", "POST", () => `${u("u2")}/lifecycle/reactivate?sendEmail=false`, 200);
  add("reactivateUser wrong status", "POST", () => `${u("u3")}/lifecycle/reactivate`, 403);
  add("deactivateUser", "POST", () => `${u("u3")}/lifecycle/deactivate`, 200);
  add("lifecycle missing user", "POST", () => "/api/v1/users/00unotthere000000000/lifecycle/suspend", 404);
  // Groups
  add(
    "addGroup",
    "POST",
    () => "/api/v1/groups",
    200,
    () => ({ profile: { name: "Tour group", description: "made by the tour" } }),
    "g1",
  );
  add("addGroup duplicate", "POST", () => "/api/v1/groups", 400, () => ({ profile: { name: "Tour group" } }));
  add("listGroups", "GET", () => "/api/v1/groups", 200);
  add("listGroups q+page", "GET", () => "/api/v1/groups?q=T&limit=1", 200);
  add("getGroup", "GET", () => `/api/v1/groups/${ids.g1}`, 200);
  add(
    "control: broken getGroup answer",
    "GET",
    () => `/api/v1/groups/${ids.g1}`,
    500,
    undefined,
    undefined,
    () =>
      org.faults.push({
        match: `/api/v1/groups/${ids.g1}`,
        status: 200,
        body: { id: 42, created: "not a date", type: "NOT_A_TYPE" },
      }),
    { control: true },
  );
  add("getGroup missing", "GET", () => "/api/v1/groups/00gnotthere000000000", 404);
  add(
    "replaceGroup",
    "PUT",
    () => `/api/v1/groups/${ids.g1}`,
    200,
    () => ({ profile: { name: "Tour group 2" } }),
  );
  add("assignUserToGroup", "PUT", () => `/api/v1/groups/${ids.g1}/users/${ids.u1}`, 204);
  add("listGroupUsers", "GET", () => `/api/v1/groups/${ids.g1}/users`, 200);
  add("unassignUserFromGroup", "DELETE", () => `/api/v1/groups/${ids.g1}/users/${ids.u1}`, 204);
  // Applications
  const bookmark = {
    name: "bookmark",
    label: "Tour bookmark",
    signOnMode: "BOOKMARK",
    settings: { app: { url: "https://example.com/docs" } },
  };
  const swa = {
    name: "template_swa",
    label: "Tour SWA",
    signOnMode: "BROWSER_PLUGIN",
    settings: {
      app: { url: "https://example.com/login", usernameField: "#u", passwordField: "#p", buttonField: "#b" },
    },
  };
  const oidc = {
    name: "oidc_client",
    label: "Tour OIDC",
    signOnMode: "OPENID_CONNECT",
    settings: {
      oauthClient: {
        grant_types: ["authorization_code"],
        redirect_uris: ["https://example.com/cb"],
        response_types: ["code"],
        application_type: "web",
      },
    },
    credentials: { oauthClient: { token_endpoint_auth_method: "client_secret_basic" } },
  };
  add("createApplication bookmark", "POST", () => "/api/v1/apps", 200, () => bookmark, "a1");
  add("createApplication swa", "POST", () => "/api/v1/apps", 200, () => swa, "a2");
  add("createApplication oidc", "POST", () => "/api/v1/apps?activate=false", 200, () => oidc, "a3");
  add(
    "createApplication invalid",
    "POST",
    () => "/api/v1/apps",
    400,
    () => ({ ...bookmark, settings: { app: { url: "" } } }),
  );
  add("listApplications", "GET", () => "/api/v1/apps", 200);
  add(
    "listApplications filter",
    "GET",
    () => `/api/v1/apps?filter=${encodeURIComponent('status eq "ACTIVE"')}&limit=1`,
    200,
  );
  add("getApplication", "GET", () => `/api/v1/apps/${ids.a3}`, 200);
  add("getApplication missing", "GET", () => "/api/v1/apps/0oanotthere000000000", 404);
  add(
    "replaceApplication",
    "PUT",
    () => `/api/v1/apps/${ids.a1}`,
    200,
    () => ({ ...bookmark, label: "Renamed bookmark" }),
  );
  add("deactivateApplication", "POST", () => `/api/v1/apps/${ids.a1}/lifecycle/deactivate`, 200);
  add("activateApplication", "POST", () => `/api/v1/apps/${ids.a1}/lifecycle/activate`, 200);
  add("deleteApplication active", "DELETE", () => `/api/v1/apps/${ids.a1}`, 403);
  add("deactivateApplication again", "POST", () => `/api/v1/apps/${ids.a1}/lifecycle/deactivate`, 200);
  add("deleteApplication", "DELETE", () => `/api/v1/apps/${ids.a1}`, 204);
  add(
    "assignUserToApplication",
    "POST",
    () => `/api/v1/apps/${ids.a2}/users`,
    200,
    () => ({ id: ids.u1, scope: "USER", credentials: { userName: "ann" } }),
  );
  add("listApplicationUsers", "GET", () => `/api/v1/apps/${ids.a2}/users`, 200);
  add("getApplicationUser", "GET", () => `/api/v1/apps/${ids.a2}/users/${ids.u1}`, 200);
  add(
    "updateApplicationUser",
    "POST",
    () => `/api/v1/apps/${ids.a2}/users/${ids.u1}`,
    200,
    () => ({ credentials: { userName: "ann2" } }),
    undefined,
    undefined,
    { lenient: true },
  );
  add("unassignUserFromApplication", "DELETE", () => `/api/v1/apps/${ids.a2}/users/${ids.u1}`, 204);
  add("getApplicationUser missing", "GET", () => `/api/v1/apps/${ids.a2}/users/${ids.u1}`, 404);
  add(
    "assignGroupToApplication",
    "PUT",
    () => `/api/v1/apps/${ids.a2}/groups/${ids.g1}`,
    200,
    () => ({ priority: 0 }),
  );
  add("listApplicationGroupAssignments", "GET", () => `/api/v1/apps/${ids.a2}/groups`, 200);
  add("getApplicationGroupAssignment", "GET", () => `/api/v1/apps/${ids.a2}/groups/${ids.g1}`, 200);
  add("listAssignedApplicationsForGroup", "GET", () => `/api/v1/groups/${ids.g1}/apps`, 200);
  add("unassignApplicationFromGroup", "DELETE", () => `/api/v1/apps/${ids.a2}/groups/${ids.g1}`, 204);
  // Factors
  const f = (key: string) => `${u("u1")}/factors/${ids[key]}`;
  add("listSupportedFactors", "GET", () => `${u("u1")}/factors/catalog`, 200);
  add("listSupportedSecurityQuestions", "GET", () => `${u("u1")}/factors/questions`, 200);
  add(
    "enrollFactor sms",
    "POST",
    () => `${u("u1")}/factors`,
    200,
    () => ({ factorType: "sms", provider: "OKTA", profile: { phoneNumber: "+15555550100" } }),
    "f1",
  );
  add(
    "enrollFactor call",
    "POST",
    () => `${u("u1")}/factors`,
    200,
    () => ({ factorType: "call", provider: "OKTA", profile: { phoneNumber: "+15555550101" } }),
    "f2",
  );
  add(
    "enrollFactor totp",
    "POST",
    () => `${u("u1")}/factors`,
    200,
    () => ({ factorType: "token:software:totp", provider: "OKTA" }),
    "f3",
  );
  add(
    "enrollFactor question",
    "POST",
    () => `${u("u1")}/factors`,
    200,
    () => ({
      factorType: "question",
      provider: "OKTA",
      profile: { question: "favorite_toy", answer: "teddy" },
    }),
    "f4",
  );
  add(
    "enrollFactor email",
    "POST",
    () => `${u("u1")}/factors`,
    200,
    () => ({ factorType: "email", provider: "OKTA", profile: { email: "ann@example.com" } }),
    "f5",
  );
  add(
    "enrollFactor invalid",
    "POST",
    () => `${u("u1")}/factors`,
    400,
    () => ({ factorType: "sms", provider: "OKTA", profile: { phoneNumber: "+15555550102" } }),
  );
  add(
    "activateFactor wrong code",
    "POST",
    () => `${f("f1")}/lifecycle/activate`,
    403,
    () => ({ passCode: "not-it" }),
    undefined,
    undefined,
    { lenient: true },
  );
  add(
    "activateFactor sms",
    "POST",
    () => `${f("f1")}/lifecycle/activate`,
    200,
    () => ({ passCode: org.passCodeFor(ids.u1, ids.f1) }),
    undefined,
    undefined,
    { lenient: true },
  );
  add(
    "activateFactor totp",
    "POST",
    () => `${f("f3")}/lifecycle/activate`,
    200,
    () => ({ passCode: org.passCodeFor(ids.u1, ids.f3) }),
    undefined,
    undefined,
    { lenient: true },
  );
  add(
    "verifyFactor sms challenge",
    "POST",
    () => `${f("f1")}/verify`,
    200,
    () => ({}),
    undefined,
    undefined,
    { lenient: true },
  );
  add(
    "verifyFactor sms",
    "POST",
    () => `${f("f1")}/verify`,
    200,
    () => ({ passCode: org.passCodeFor(ids.u1, ids.f1) }),
    undefined,
    undefined,
    { lenient: true },
  );
  add(
    "verifyFactor question",
    "POST",
    () => `${f("f4")}/verify`,
    200,
    () => ({ answer: "teddy" }),
    undefined,
    undefined,
    { lenient: true },
  );
  add(
    "verifyFactor wrong",
    "POST",
    () => `${f("f3")}/verify`,
    403,
    () => ({ passCode: "000000x" }),
    undefined,
    undefined,
    { lenient: true },
  );
  add("listFactors", "GET", () => `${u("u1")}/factors`, 200);
  add("getFactor", "GET", () => f("f2"), 200);
  add("unenrollFactor", "DELETE", () => f("f2"), 204);
  add("getFactor missing", "GET", () => f("f2"), 404);
  // System Log
  add("listLogEvents", "GET", () => "/api/v1/logs", 200);
  add("listLogEvents polling", "GET", () => "/api/v1/logs?since=2025-12-31T00:00:00.000Z&limit=5", 200);
  add(
    "listLogEvents filter",
    "GET",
    () =>
      `/api/v1/logs?filter=${
        encodeURIComponent('eventType eq "user.lifecycle.create"')
      }&sortOrder=DESCENDING`,
    200,
  );
  add("listLogEvents bad since", "GET", () => "/api/v1/logs?since=yesterday", 400);
  // Deletes, rate limit
  add("deleteUser deactivates", "DELETE", () => u("u4"), 204);
  add("deleteUser deletes", "DELETE", () => u("u4"), 204);
  add("deleteUser gone", "DELETE", () => u("u4"), 404);
  add("deleteGroup", "DELETE", () => `/api/v1/groups/${ids.g1}`, 204);
  add(
    "listUsers rate limited",
    "GET",
    () => "/api/v1/users",
    429,
    undefined,
    undefined,
    () => org.rateLimits.set("/api/v1/users", { limit: 0 }),
  );
  return steps;
}
