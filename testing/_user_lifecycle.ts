/**
 * User lifecycle operations with Okta's status rules: which statuses each operation accepts and
 * the error Okta answers otherwise.
 *
 * @module
 */
import type { Ctx } from "./_context.ts";
import { boolQuery, json } from "./_context.ts";
import { FakeFailure, invalid, wrongStatus } from "./_errors.ts";
import type { Route } from "./_router.ts";
import type { OrgState, UserRecord } from "./_state.ts";
import { findUser, renderUser, setStatus, userTarget } from "./_user_model.ts";

/** Removes a deleted user from groups, app assignments and factors. */
export function removeUserEverywhere(state: OrgState, userId: string): void {
  const user = state.users.get(userId);
  if (user) state.logins.delete(String(user.profile.login).toLowerCase());
  state.users.delete(userId);
  for (const members of state.members.values()) members.delete(userId);
  for (const assigned of state.appUsers.values()) assigned.delete(userId);
  state.factors.delete(userId);
}

function activationToken(ctx: Ctx): Response {
  if (boolQuery(ctx, "sendEmail", true)) return json({});
  const token = ctx.state.ids.chars(20);
  return json({ activationToken: token, activationUrl: `${ctx.origin}/welcome/${token}` });
}

type Step = (ctx: Ctx, user: UserRecord) => Response;

const steps: Record<string, { operationId: string; run: Step }> = {
  activate: {
    operationId: "activateUser",
    run(ctx, user) {
      if (user.status !== "STAGED" && user.status !== "DEPROVISIONED") {
        throw new FakeFailure(403, "E0000016", "Activation failed because the user is already active");
      }
      setStatus(user, user.password === undefined ? "PROVISIONED" : "ACTIVE", ctx.now);
      user.activated = ctx.now;
      ctx.log("user.lifecycle.activate", "Activate Okta user", [userTarget(user)]);
      return activationToken(ctx);
    },
  },
  reactivate: {
    operationId: "reactivateUser",
    run(ctx, user) {
      if (user.status !== "PROVISIONED") throw wrongStatus();
      user.lastUpdated = ctx.now;
      ctx.log("user.lifecycle.reactivate", "Reactivate Okta user", [userTarget(user)]);
      return activationToken(ctx);
    },
  },
  deactivate: {
    operationId: "deactivateUser",
    run(ctx, user) {
      if (user.status !== "DEPROVISIONED") {
        setStatus(user, "DEPROVISIONED", ctx.now);
        ctx.log("user.lifecycle.deactivate", "Deactivate Okta user", [userTarget(user)]);
      }
      return json({});
    },
  },
  suspend: {
    operationId: "suspendUser",
    run(ctx, user) {
      if (user.status !== "ACTIVE") throw invalid("status", "Cannot suspend a user that is not active");
      setStatus(user, "SUSPENDED", ctx.now);
      ctx.log("user.lifecycle.suspend", "Suspend Okta user", [userTarget(user)]);
      return json({});
    },
  },
  unsuspend: {
    operationId: "unsuspendUser",
    run(ctx, user) {
      if (user.status !== "SUSPENDED") {
        throw invalid("status", "Cannot unsuspend a user that is not suspended");
      }
      setStatus(user, "ACTIVE", ctx.now);
      ctx.log("user.lifecycle.unsuspend", "Unsuspend Okta user", [userTarget(user)]);
      return json({});
    },
  },
  unlock: {
    operationId: "unlockUser",
    run(ctx, user) {
      if (user.status !== "LOCKED_OUT") {
        throw new FakeFailure(403, "E0000032", "Unlock is not allowed for this user.");
      }
      setStatus(user, "ACTIVE", ctx.now);
      ctx.log("user.account.unlock", "Unlock user account", [userTarget(user)]);
      return json({});
    },
  },
  expire_password: {
    operationId: "expirePassword",
    run(ctx, user) {
      if (user.status !== "ACTIVE" && user.status !== "PASSWORD_EXPIRED") throw wrongStatus();
      setStatus(user, "PASSWORD_EXPIRED", ctx.now);
      ctx.log("user.account.expire_password", "Expire user password", [userTarget(user)]);
      return json(renderUser(ctx, user));
    },
  },
};

/** The lifecycle routes. */
export const lifecycleRoutes: Route[] = Object.entries(steps).map(([name, step]) => ({
  method: "POST",
  path: `/api/v1/users/{id}/lifecycle/${name}`,
  operationId: step.operationId,
  scopes: ["okta.users.manage"],
  handle: (ctx: Ctx) => step.run(ctx, findUser(ctx.state, ctx.params.id)),
}));
