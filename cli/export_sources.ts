/**
 * What `oktakit export` can export, and how each is listed: users, groups and apps are lists of their own;
 * group members, app users and app groups are one list per group or app (every one, or those named with
 * `--group`/`--app`), each row carrying its parent's id.
 *
 * @module
 */
import type { Okta, Paginated } from "../mod.ts";

/** An item as listed. */
export type Item = Record<string, unknown>;

/** How to list one thing: its page size and the call (`after` is the cursor's business, not ours). */
type Lister = (okta: Okta, limit: number, signal: AbortSignal) => Paginated<Item>;

/** One exportable resource. */
export interface Source {
  /** Its name on the command line and its file's name (`group-members` → `group-members.csv`). */
  readonly name: string;
  /** The CSV columns when `--fields` is not given. */
  readonly fields: readonly string[];
  /** The page size asked for: the endpoint's maximum, so an export makes as few calls as it can. */
  readonly limit: number;
  /** The list, for a resource of its own. */
  readonly list?: Lister;
  /** For a resource listed per parent: the parent, the id column added to each row, and the list of one. */
  readonly perParent?: {
    readonly parent: "groups" | "apps";
    readonly key: "groupId" | "appId";
    readonly list: (okta: Okta, parentId: string, limit: number, signal: AbortSignal) => Paginated<Item>;
  };
}

const USER_FIELDS = [
  "id",
  "status",
  "created",
  "lastUpdated",
  "profile.login",
  "profile.email",
  "profile.firstName",
  "profile.lastName",
];

/** Every exportable resource, by name, in the order they are exported. */
export const SOURCES: readonly Source[] = [
  {
    name: "users",
    fields: USER_FIELDS,
    limit: 200,
    list: (okta, limit, signal) => okta.user.listUsers({ limit }, { signal }) as Paginated<Item>,
  },
  {
    name: "groups",
    fields: ["id", "type", "created", "lastUpdated", "profile.name", "profile.description"],
    limit: 10000,
    list: (okta, limit, signal) => okta.group.listGroups({ limit }, { signal }) as Paginated<Item>,
  },
  {
    name: "group-members",
    fields: ["groupId", ...USER_FIELDS.filter((f) => f !== "created" && f !== "lastUpdated")],
    limit: 1000,
    perParent: {
      parent: "groups",
      key: "groupId",
      list: (okta, id, limit, signal) =>
        okta.group.listGroupUsers(id, { limit }, { signal }) as Paginated<Item>,
    },
  },
  {
    name: "apps",
    fields: ["id", "name", "label", "status", "signOnMode", "created", "lastUpdated"],
    limit: 200,
    list: (okta, limit, signal) =>
      okta.application.listApplications({ limit }, { signal }) as unknown as Paginated<Item>,
  },
  {
    name: "app-users",
    fields: ["appId", "id", "status", "scope", "credentials.userName", "created", "lastUpdated"],
    limit: 500,
    perParent: {
      parent: "apps",
      key: "appId",
      list: (okta, id, limit, signal) =>
        okta.applicationUsers.listApplicationUsers(id, { limit }, { signal }) as Paginated<Item>,
    },
  },
  {
    name: "app-groups",
    fields: ["appId", "id", "priority", "lastUpdated"],
    limit: 200,
    perParent: {
      parent: "apps",
      key: "appId",
      list: (okta, id, limit, signal) =>
        okta.applicationGroups.listApplicationGroupAssignments(id, { limit }, { signal }) as Paginated<Item>,
    },
  },
];

/** The parent lists (every group, every app), with the page size their own export uses. */
export function parentList(okta: Okta, parent: "groups" | "apps", signal: AbortSignal): Paginated<Item> {
  const source = SOURCES.find((s) => s.name === parent)!;
  return source.list!(okta, source.limit, signal);
}
