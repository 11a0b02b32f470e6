/**
 * Bulk loading of an org's starting data, bypassing HTTP, rate limits and the System Log.
 *
 * @module
 */
import { FakeFailure } from "./_errors.ts";
import type { AppRecord, GroupRecord, Json, OrgState, UserRecord } from "./_state.ts";
import { nextSeq } from "./_state.ts";
import { checkProfile, storeProfile } from "./_user_model.ts";
import { prepareApp } from "./_app_kinds.ts";

/** A user to seed. */
export interface SeedUser {
  /** Okta profile; `login`, `email`, `firstName` and `lastName` are required, as in Okta. */
  profile: Record<string, unknown>;
  /** Default `"ACTIVE"`; any Okta status, `LOCKED_OUT` and `SUSPENDED` included. */
  status?: string;
  /** Sets a password (the user then has `credentials.password`). */
  password?: string;
  /** Groups to join, by id or by name. */
  groups?: string[];
}

/** A group to seed. */
export interface SeedGroup {
  /** `profile.name`; unique. */
  name: string;
  /** `profile.description`. */
  description?: string;
}

/** What {@linkcode FakeOrg.seed} loads. */
export interface SeedData {
  /** Groups, created first so users can join them by name. */
  groups?: SeedGroup[];
  /** Users. */
  users?: SeedUser[];
  /** Application bodies as `POST /api/v1/apps` takes them; created ACTIVE. */
  apps?: Record<string, unknown>[];
}

/** The ids of what was seeded, in input order. */
export interface SeedResult {
  /** Ids of the seeded groups. */
  groupIds: string[];
  /** Ids of the seeded users. */
  userIds: string[];
  /** Ids of the seeded apps. */
  appIds: string[];
}

const STATUSES = new Set([
  "ACTIVE",
  "DEPROVISIONED",
  "LOCKED_OUT",
  "PASSWORD_EXPIRED",
  "PROVISIONED",
  "RECOVERY",
  "STAGED",
  "SUSPENDED",
]);

function explain(error: unknown, what: string): never {
  if (error instanceof FakeFailure) {
    throw new TypeError(`seed: ${what}: ${[error.message, ...error.causes].join("; ")}`);
  }
  throw error;
}

/** Loads `data` into `state`. */
export function seedState(state: OrgState, data: SeedData): SeedResult {
  const now = state.clock.now();
  const result: SeedResult = { groupIds: [], userIds: [], appIds: [] };
  const byName = new Map<string, string>();
  for (const g of state.groups.values()) byName.set(String(g.profile.name), g.id);
  for (const [i, g] of (data.groups ?? []).entries()) {
    if (!g.name || byName.has(g.name)) throw new TypeError(`seed: groups[${i}]: a unique name is required`);
    const group: GroupRecord = {
      seq: nextSeq(state),
      id: state.ids.id("00g"),
      type: "OKTA_GROUP",
      profile: { name: g.name, description: g.description ?? "" },
      created: now,
      lastUpdated: now,
      lastMembershipUpdated: now,
    };
    state.groups.set(group.id, group);
    byName.set(g.name, group.id);
    result.groupIds.push(group.id);
  }
  for (const [i, u] of (data.users ?? []).entries()) {
    let profile: Json;
    try {
      profile = checkProfile(state, u.profile);
    } catch (error) {
      explain(error, `users[${i}]`);
    }
    const status = u.status ?? "ACTIVE";
    if (!STATUSES.has(status)) throw new TypeError(`seed: users[${i}]: unknown status ${status}`);
    const activated = status === "STAGED" ? null : now;
    const user: UserRecord = {
      seq: nextSeq(state),
      id: state.ids.id("00u"),
      status,
      profile: {},
      password: u.password,
      typeId: state.userTypeId,
      created: now,
      lastUpdated: now,
      activated,
      statusChanged: activated,
      passwordChanged: u.password === undefined ? null : now,
      lastLogin: null,
    };
    state.users.set(user.id, user);
    storeProfile(state, user, profile);
    for (const ref of u.groups ?? []) {
      const groupId = state.groups.has(ref) ? ref : byName.get(ref);
      if (!groupId || state.groups.get(groupId)!.type !== "OKTA_GROUP") {
        throw new TypeError(`seed: users[${i}]: no group ${ref}`);
      }
      const set = state.members.get(groupId) ?? new Set<string>();
      state.members.set(groupId, set.add(user.id));
    }
    result.userIds.push(user.id);
  }
  for (const [i, body] of (data.apps ?? []).entries()) {
    const id = state.ids.id("0oa");
    let prepared: Json;
    try {
      prepared = prepareApp(state, body, id);
    } catch (error) {
      explain(error, `apps[${i}]`);
    }
    const app: AppRecord = {
      seq: nextSeq(state),
      id,
      status: "ACTIVE",
      body: prepared,
      created: now,
      lastUpdated: now,
    };
    state.apps.set(id, app);
    state.appUsers.set(id, new Map());
    state.appGroups.set(id, new Map());
    result.appIds.push(id);
  }
  return result;
}
