/**
 * Groups: OKTA_GROUP create/get/list/replace/delete, membership, a user's groups, and the
 * built-in `Everyone` group (every user is in it; it cannot be changed).
 *
 * @module
 */
import type { Ctx } from "./_context.ts";
import { isObject, json, noContent, readJson } from "./_context.ts";
import { invalid } from "./_errors.ts";
import { compile, type Dialect, evaluate } from "./_filter.ts";
import { linkHeaders, pageResponse } from "./_paginate.ts";
import type { Route } from "./_router.ts";
import type { GroupRecord, Json, OrgState } from "./_state.ts";
import { nextSeq } from "./_state.ts";
import { findUser, renderUser, userTarget } from "./_user_model.ts";
import { addMember, findGroup, groupTarget, memberIds, renderGroup, writable } from "./_group_model.ts";

function checkGroupProfile(state: OrgState, profile: unknown, selfId?: string): Json {
  if (!isObject(profile) || typeof profile.name !== "string" || profile.name.trim() === "") {
    throw invalid("name", "name: The field cannot be left blank");
  }
  for (const g of state.groups.values()) {
    if (g.id !== selfId && String(g.profile.name).toLowerCase() === profile.name.toLowerCase()) {
      throw invalid("name", "name: An object with this field already exists in the current organization");
    }
  }
  return structuredClone(profile);
}

async function addGroup(ctx: Ctx): Promise<Response> {
  const body = await readJson(ctx);
  const profile = checkGroupProfile(ctx.state, body.profile);
  const now = ctx.now;
  const group: GroupRecord = {
    seq: nextSeq(ctx.state),
    id: ctx.state.ids.id("00g"),
    type: "OKTA_GROUP",
    profile,
    created: now,
    lastUpdated: now,
    lastMembershipUpdated: now,
  };
  ctx.state.groups.set(group.id, group);
  ctx.log("group.lifecycle.create", "Create Okta group", [groupTarget(group)]);
  return json(renderGroup(ctx, group));
}

async function replaceGroup(ctx: Ctx): Promise<Response> {
  const group = writable(findGroup(ctx.state, ctx.params.groupId));
  const body = await readJson(ctx);
  group.profile = checkGroupProfile(ctx.state, body.profile, group.id);
  group.lastUpdated = ctx.now;
  ctx.log("group.profile.update", "Update group profile", [groupTarget(group)]);
  return json(renderGroup(ctx, group));
}

function deleteGroup(ctx: Ctx): Response {
  const group = writable(findGroup(ctx.state, ctx.params.groupId));
  ctx.state.groups.delete(group.id);
  ctx.state.members.delete(group.id);
  for (const assigned of ctx.state.appGroups.values()) assigned.delete(group.id);
  ctx.log("group.lifecycle.delete", "Delete Okta group", [groupTarget(group)]);
  return noContent();
}

const TIME = ["eq", "gt", "ge", "lt", "le"] as const;
const GROUP_FILTER: Dialect = {
  attributes: { id: ["eq"], type: ["eq"], lastUpdated: TIME, lastMembershipUpdated: TIME, created: TIME },
  not: false,
};
const GROUP_SEARCH: Dialect = {
  attributes: { "*": ["eq", "ne", "sw", "co", "gt", "ge", "lt", "le", "pr"] },
  not: true,
};

function groupValue(group: GroupRecord, path: string): unknown {
  if (path === "id" || path === "type") return group[path];
  if (path === "created" || path === "lastUpdated" || path === "lastMembershipUpdated") return group[path];
  if (path.startsWith("profile.")) return group.profile[path.slice(8)];
  return undefined;
}

function listGroups(ctx: Ctx): Response {
  const p = ctx.url.searchParams;
  const q = p.get("q")?.toLowerCase();
  const filter = p.get("filter") ? compile(p.get("filter")!, GROUP_FILTER) : undefined;
  const search = p.get("search") ? compile(p.get("search")!, GROUP_SEARCH) : undefined;
  const groups = [...ctx.state.groups.values()].filter((g) =>
    (!q || String(g.profile.name).toLowerCase().startsWith(q)) &&
    (!filter || evaluate(filter, (path) => groupValue(g, path))) &&
    (!search || evaluate(search, (path) => groupValue(g, path)))
  );
  return pageResponse(ctx, groups, { defaultLimit: 10000, maxLimit: 10000 }, (g) => renderGroup(ctx, g));
}

function listGroupUsers(ctx: Ctx): Response {
  const group = findGroup(ctx.state, ctx.params.groupId);
  const users = memberIds(ctx.state, group).map((id) => ctx.state.users.get(id)!);
  return pageResponse(ctx, users, { defaultLimit: 1000, maxLimit: 1000 }, (u) => renderUser(ctx, u));
}

function assignUserToGroup(ctx: Ctx): Response {
  const group = writable(findGroup(ctx.state, ctx.params.groupId));
  addMember(ctx, group.id, findUser(ctx.state, ctx.params.userId));
  return noContent();
}

function unassignUserFromGroup(ctx: Ctx): Response {
  const group = writable(findGroup(ctx.state, ctx.params.groupId));
  const user = findUser(ctx.state, ctx.params.userId);
  if (ctx.state.members.get(group.id)?.delete(user.id)) {
    group.lastMembershipUpdated = ctx.now;
    ctx.log("group.user_membership.remove", "Remove user from group membership", [
      userTarget(user),
      groupTarget(group),
    ]);
  }
  return noContent();
}

function listUserGroups(ctx: Ctx): Response {
  const user = findUser(ctx.state, ctx.params.id);
  const groups = [...ctx.state.groups.values()].filter((g) => memberIds(ctx.state, g).includes(user.id));
  const response = json(groups.map((g) => renderGroup(ctx, g)));
  linkHeaders(ctx, response.headers, undefined);
  return response;
}

const READ = ["okta.groups.read"];
const MANAGE = ["okta.groups.manage"];
const G = "/api/v1/groups/{groupId}";

/** The group routes. */
export const groupRoutes: Route[] = [
  { method: "GET", path: "/api/v1/groups", operationId: "listGroups", scopes: READ, handle: listGroups },
  { method: "POST", path: "/api/v1/groups", operationId: "addGroup", scopes: MANAGE, handle: addGroup },
  {
    method: "GET",
    path: G,
    operationId: "getGroup",
    scopes: READ,
    handle: (ctx) => json(renderGroup(ctx, findGroup(ctx.state, ctx.params.groupId))),
  },
  { method: "PUT", path: G, operationId: "replaceGroup", scopes: MANAGE, handle: replaceGroup },
  { method: "DELETE", path: G, operationId: "deleteGroup", scopes: MANAGE, handle: deleteGroup },
  { method: "GET", path: `${G}/users`, operationId: "listGroupUsers", scopes: READ, handle: listGroupUsers },
  {
    method: "PUT",
    path: `${G}/users/{userId}`,
    operationId: "assignUserToGroup",
    scopes: MANAGE,
    handle: assignUserToGroup,
  },
  {
    method: "DELETE",
    path: `${G}/users/{userId}`,
    operationId: "unassignUserFromGroup",
    scopes: MANAGE,
    handle: unassignUserFromGroup,
  },
  {
    method: "GET",
    path: "/api/v1/users/{id}/groups",
    operationId: "listUserGroups",
    scopes: ["okta.users.read"],
    handle: listUserGroups,
  },
];
