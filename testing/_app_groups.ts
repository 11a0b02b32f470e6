/**
 * Groups assigned to an app (`/api/v1/apps/{appId}/groups/{groupId}`), and the apps assigned to a
 * group.
 *
 * @module
 */
import { iso } from "./_clock.ts";
import type { Ctx } from "./_context.ts";
import { href, isObject, json, noContent, readJson } from "./_context.ts";
import { invalid, notFound } from "./_errors.ts";
import { pageResponse } from "./_paginate.ts";
import type { Route } from "./_router.ts";
import type { AppGroupRecord, Json } from "./_state.ts";
import { nextSeq } from "./_state.ts";
import { appTarget, findApp, renderApp } from "./_apps.ts";
import { findGroup, groupTarget } from "./_group_model.ts";

function renderAppGroup(ctx: Ctx, appId: string, a: AppGroupRecord): Json {
  return {
    id: a.groupId,
    lastUpdated: iso(a.lastUpdated),
    priority: a.priority,
    profile: a.profile,
    _links: {
      self: href(`${ctx.origin}/api/v1/apps/${appId}/groups/${a.groupId}`),
      app: href(`${ctx.origin}/api/v1/apps/${appId}`),
      group: href(`${ctx.origin}/api/v1/groups/${a.groupId}`),
    },
  };
}

async function assignGroupToApplication(ctx: Ctx): Promise<Response> {
  const app = findApp(ctx.state, ctx.params.appId);
  const group = findGroup(ctx.state, ctx.params.groupId);
  const body = await readJson(ctx);
  const map = ctx.state.appGroups.get(app.id)!;
  const existing = map.get(group.id);
  if (body.priority !== undefined && (!Number.isInteger(body.priority) || (body.priority as number) < 0)) {
    throw invalid("priority", "priority: must be a non-negative integer");
  }
  const record: AppGroupRecord = existing ?? {
    seq: nextSeq(ctx.state),
    groupId: group.id,
    priority: map.size,
    profile: {},
    created: ctx.now,
    lastUpdated: ctx.now,
  };
  if (body.priority !== undefined) record.priority = body.priority as number;
  if (isObject(body.profile)) record.profile = structuredClone(body.profile);
  record.lastUpdated = ctx.now;
  map.set(group.id, record);
  if (!existing) {
    ctx.log("group.application_assignment.add", "Add assigned application to group", [
      groupTarget(group),
      appTarget(app),
    ]);
  }
  return json(renderAppGroup(ctx, app.id, record));
}

function groupAssignment(ctx: Ctx) {
  const app = findApp(ctx.state, ctx.params.appId);
  const map = ctx.state.appGroups.get(app.id)!;
  const record = map.get(ctx.params.groupId);
  if (!record) throw notFound(`${ctx.params.groupId} (ApplicationGroupAssignment)`);
  return { app, map, record };
}

function unassignApplicationFromGroup(ctx: Ctx): Response {
  const { app, map, record } = groupAssignment(ctx);
  map.delete(record.groupId);
  const group = ctx.state.groups.get(record.groupId);
  if (group) {
    ctx.log("group.application_assignment.remove", "Remove assigned application from group", [
      groupTarget(group),
      appTarget(app),
    ]);
  }
  return noContent();
}

function listApplicationGroupAssignments(ctx: Ctx): Response {
  const app = findApp(ctx.state, ctx.params.appId);
  const q = ctx.url.searchParams.get("q")?.toLowerCase();
  const rows = [...ctx.state.appGroups.get(app.id)!.values()].sort((a, b) => a.seq - b.seq)
    .filter((a) =>
      !q || String(ctx.state.groups.get(a.groupId)?.profile.name ?? "").toLowerCase().startsWith(q)
    );
  return pageResponse(ctx, rows, { defaultLimit: 20, maxLimit: 200 }, (a) => renderAppGroup(ctx, app.id, a));
}

function listAssignedApplicationsForGroup(ctx: Ctx): Response {
  const group = findGroup(ctx.state, ctx.params.groupId);
  const apps = [...ctx.state.apps.values()].filter((app) => ctx.state.appGroups.get(app.id)?.has(group.id));
  return pageResponse(ctx, apps, { defaultLimit: 20, maxLimit: 200 }, (app) => renderApp(ctx, app));
}

const READ = ["okta.apps.read"];
const MANAGE = ["okta.apps.manage"];
const G = "/api/v1/apps/{appId}/groups";

/** The app group assignment routes. */
export const appGroupRoutes: Route[] = [
  {
    method: "GET",
    path: G,
    operationId: "listApplicationGroupAssignments",
    scopes: READ,
    handle: listApplicationGroupAssignments,
  },
  {
    method: "GET",
    path: `${G}/{groupId}`,
    operationId: "getApplicationGroupAssignment",
    scopes: READ,
    handle: (ctx) => json(renderAppGroup(ctx, ctx.params.appId, groupAssignment(ctx).record)),
  },
  {
    method: "PUT",
    path: `${G}/{groupId}`,
    operationId: "assignGroupToApplication",
    scopes: MANAGE,
    handle: assignGroupToApplication,
  },
  {
    method: "DELETE",
    path: `${G}/{groupId}`,
    operationId: "unassignApplicationFromGroup",
    scopes: MANAGE,
    handle: unassignApplicationFromGroup,
  },
  {
    method: "GET",
    path: "/api/v1/groups/{groupId}/apps",
    operationId: "listAssignedApplicationsForGroup",
    scopes: ["okta.groups.read"],
    handle: listAssignedApplicationsForGroup,
  },
];
