/**
 * Type-level checks of the real-world overlay (`spec/overlay.json`, issue 19 A2-A3), run by `deno check`,
 * never executed. Each call below is one real request shape that did not type-check before the overlay;
 * each `@ts-expect-error` line must be an error, or the check fails.
 */
import type { Models, Okta } from "../../mod.ts";

declare const okta: Okta;

export async function emptyAnswersAreUndefined(): Promise<void> {
  const activated = await okta.logStream.activateLogStream("0oa1");
  // @ts-expect-error the answer may be empty: `undefined` must be handled
  activated.id;
  const deactivated = await okta.logStream.deactivateLogStream("0oa1");
  if (deactivated !== undefined) console.log(deactivated.id);
}

export async function profileMappingPropertiesAreAMap(): Promise<void> {
  const mapping = await okta.profileMapping.updateProfileMapping("prm1", {
    properties: {
      nickName: { expression: "appuser.nickname", pushStatus: "PUSH" },
      fullName: { expression: "user.firstName + user.lastName", pushStatus: "DONT_PUSH" },
    },
  });
  const expression: string | undefined = mapping.properties?.nickName?.expression;
  console.log(expression);
  // @ts-expect-error each mapping is still typed: `pushStatus` is an enum
  await okta.profileMapping.updateProfileMapping("prm1", { properties: { a: { pushStatus: "PUSHED" } } });
}

export async function nullRemovesASchemaAttribute(): Promise<void> {
  await okta.schema.updateUserProfile("default", {
    definitions: { custom: { properties: { twitterUserName: null } } },
  });
  await okta.schema.updateGroupSchema({ definitions: { custom: { properties: { groupContact: null } } } });
}

export async function groupProfilesCarryCustomAttributes(): Promise<void> {
  await okta.group.addGroup({ profile: { name: "West", description: "Coast", costCenter: "CC-1" } });
  const profile: Models.OktaUserGroupProfile = { name: "West", costCenter: "CC-1", budget: 12 };
  console.log(profile.costCenter);
}

export async function createSessionIsTyped(): Promise<void> {
  const session: Models.Session = await okta.session.createSession({ sessionToken: "20111h0ZlxjLvp" });
  console.log(session.id);
  // @ts-expect-error the body is typed
  await okta.session.createSession({ sessionToken: 42 });
}

export async function getGroupTakesExpand(): Promise<void> {
  const group = await okta.group.getGroup("00g1", { expand: "stats" });
  console.log(group._embedded?.stats?.usersCount);
}
