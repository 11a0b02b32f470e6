/**
 * Applications: create a SWA (browser plugin) app, list and get apps, assign a user. Runs against the
 * in-memory fake org.
 *
 * Run: `npx deno run -A examples/applications.ts` (or `node examples/applications.ts`).
 *
 * @module
 */
import { Okta } from "../mod.ts";
import { createFakeOrg } from "../testing/mod.ts";

function check(ok: unknown, what: string): asserts ok {
  if (!ok) throw new Error(`applications example: ${what}`);
}
const org = createFakeOrg();
const okta = new Okta({ orgUrl: org.orgUrl, token: org.apiToken, fetch: org.fetch, sources: false });

// A SWA app: Okta's browser plugin fills the form fields named in settings.app.
const swa = await okta.application.createApplication({
  name: "template_swa",
  label: "Legacy Portal",
  signOnMode: "BROWSER_PLUGIN",
  settings: {
    app: {
      url: "https://portal.example.com/login.html",
      loginUrlRegex: "^https://portal\\.example\\.com/login.*$",
      usernameField: "txtbox-username",
      passwordField: "txtbox-password",
      buttonField: "btn-login",
    },
  },
});
console.log(`created ${swa.label} (${swa.id}): ${swa.signOnMode}, ${swa.status}`);
check(swa.signOnMode === "BROWSER_PLUGIN" && swa.status === "ACTIVE", "SWA app created and active");

const apps = await okta.application.listApplications().toArray();
console.log(`apps: ${apps.map((a) => a.label).join(", ")}`);
check(apps.some((a) => a.id === swa.id), "the new app is listed");

const fetched = await okta.application.getApplication(swa.id!);
check(fetched.label === "Legacy Portal", "get returns the app");

const login = "ada@example.com";
const ada = await okta.user.createUser({ profile: { login, email: login, firstName: "Ada", lastName: "L" } });
const assignment = await okta.applicationUsers.assignUserToApplication(swa.id!, {
  id: ada.id!,
  credentials: { userName: login },
});
console.log(`assigned ${assignment.credentials?.userName} to ${fetched.label}: ${assignment.status}`);
const assigned = await okta.applicationUsers.listApplicationUsers(swa.id!).toArray();
check(assigned.length === 1 && assigned[0].id === ada.id, "the user is assigned");
