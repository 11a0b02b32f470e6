/**
 * Users: get by id and by login; list, filter and search; create active, staged and with a forced
 * password change; update a profile field; deactivate and delete; list a user's groups; and a custom
 * profile type for your own attributes. Runs against the in-memory fake org.
 *
 * Run: `npx deno run -A examples/users.ts` (or `node examples/users.ts`, `bun examples/users.ts`).
 *
 * @module
 */
import { type Models, Okta, OktaApiError } from "../mod.ts";
import { createFakeOrg } from "../testing/mod.ts";

function check(ok: unknown, what: string): asserts ok {
  if (!ok) throw new Error(`users example: ${what}`);
}
const org = createFakeOrg();
const okta = new Okta({ orgUrl: org.orgUrl, token: org.apiToken, fetch: org.fetch, sources: false });
const profile = (login: string, lastName: string) => ({ login, email: login, firstName: "Ann", lastName });

const ada = await okta.user.createUser({
  profile: profile("ada@example.com", "Lovelace"),
  credentials: { password: { value: "Analytical-Engine-1843" } },
}, { activate: true });
const staged = await okta.user.createUser({ profile: profile("sam@example.com", "Staged") }, {
  activate: false,
});
const temp = await okta.user.createUser({
  profile: profile("tia@example.com", "Temp"),
  credentials: { password: { value: "Temporary-Pass-0001" } },
}, { activate: true, nextLogin: "changePassword" });
console.log(`created: ${ada.status}, ${staged.status}, ${temp.status}`);
check(
  ada.status === "ACTIVE" && staged.status === "STAGED" && temp.status === "PASSWORD_EXPIRED",
  "statuses",
);

const byId = await okta.user.getUser(ada.id!);
const byLogin = await okta.user.getUser("ada@example.com");
check(byId.id === byLogin.id, "get by id and by login find the same user");

const all = await okta.user.listUsers().toArray();
const active = await okta.user.listUsers({ filter: 'status eq "ACTIVE"' }).toArray();
const found = await okta.user.listUsers({ search: 'profile.lastName eq "Lovelace"' }).toArray();
console.log(`listed ${all.length}, ACTIVE ${active.length}, lastName Lovelace ${found.length}`);
check(all.length === 3 && active.length === 1 && found[0]?.id === ada.id, "list, filter and search");

const updated = await okta.user.updateUser<Models.UserProfile>(ada.id!, {
  profile: { nickName: "Countess" },
});
console.log(`updated nickName: ${updated.profile?.nickName}`);
check(updated.profile?.nickName === "Countess" && updated.profile?.lastName === "Lovelace", "partial update");

const group = await okta.group.addGroup({ profile: { name: "Mathematicians" } });
await okta.group.assignUserToGroup(group.id!, ada.id!);
const groups = await okta.userResources.listUserGroups(ada.id!).toArray();
console.log(`ada's groups: ${groups.map((g) => g.profile?.name).join(", ")}`);
check(groups.some((g) => g.id === group.id), "listUserGroups includes the new group");

await okta.userLifecycle.deactivateUser(staged.id!);
await okta.user.deleteUser(staged.id!);
const gone = await okta.user.getUser(staged.id!).catch((error) => error);
check(gone instanceof OktaApiError && gone.status === 404, "deleted user answers 404");
console.log(`deactivated and deleted ${staged.profile?.login}: ${gone.errorCode}`);

// Your own profile attributes: pass the profile type, and it flows through create, get and list.
interface MyProfile {
  login: string;
  email: string;
  firstName: string;
  lastName: string;
  costCenter: string;
}
await okta.user.createUser<MyProfile>({
  profile: { ...profile("cc@example.com", "Cost"), costCenter: "CC-42" },
});
const mine = await okta.user.getUser<MyProfile>("cc@example.com");
const costCenters = (await okta.user.listUsers<MyProfile>().toArray()).map((u) => u.profile?.costCenter);
console.log(`custom attribute: ${mine.profile?.costCenter}; all: ${costCenters.filter(Boolean).join(", ")}`);
check(mine.profile?.costCenter === "CC-42", "custom profile attribute round-trips");
