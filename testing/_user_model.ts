/**
 * Users as Okta shows them, and the checks Okta applies to profiles and passwords.
 *
 * @module
 */
import { iso } from "./_clock.ts";
import type { Ctx, EventTarget } from "./_context.ts";
import { href, isObject } from "./_context.ts";
import { invalid, notFound } from "./_errors.ts";
import type { Json, OrgState, UserRecord } from "./_state.ts";

/** Finds a user by id, or by login (case-insensitive) as Okta allows; throws 404. */
export function findUser(state: OrgState, idOrLogin: string): UserRecord {
  const byId = state.users.get(idOrLogin);
  if (byId) return byId;
  const byLogin = state.users.get(state.logins.get(idOrLogin.toLowerCase()) ?? "");
  if (byLogin) return byLogin;
  throw notFound(`${idOrLogin} (User)`);
}

/** The System Log target for a user. */
export function userTarget(user: UserRecord): EventTarget {
  const name = [user.profile.firstName, user.profile.lastName].filter(Boolean).join(" ");
  return { id: user.id, type: "User", alternateId: String(user.profile.login), displayName: name };
}

/** Checks a full profile (create and replace): required fields, formats, unique login. */
export function checkProfile(state: OrgState, profile: unknown, selfId?: string): Json {
  if (!isObject(profile)) throw invalid("profile", "profile: The field cannot be left blank");
  const causes: string[] = [];
  for (const field of ["login", "email", "firstName", "lastName"]) {
    const value = profile[field];
    if (typeof value !== "string" || value.trim() === "") {
      causes.push(`${field}: The field cannot be left blank`);
    }
  }
  const { login, email } = profile;
  if (typeof login === "string" && login && !/^[^@\s]+@[^@\s]+$/.test(login)) {
    causes.push("login: Username must be in the form of an email address");
  }
  if (typeof email === "string" && email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
    causes.push("email: Does not match required pattern");
  }
  if (typeof login === "string" && loginTaken(state, login, selfId)) {
    causes.push("login: An object with this field already exists in the current organization");
  }
  if (causes.length) throw invalid(causes[0].split(":")[0], ...causes);
  return profile;
}

function loginTaken(state: OrgState, login: string, selfId?: string): boolean {
  const owner = state.logins.get(login.toLowerCase());
  return owner !== undefined && owner !== selfId;
}

/** Stores a user's profile, keeping the login index current. */
export function storeProfile(state: OrgState, user: UserRecord, profile: Json): void {
  state.logins.delete(String(user.profile.login ?? "").toLowerCase());
  user.profile = structuredClone(profile);
  state.logins.set(String(profile.login).toLowerCase(), user.id);
}

/** Reads `credentials` of a create/update body: password (8+ characters) and recovery question. */
export function readCredentials(credentials: unknown): { password?: string; question?: string } {
  if (credentials === undefined || credentials === null) return {};
  if (!isObject(credentials)) throw invalid("credentials", "credentials: must be an object");
  const out: { password?: string; question?: string } = {};
  const password = credentials.password;
  if (isObject(password) && password.value !== undefined) {
    if (typeof password.value !== "string" || password.value.length < 8) {
      throw invalid(
        "password",
        "password: Password requirements were not met. Password requirements: at least 8 characters.",
      );
    }
    out.password = password.value;
  }
  const rq = credentials.recovery_question;
  if (isObject(rq)) {
    if (typeof rq.question !== "string" || typeof rq.answer !== "string" || rq.answer.length < 4) {
      throw invalid("recovery_question", "recovery_question: The answer must be at least 4 characters long.");
    }
    out.question = rq.question;
  }
  return out;
}

const t = (ms: number | null) => (ms === null ? null : iso(ms));

/** Renders a user as the API returns it, with status-dependent `_links` (shares stored objects: serialize it). */
export function renderUser(ctx: Ctx, user: UserRecord): Json {
  const self = `${ctx.origin}/api/v1/users/${user.id}`;
  const life = (op: string) => href(`${self}/lifecycle/${op}`, { method: "POST" });
  const links: Json = { self: href(self), type: href(`${ctx.origin}/api/v1/meta/types/user/${user.typeId}`) };
  const s = user.status;
  if (s === "STAGED" || s === "DEPROVISIONED") links.activate = life("activate");
  if (s === "PROVISIONED") links.reactivate = life("reactivate");
  if (s === "ACTIVE") links.suspend = life("suspend");
  if (s === "SUSPENDED") links.unsuspend = life("unsuspend");
  if (s === "LOCKED_OUT") links.unlock = life("unlock");
  if (s !== "DEPROVISIONED") links.deactivate = life("deactivate");
  if (s === "ACTIVE" || s === "PASSWORD_EXPIRED") {
    links.expirePassword = life("expire_password");
    links.resetPassword = life("reset_password");
    links.changePassword = href(`${self}/credentials/change_password`, { method: "POST" });
  }
  const credentials: Json = { provider: { type: "OKTA", name: "OKTA" } };
  if (user.password !== undefined) credentials.password = {};
  if (user.recoveryQuestion !== undefined) {
    credentials.recovery_question = { question: user.recoveryQuestion };
  }
  return {
    id: user.id,
    status: user.status,
    created: iso(user.created),
    activated: t(user.activated),
    statusChanged: t(user.statusChanged),
    lastLogin: t(user.lastLogin),
    lastUpdated: iso(user.lastUpdated),
    passwordChanged: t(user.passwordChanged),
    type: { id: user.typeId },
    profile: user.profile,
    credentials,
    _links: links,
  };
}

/** Changes a user's status, stamping `statusChanged` and `lastUpdated`. */
export function setStatus(user: UserRecord, status: string, now: number): void {
  user.status = status;
  user.statusChanged = now;
  user.lastUpdated = now;
}
