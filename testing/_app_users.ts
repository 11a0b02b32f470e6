/**
 * Users assigned to an app (`/api/v1/apps/{appId}/users`): assign (credentials default to the
 * user's login), read, update, list and unassign.
 *
 * @module
 */
import { iso } from "./_clock.ts";
import type { Ctx } from "./_context.ts";
import { href, isObject, json, noContent, readJson } from "./_context.ts";
import { invalid, notFound } from "./_errors.ts";
import { pageResponse } from "./_paginate.ts";
import type { Route } from "./_router.ts";
import type { AppUserRecord, Json } from "./_state.ts";
import { nextSeq } from "./_state.ts";
import { appTarget, findApp } from "./_apps.ts";
import { findUser, userTarget } from "./_user_model.ts";

function renderAppUser(ctx: Ctx, appId: string, a: AppUserRecord): Json {
  const credentials = a.credentials ? { userName: a.credentials.userName } : undefined;
  if (credentials && isObject(a.credentials?.password)) Object.assign(credentials, { password: {} });
  return {
    id: a.userId,
    created: iso(a.created),
    lastUpdated: iso(a.lastUpdated),
    scope: "USER",
    status: a.status,
    statusChanged: iso(a.statusChanged),
    passwordChanged: null,
    syncState: "DISABLED",
    ...(credentials ? { credentials } : {}),
    profile: a.profile,
    _links: {
      app: href(`${ctx.origin}/api/v1/apps/${appId}`),
      user: href(`${ctx.origin}/api/v1/users/${a.userId}`),
    },
  };
}

function assignment(ctx: Ctx): { appId: string; map: Map<string, AppUserRecord> } {
  const app = findApp(ctx.state, ctx.params.appId);
  return { appId: app.id, map: ctx.state.appUsers.get(app.id)! };
}

async function assignUserToApplication(ctx: Ctx): Promise<Response> {
  const { appId, map } = assignment(ctx);
  const body = await readJson(ctx);
  if (typeof body.id !== "string" || body.id === "") {
    throw invalid("id", "id: The field cannot be left blank");
  }
  const user = findUser(ctx.state, body.id);
  const now = ctx.now;
  const existing = map.get(user.id);
  const creds = isObject(body.credentials) ? body.credentials : {};
  const record: AppUserRecord = existing ?? {
    seq: nextSeq(ctx.state),
    userId: user.id,
    status: "ACTIVE",
    created: now,
    lastUpdated: now,
    statusChanged: now,
    profile: {},
    credentials: { userName: user.profile.login },
  };
  record.credentials = { ...record.credentials, ...creds };
  if (isObject(body.profile)) record.profile = { ...record.profile, ...body.profile };
  record.lastUpdated = now;
  map.set(user.id, record);
  const app = findApp(ctx.state, appId);
  if (!existing) {
    ctx.log("application.user_membership.add", "Add user to application membership", [
      userTarget(user),
      appTarget(app),
    ]);
  }
  return json(renderAppUser(ctx, appId, record));
}

function findAssignment(ctx: Ctx): { appId: string; map: Map<string, AppUserRecord>; record: AppUserRecord } {
  const { appId, map } = assignment(ctx);
  const user = findUser(ctx.state, ctx.params.userId);
  const record = map.get(user.id);
  if (!record) throw notFound(`${ctx.params.userId} (AppUser)`);
  return { appId, map, record };
}

async function updateApplicationUser(ctx: Ctx): Promise<Response> {
  const { appId, record } = findAssignment(ctx);
  const body = await readJson(ctx);
  if (isObject(body.credentials)) record.credentials = { ...record.credentials, ...body.credentials };
  if (isObject(body.profile)) record.profile = { ...record.profile, ...body.profile };
  record.lastUpdated = ctx.now;
  const user = ctx.state.users.get(record.userId)!;
  ctx.log("application.user_membership.update", "Update user in application membership", [
    userTarget(user),
    appTarget(findApp(ctx.state, appId)),
  ]);
  return json(renderAppUser(ctx, appId, record));
}

function unassignUserFromApplication(ctx: Ctx): Response {
  const { appId, map, record } = findAssignment(ctx);
  map.delete(record.userId);
  const user = ctx.state.users.get(record.userId)!;
  ctx.log("application.user_membership.remove", "Remove user from application membership", [
    userTarget(user),
    appTarget(findApp(ctx.state, appId)),
  ]);
  return noContent();
}

function listApplicationUsers(ctx: Ctx): Response {
  const { appId, map } = assignment(ctx);
  const q = ctx.url.searchParams.get("q")?.toLowerCase();
  const rows = [...map.values()].sort((a, b) => a.seq - b.seq).filter((a) => {
    if (!q) return true;
    const p = ctx.state.users.get(a.userId)?.profile ?? {};
    return [a.credentials?.userName, p.firstName, p.lastName, p.email].some((v) =>
      String(v ?? "").toLowerCase().startsWith(q)
    );
  });
  return pageResponse(ctx, rows, { defaultLimit: 50, maxLimit: 500 }, (a) => renderAppUser(ctx, appId, a));
}

const READ = ["okta.apps.read"];
const MANAGE = ["okta.apps.manage"];
const U = "/api/v1/apps/{appId}/users";

/** The app user assignment routes. */
export const appUserRoutes: Route[] = [
  { method: "GET", path: U, operationId: "listApplicationUsers", scopes: READ, handle: listApplicationUsers },
  {
    method: "POST",
    path: U,
    operationId: "assignUserToApplication",
    scopes: MANAGE,
    handle: assignUserToApplication,
  },
  {
    method: "GET",
    path: `${U}/{userId}`,
    operationId: "getApplicationUser",
    scopes: READ,
    handle: (ctx) => json(renderAppUser(ctx, findAssignment(ctx).appId, findAssignment(ctx).record)),
  },
  {
    method: "POST",
    path: `${U}/{userId}`,
    operationId: "updateApplicationUser",
    scopes: MANAGE,
    handle: updateApplicationUser,
  },
  {
    method: "DELETE",
    path: `${U}/{userId}`,
    operationId: "unassignUserFromApplication",
    scopes: MANAGE,
    handle: unassignUserFromApplication,
  },
];
