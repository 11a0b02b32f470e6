/**
 * Applications: create (`activate` query), get, list (`q`, `filter`, `limit`, `after`), replace,
 * delete (only once deactivated, as Okta requires) and activate/deactivate.
 *
 * @module
 */
import { iso } from "./_clock.ts";
import type { Ctx, EventTarget } from "./_context.ts";
import { boolQuery, href, json, noContent, readJson } from "./_context.ts";
import { FakeFailure, notFound } from "./_errors.ts";
import { compile, type Dialect, evaluate } from "./_filter.ts";
import { pageResponse } from "./_paginate.ts";
import type { Route } from "./_router.ts";
import type { AppRecord, Json, OrgState } from "./_state.ts";
import { nextSeq } from "./_state.ts";
import { prepareApp } from "./_app_kinds.ts";

/** Finds an app or throws 404. */
export function findApp(state: OrgState, id: string): AppRecord {
  const app = state.apps.get(id);
  if (!app) throw notFound(`${id} (AppInstance)`);
  return app;
}

/** The System Log target for an app. */
export function appTarget(app: AppRecord): EventTarget {
  const label = String(app.body.label);
  return { id: app.id, type: "AppInstance", alternateId: label, displayName: label };
}

/** Renders an app (shares stored objects: serialize it). */
export function renderApp(ctx: Ctx, app: AppRecord): Json {
  const self = `${ctx.origin}/api/v1/apps/${app.id}`;
  const name = String(app.body.name);
  const toggle = app.status === "ACTIVE" ? "deactivate" : "activate";
  return {
    ...app.body,
    id: app.id,
    status: app.status,
    created: iso(app.created),
    lastUpdated: iso(app.lastUpdated),
    _links: {
      self: href(self),
      appLinks: [{
        name: `${name}_link`,
        href: `${ctx.origin}/home/${name}/${app.id}/link`,
        type: "text/html",
      }],
      users: href(`${self}/users`),
      groups: href(`${self}/groups`),
      [toggle]: href(`${self}/lifecycle/${toggle}`),
    },
  };
}

async function createApplication(ctx: Ctx): Promise<Response> {
  const input = await readJson(ctx);
  const id = ctx.state.ids.id("0oa");
  const body = prepareApp(ctx.state, input, id);
  const now = ctx.now;
  const app: AppRecord = {
    seq: nextSeq(ctx.state),
    id,
    status: boolQuery(ctx, "activate", true) ? "ACTIVE" : "INACTIVE",
    body,
    created: now,
    lastUpdated: now,
  };
  ctx.state.apps.set(id, app);
  ctx.state.appUsers.set(id, new Map());
  ctx.state.appGroups.set(id, new Map());
  ctx.log("application.lifecycle.create", "Add application", [appTarget(app)]);
  if (app.status === "ACTIVE") {
    ctx.log("application.lifecycle.activate", "Activate application", [appTarget(app)]);
  }
  return json(renderApp(ctx, app));
}

async function replaceApplication(ctx: Ctx): Promise<Response> {
  const app = findApp(ctx.state, ctx.params.appId);
  const input = await readJson(ctx);
  app.body = prepareApp(ctx.state, input, app.id, app.body);
  app.lastUpdated = ctx.now;
  ctx.log("application.lifecycle.update", "Update application", [appTarget(app)]);
  return json(renderApp(ctx, app));
}

function deleteApplication(ctx: Ctx): Response {
  const app = findApp(ctx.state, ctx.params.appId);
  if (app.status === "ACTIVE") {
    throw new FakeFailure(403, "E0000056", "Delete application forbidden.", [
      "The application must be deactivated before it can be deleted.",
    ]);
  }
  ctx.state.apps.delete(app.id);
  ctx.state.appUsers.delete(app.id);
  ctx.state.appGroups.delete(app.id);
  ctx.log("application.lifecycle.delete", "Delete application", [appTarget(app)]);
  return noContent();
}

function setAppStatus(ctx: Ctx, status: "ACTIVE" | "INACTIVE"): Response {
  const app = findApp(ctx.state, ctx.params.appId);
  if (app.status !== status) {
    app.status = status;
    app.lastUpdated = ctx.now;
    const verb = status === "ACTIVE" ? "activate" : "deactivate";
    ctx.log(`application.lifecycle.${verb}`, `${verb[0].toUpperCase()}${verb.slice(1)} application`, [
      appTarget(app),
    ]);
  }
  return json({});
}

const APP_FILTER: Dialect = {
  attributes: { status: ["eq"], name: ["eq"], signOnMode: ["eq"], "user.id": ["eq"], "group.id": ["eq"] },
  not: false,
};

function appValue(state: OrgState, app: AppRecord, path: string): unknown {
  if (path === "status") return app.status;
  if (path === "user.id") return [...(state.appUsers.get(app.id)?.keys() ?? [])];
  if (path === "group.id") return [...(state.appGroups.get(app.id)?.keys() ?? [])];
  return app.body[path];
}

function listApplications(ctx: Ctx): Response {
  const p = ctx.url.searchParams;
  const q = p.get("q")?.toLowerCase();
  const filter = p.get("filter") ? compile(p.get("filter")!, APP_FILTER) : undefined;
  const apps = [...ctx.state.apps.values()].filter((app) =>
    (!q || [app.body.label, app.body.name].some((v) => String(v).toLowerCase().startsWith(q))) &&
    (!filter || evaluate(filter, (path) => appValue(ctx.state, app, path)))
  );
  return pageResponse(ctx, apps, { defaultLimit: 20, maxLimit: 200 }, (app) => renderApp(ctx, app));
}

const READ = ["okta.apps.read"];
const MANAGE = ["okta.apps.manage"];
const A = "/api/v1/apps/{appId}";

/** The application routes. */
export const appRoutes: Route[] = [
  {
    method: "GET",
    path: "/api/v1/apps",
    operationId: "listApplications",
    scopes: READ,
    handle: listApplications,
  },
  {
    method: "POST",
    path: "/api/v1/apps",
    operationId: "createApplication",
    scopes: MANAGE,
    handle: createApplication,
  },
  {
    method: "GET",
    path: A,
    operationId: "getApplication",
    scopes: READ,
    handle: (ctx) => json(renderApp(ctx, findApp(ctx.state, ctx.params.appId))),
  },
  { method: "PUT", path: A, operationId: "replaceApplication", scopes: MANAGE, handle: replaceApplication },
  { method: "DELETE", path: A, operationId: "deleteApplication", scopes: MANAGE, handle: deleteApplication },
  {
    method: "POST",
    path: `${A}/lifecycle/activate`,
    operationId: "activateApplication",
    scopes: MANAGE,
    handle: (ctx) => setAppStatus(ctx, "ACTIVE"),
  },
  {
    method: "POST",
    path: `${A}/lifecycle/deactivate`,
    operationId: "deactivateApplication",
    scopes: MANAGE,
    handle: (ctx) => setAppStatus(ctx, "INACTIVE"),
  },
];
