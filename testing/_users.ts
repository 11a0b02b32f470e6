/**
 * Users: create (with or without credentials, `activate`, `nextLogin`), get by id or login,
 * partial update (POST) and replace (PUT), two-step delete, and listing with `q`, `filter`,
 * `search`, `limit` and `after`.
 *
 * @module
 */
import type { Ctx } from "./_context.ts";
import { boolQuery, isObject, json, noContent, readJson } from "./_context.ts";
import { invalid } from "./_errors.ts";
import type { Route } from "./_router.ts";
import type { UserRecord } from "./_state.ts";
import { nextSeq } from "./_state.ts";
import { addMember } from "./_group_model.ts";
import { listUsers } from "./_user_list.ts";
import {
  checkProfile,
  findUser,
  readCredentials,
  renderUser,
  setStatus,
  storeProfile,
  userTarget,
} from "./_user_model.ts";
import { removeUserEverywhere } from "./_user_lifecycle.ts";

async function createUser(ctx: Ctx): Promise<Response> {
  const body = await readJson(ctx);
  const profile = checkProfile(ctx.state, body.profile);
  const creds = readCredentials(body.credentials);
  const activate = boolQuery(ctx, "activate", true);
  const nextLogin = ctx.url.searchParams.get("nextLogin");
  if (nextLogin !== null && nextLogin !== "changePassword") {
    throw invalid("nextLogin", "nextLogin: must be changePassword");
  }
  if (nextLogin && !activate) throw invalid("nextLogin", "nextLogin: requires activate=true");
  const groupIds = body.groupIds ?? [];
  if (!Array.isArray(groupIds)) throw invalid("groupIds", "groupIds: must be an array of group ids");
  for (const id of groupIds) {
    if (ctx.state.groups.get(String(id))?.type !== "OKTA_GROUP") {
      throw invalid("groupIds", `groupIds: Group ${String(id)} does not exist or cannot have members added`);
    }
  }
  const now = ctx.now;
  const status = !activate
    ? "STAGED"
    : creds.password === undefined
    ? "PROVISIONED"
    : nextLogin
    ? "PASSWORD_EXPIRED"
    : "ACTIVE";
  const user: UserRecord = {
    seq: nextSeq(ctx.state),
    id: ctx.state.ids.id("00u"),
    status,
    profile: {},
    password: creds.password,
    recoveryQuestion: creds.question,
    typeId: ctx.state.userTypeId,
    created: now,
    lastUpdated: now,
    activated: activate ? now : null,
    statusChanged: activate ? now : null,
    passwordChanged: creds.password === undefined ? null : now,
    lastLogin: null,
  };
  ctx.state.users.set(user.id, user);
  storeProfile(ctx.state, user, profile);
  ctx.log("user.lifecycle.create", "Create okta user", [userTarget(user)]);
  if (activate) ctx.log("user.lifecycle.activate", "Activate Okta user", [userTarget(user)]);
  for (const id of groupIds) addMember(ctx, String(id), user);
  return json(renderUser(ctx, user));
}

function getUser(ctx: Ctx): Response {
  return json(renderUser(ctx, findUser(ctx.state, ctx.params.id)));
}

async function updateUser(ctx: Ctx, replace: boolean): Promise<Response> {
  const user = findUser(ctx.state, ctx.params.id);
  const body = await readJson(ctx);
  let profile = user.profile;
  if (replace) {
    profile = checkProfile(ctx.state, body.profile, user.id);
  } else if (body.profile !== undefined) {
    if (!isObject(body.profile)) throw invalid("profile", "profile: must be an object");
    profile = checkProfile(ctx.state, { ...user.profile, ...body.profile }, user.id);
  }
  const creds = readCredentials(body.credentials);
  storeProfile(ctx.state, user, profile);
  user.lastUpdated = ctx.now;
  if (creds.password !== undefined) {
    user.password = creds.password;
    user.passwordChanged = ctx.now;
    ctx.log("user.account.update_password", "Update password for Okta user", [userTarget(user)]);
  }
  if (creds.question !== undefined) user.recoveryQuestion = creds.question;
  ctx.log("user.account.update_profile", "Update user profile for Okta", [userTarget(user)]);
  return json(renderUser(ctx, user));
}

function deleteUser(ctx: Ctx): Response {
  const user = findUser(ctx.state, ctx.params.id);
  if (user.status !== "DEPROVISIONED") {
    // Okta's first DELETE only deactivates; the second one deletes.
    setStatus(user, "DEPROVISIONED", ctx.now);
    ctx.log("user.lifecycle.deactivate", "Deactivate Okta user", [userTarget(user)]);
    return noContent();
  }
  ctx.log("user.lifecycle.delete.initiated", "Delete Okta user", [userTarget(user)]);
  removeUserEverywhere(ctx.state, user.id);
  ctx.log("user.lifecycle.delete.completed", "Delete Okta user completed", [userTarget(user)]);
  return noContent();
}

const READ = ["okta.users.read"];
const MANAGE = ["okta.users.manage"];

/** The user routes. */
export const userRoutes: Route[] = [
  { method: "GET", path: "/api/v1/users", operationId: "listUsers", scopes: READ, handle: listUsers },
  { method: "POST", path: "/api/v1/users", operationId: "createUser", scopes: MANAGE, handle: createUser },
  { method: "GET", path: "/api/v1/users/{id}", operationId: "getUser", scopes: READ, handle: getUser },
  {
    method: "POST",
    path: "/api/v1/users/{id}",
    operationId: "updateUser",
    scopes: MANAGE,
    handle: (ctx) => updateUser(ctx, false),
  },
  {
    method: "PUT",
    path: "/api/v1/users/{id}",
    operationId: "replaceUser",
    scopes: MANAGE,
    handle: (ctx) => updateUser(ctx, true),
  },
  {
    method: "DELETE",
    path: "/api/v1/users/{id}",
    operationId: "deleteUser",
    scopes: MANAGE,
    handle: deleteUser,
  },
];
