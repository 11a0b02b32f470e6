/**
 * The in-memory records behind the fake org. Records keep what Okta stores; responses are rendered
 * from them per request (so `_links` always point at the origin the request came in on).
 *
 * @module
 */
import type { FakeClock } from "./_clock.ts";
import type { IdSource } from "./_ids.ts";

/** A JSON object. */
export type Json = Record<string, unknown>;

/** Fields every record carries: `seq` orders lists and backs the opaque `after` cursors. */
export interface Base {
  /** Creation order; never reused. */
  seq: number;
  /** Epoch milliseconds. */
  created: number;
  /** Epoch milliseconds. */
  lastUpdated: number;
}

/** A user as stored. */
export interface UserRecord extends Base {
  id: string;
  status: string;
  profile: Json;
  password?: string;
  recoveryQuestion?: string;
  typeId: string;
  activated: number | null;
  statusChanged: number | null;
  passwordChanged: number | null;
  lastLogin: number | null;
}

/** A group as stored. */
export interface GroupRecord extends Base {
  id: string;
  type: "OKTA_GROUP" | "BUILT_IN";
  profile: Json;
  lastMembershipUpdated: number;
}

/** An application as stored: the writable body is kept whole, so unknown fields survive. */
export interface AppRecord extends Base {
  id: string;
  status: "ACTIVE" | "INACTIVE";
  body: Json;
}

/** A user's assignment to an app. */
export interface AppUserRecord extends Base {
  userId: string;
  status: string;
  statusChanged: number;
  profile: Json;
  credentials?: Json;
}

/** A group's assignment to an app. */
export interface AppGroupRecord extends Base {
  groupId: string;
  priority: number;
  profile: Json;
}

/** An enrolled factor. */
export interface FactorRecord extends Base {
  id: string;
  userId: string;
  factorType: string;
  provider: string;
  status: string;
  profile: Json;
  /** The TOTP shared secret (Base32). */
  secret?: string;
  /** The security question's answer. */
  answer?: string;
}

/** A recorded System Log event; `event` is the LogEvent as served. */
export interface EventRecord {
  seq: number;
  published: number;
  event: Json;
}

/** Everything the fake org holds. */
export interface OrgState {
  ids: IdSource;
  clock: FakeClock;
  /** Next `seq` value. */
  nextSeq: number;
  users: Map<string, UserRecord>;
  /** Lower-cased login → user id (logins are unique regardless of case). */
  logins: Map<string, string>;
  groups: Map<string, GroupRecord>;
  /** groupId → member user ids (the built-in Everyone group is computed, not stored). */
  members: Map<string, Set<string>>;
  apps: Map<string, AppRecord>;
  /** appId → userId → assignment. */
  appUsers: Map<string, Map<string, AppUserRecord>>;
  /** appId → groupId → assignment. */
  appGroups: Map<string, Map<string, AppGroupRecord>>;
  /** userId → factorId → factor. */
  factors: Map<string, Map<string, FactorRecord>>;
  events: EventRecord[];
  /** The id of the built-in `Everyone` group. */
  everyoneId: string;
  /** The default user type id every user gets. */
  userTypeId: string;
}

/** Creates an empty org with its built-in Everyone group. */
export function createState(ids: IdSource, clock: FakeClock): OrgState {
  const state: OrgState = {
    ids,
    clock,
    nextSeq: 1,
    users: new Map(),
    logins: new Map(),
    groups: new Map(),
    members: new Map(),
    apps: new Map(),
    appUsers: new Map(),
    appGroups: new Map(),
    factors: new Map(),
    events: [],
    everyoneId: ids.id("00g"),
    userTypeId: ids.id("oty"),
  };
  const now = clock.now();
  state.groups.set(state.everyoneId, {
    seq: state.nextSeq++,
    id: state.everyoneId,
    type: "BUILT_IN",
    created: now,
    lastUpdated: now,
    lastMembershipUpdated: now,
    profile: { name: "Everyone", description: "All users in your organization" },
  });
  return state;
}

/** Takes the next creation sequence number. */
export function nextSeq(state: OrgState): number {
  return state.nextSeq++;
}
