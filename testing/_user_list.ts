/**
 * Listing users: `q`, `filter` (Okta's narrow dialect), `search` (the broad one), `limit` and
 * `after`.
 *
 * @module
 */
import type { Ctx } from "./_context.ts";
import { compile, type Dialect, evaluate } from "./_filter.ts";
import { pageResponse } from "./_paginate.ts";
import type { UserRecord } from "./_state.ts";
import { renderUser } from "./_user_model.ts";

const TIME = ["eq", "gt", "ge", "lt", "le"] as const;
/** What Okta's `filter` on users accepts (its `search` accepts much more). */
const USER_FILTER: Dialect = {
  attributes: {
    status: ["eq"],
    id: ["eq"],
    lastUpdated: TIME,
    created: TIME,
    "type.id": ["eq"],
    "profile.login": ["eq"],
    "profile.email": ["eq"],
    "profile.firstName": ["eq"],
    "profile.lastName": ["eq"],
  },
  not: false,
};
const USER_SEARCH: Dialect = {
  attributes: { "*": ["eq", "ne", "gt", "ge", "lt", "le", "sw", "co", "ew", "pr"] },
  not: true,
};
const TIMES = new Set([
  "created",
  "lastUpdated",
  "activated",
  "statusChanged",
  "passwordChanged",
  "lastLogin",
]);

/** An attribute of a user as `filter`/`search` see it. */
export function userValue(user: UserRecord, path: string): unknown {
  if (path === "id" || path === "status") return user[path];
  if (TIMES.has(path)) return user[path as "created"];
  if (path === "type.id") return user.typeId;
  if (path.startsWith("profile.")) return user.profile[path.slice(8)];
  return undefined;
}

/** `GET /api/v1/users`. */
export function listUsers(ctx: Ctx): Response {
  const p = ctx.url.searchParams;
  const q = p.get("q")?.toLowerCase();
  const filter = p.get("filter") ? compile(p.get("filter")!, USER_FILTER) : undefined;
  const search = p.get("search") ? compile(p.get("search")!, USER_SEARCH) : undefined;
  const users = [...ctx.state.users.values()].filter((user) => {
    // Without filter or search, Okta leaves deactivated users out.
    if (!filter && !search && user.status === "DEPROVISIONED") return false;
    if (
      q &&
      !["firstName", "lastName", "email"].some((f) =>
        String(user.profile[f] ?? "").toLowerCase().startsWith(q)
      )
    ) {
      return false;
    }
    if (filter && !evaluate(filter, (path) => userValue(user, path))) return false;
    return !search || evaluate(search, (path) => userValue(user, path));
  });
  return pageResponse(ctx, users, { defaultLimit: 200, maxLimit: 200 }, (user) => renderUser(ctx, user));
}
