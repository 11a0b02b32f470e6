/**
 * The demo: a user's everyday work with oktakit. Without configuration it runs against the in-memory fake
 * org (no account, no network): creates users and a group, adds members, pages through users, assigns an
 * app, rides out a 429, handles an Okta error, and reads the System Log. With `OKTA_CLIENT_ORGURL` and a
 * token (or a private key) in the environment it runs the read-only part against that real org.
 *
 * Run: `npm run demo` (or `npx deno run -A examples/quickstart.ts`, `bun examples/quickstart.ts`).
 *
 * @module
 */
import { Okta, OktaApiError } from "../mod.ts";
import { createFakeOrg } from "../testing/mod.ts";

const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const real = Boolean(env.OKTA_CLIENT_ORGURL ?? env.OKTA_CLIENT_ORG_URL);

if (real) {
  // Read-only against your org: configuration from the environment and okta.yaml files.
  const okta = new Okta();
  await okta.ready();
  console.log("Reading from your org (nothing is changed).");
  const users = await okta.user.listUsers({ limit: 5 }).toArray({ max: 5 });
  for (const user of users) console.log(`  user  ${user.profile?.login} (${user.status})`);
  const groups = await okta.group.listGroups({ limit: 5 }).toArray({ max: 5 });
  for (const group of groups) console.log(`  group ${group.profile?.name}`);
  const events = await okta.systemLog.listLogEvents({ limit: 3 }).toArray({ max: 3 });
  for (const event of events) console.log(`  log   ${event.published} ${event.eventType}`);
} else {
  const org = createFakeOrg();
  const okta = new Okta({
    orgUrl: org.orgUrl,
    token: org.apiToken,
    fetch: org.fetch,
    sources: false,
    logging: { enabled: true, logLevel: "WARN" },
  });
  console.log(`Fake org at ${org.orgUrl} (in memory; set OKTA_CLIENT_ORGURL to use a real org)\n`);

  // 1. Create users: one active with a password, others staged for later activation.
  const ada = await okta.user.createUser({
    profile: { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", login: "ada@example.com" },
    credentials: { password: { value: "Analytical-Engine-1843" } },
  }, { activate: true });
  console.log(`created ${ada.profile?.login}: ${ada.status}`);
  for (let i = 1; i <= 24; i++) {
    const login = `engineer${i}@example.com`;
    await okta.user.createUser({ profile: { firstName: "Eng", lastName: `${i}`, email: login, login } }, {
      activate: false,
    });
  }
  console.log("created 24 staged engineers");

  // 2. A group, and members.
  const group = await okta.group.addGroup({ profile: { name: "Engineering", description: "Builders" } });
  await okta.group.assignUserToGroup(group.id!, ada.id!);
  for await (const user of okta.user.listUsers({ search: 'profile.login sw "engineer1"' })) {
    await okta.group.assignUserToGroup(group.id!, user.id!);
  }
  const members = await okta.group.listGroupUsers(group.id!).toArray();
  console.log(`group ${group.profile?.name} has ${members.length} members`);

  // 3. Page through users with the async generator, 10 at a time.
  let pages = 0, count = 0;
  for await (const page of okta.user.listUsers({ limit: 10 }).pages()) {
    pages++;
    count += page.items.length;
  }
  console.log(`listed ${count} users in ${pages} pages of up to 10`);

  // 4. Assign an app (a bookmark app) to Ada.
  const app = await okta.application.createApplication({
    name: "bookmark",
    label: "Team Wiki",
    signOnMode: "BOOKMARK",
    settings: { app: { requestIntegration: false, url: "https://wiki.example.com" } },
  });
  await okta.applicationUsers.assignUserToApplication(app.id!, { id: ada.id! });
  console.log(`assigned ${app.label} to ${ada.profile?.login}`);

  // 5. A rate limit: the next call gets a 429 (its window resets at once, by the org's clock, which the
  // client reads from the Date header); the client waits until the reset plus a second, then retries.
  org.faults.push({ match: "GET /api/v1/users/*", status: 429, times: 1 });
  const started = Date.now();
  const again = await okta.user.getUser(ada.id!);
  console.log(`rode out a 429 in ${Date.now() - started} ms and got ${again.profile?.login}`);

  // 6. An Okta error, typed.
  try {
    await okta.user.getUser("nobody@example.com");
  } catch (error) {
    if (!(error instanceof OktaApiError)) throw error;
    console.log(`Okta said ${error.status} ${error.errorCode}: ${error.errorSummary}`);
  }

  // 7. The System Log.
  const events = await okta.systemLog.listLogEvents({ since: "2000-01-01T00:00:00Z", limit: 100 }).toArray({
    max: 5,
  });
  for (const event of events) console.log(`log: ${event.eventType} ${event.target?.[0]?.alternateId ?? ""}`);
}
