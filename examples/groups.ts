/**
 * Groups: create groups, add members, list members (and find groups by name). Runs against the
 * in-memory fake org.
 *
 * Run: `npx deno run -A examples/groups.ts` (or `node examples/groups.ts`, `bun examples/groups.ts`).
 *
 * @module
 */
import { Okta } from "../mod.ts";
import { createFakeOrg } from "../testing/mod.ts";

function check(ok: unknown, what: string): asserts ok {
  if (!ok) throw new Error(`groups example: ${what}`);
}
const org = createFakeOrg();
const okta = new Okta({ orgUrl: org.orgUrl, token: org.apiToken, fetch: org.fetch, sources: false });

const engineering = await okta.group.addGroup({ profile: { name: "Engineering", description: "Builders" } });
const design = await okta.group.addGroup({ profile: { name: "Design" } });
console.log(`created groups ${engineering.profile?.name} (${engineering.id}) and ${design.profile?.name}`);

const ids: string[] = [];
for (const name of ["ada", "grace", "linus"]) {
  const login = `${name}@example.com`;
  const user = await okta.user.createUser({
    profile: { login, email: login, firstName: name, lastName: "X" },
  });
  ids.push(user.id!);
  await okta.group.assignUserToGroup(engineering.id!, user.id!);
}
await okta.group.assignUserToGroup(design.id!, ids[0]);

const members = await okta.group.listGroupUsers(engineering.id!).toArray();
console.log(`${engineering.profile?.name}: ${members.map((u) => u.profile?.login).join(", ")}`);
check(members.length === 3 && ids.every((id) => members.some((m) => m.id === id)), "all three are members");

const designers = await okta.group.listGroupUsers(design.id!).toArray();
console.log(`${design.profile?.name}: ${designers.map((u) => u.profile?.login).join(", ")}`);
check(designers.length === 1 && designers[0].id === ids[0], "design has one member");

await okta.group.unassignUserFromGroup(engineering.id!, ids[2]);
const after = await okta.group.listGroupUsers(engineering.id!).toArray();
console.log(`after removing linus: ${after.length} members`);
check(after.length === 2, "unassign removes the member");

const named = await okta.group.listGroups({ q: "Eng" }).toArray();
console.log(`groups matching "Eng": ${named.map((g) => g.profile?.name).join(", ")}`);
check(named.some((g) => g.id === engineering.id), "q finds the group by name prefix");
