/**
 * Groups as Okta shows them, membership, and the built-in `Everyone` group (every user is in it;
 * it cannot be changed).
 *
 * @module
 */
import { iso } from "./_clock.ts";
import type { Ctx, EventTarget } from "./_context.ts";
import { href } from "./_context.ts";
import { FakeFailure, notFound } from "./_errors.ts";
import type { GroupRecord, Json, OrgState, UserRecord } from "./_state.ts";
import { userTarget } from "./_user_model.ts";

/** Finds a group or throws 404. */
export function findGroup(state: OrgState, id: string): GroupRecord {
  const group = state.groups.get(id);
  if (!group) throw notFound(`${id} (UserGroup)`);
  return group;
}

/** The System Log target for a group. */
export function groupTarget(group: GroupRecord): EventTarget {
  const name = String(group.profile.name);
  return { id: group.id, type: "UserGroup", alternateId: name, displayName: name };
}

/** Renders a group (shares stored objects: serialize it). */
export function renderGroup(ctx: Ctx, group: GroupRecord): Json {
  const self = `${ctx.origin}/api/v1/groups/${group.id}`;
  return {
    id: group.id,
    created: iso(group.created),
    lastUpdated: iso(group.lastUpdated),
    lastMembershipUpdated: iso(group.lastMembershipUpdated),
    objectClass: ["okta:user_group"],
    type: group.type,
    profile: group.profile,
    _links: { self: href(self), users: href(`${self}/users`), apps: href(`${self}/apps`) },
  };
}

/** The member ids of a group, in user creation order. */
export function memberIds(state: OrgState, group: GroupRecord): string[] {
  if (group.type === "BUILT_IN") return [...state.users.keys()];
  const set = state.members.get(group.id) ?? new Set();
  return [...state.users.keys()].filter((id) => set.has(id));
}

/** The group if it may be changed (OKTA_GROUP), else 403 E0000006. */
export function writable(group: GroupRecord): GroupRecord {
  if (group.type !== "OKTA_GROUP") {
    throw new FakeFailure(403, "E0000006", "You do not have permission to perform the requested action");
  }
  return group;
}

/** Adds a member (no-op when already one), logging `group.user_membership.add`. */
export function addMember(ctx: Ctx, groupId: string, user: UserRecord): void {
  const group = writable(findGroup(ctx.state, groupId));
  const set = ctx.state.members.get(group.id) ?? new Set<string>();
  ctx.state.members.set(group.id, set);
  if (set.has(user.id)) return;
  set.add(user.id);
  group.lastMembershipUpdated = ctx.now;
  ctx.log("group.user_membership.add", "Add user to group membership", [
    userTarget(user),
    groupTarget(group),
  ]);
}
