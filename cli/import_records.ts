/**
 * The input of `oktakit import users`: NDJSON (a user per line, as `export` writes them, or a bare profile)
 * or CSV (columns `profile.login`, `profile.email`, ... as `export --format csv` writes them; a column
 * without a dot is a profile attribute). Each record becomes the body of a create: the profile, and a
 * password or recovery question when given. What Okta sets itself (`id`, `status`, dates, links) is left out.
 *
 * @module
 */
import { cellValue, readCsv } from "./csv.ts";
import { setPath } from "./fields.ts";
import { readNdjsonLines } from "./ndjson.ts";

/** A user's body for `createUser`. */
export interface UserBody {
  /** The profile: `login` is required. */
  profile: Record<string, unknown>;
  /** A password or recovery question, when the input has one. */
  credentials?: Record<string, unknown>;
  /** Groups to add the user to on creation. */
  groupIds?: unknown;
}

/** One record of the input. */
export interface InputRecord {
  /** The line it starts on. */
  line: number;
  /** `profile.login`, when present. */
  login?: string;
  /** The body, when the record is usable. */
  body?: UserBody;
  /** Why the record cannot be used. */
  error?: string;
}

/** Top-level members of a user that Okta sets: a column or member with one of these names is ignored. */
const READ_ONLY = new Set([
  "id",
  "status",
  "created",
  "activated",
  "statusChanged",
  "lastLogin",
  "lastUpdated",
  "passwordChanged",
  "transitioningToStatus",
  "realmId",
  "type",
  "_links",
  "_embedded",
]);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The body of a user object (with `profile`) or of a bare profile. */
function bodyOf(line: number, value: unknown): InputRecord {
  if (!isObject(value)) return { line, error: "a line must be a JSON object (a user, or a user's profile)" };
  const profile = isObject(value.profile) ? value.profile : value;
  const body: UserBody = { profile: isObject(value.profile) ? { ...profile } : { ...value } };
  if (!isObject(value.profile)) { for (const key of READ_ONLY) delete body.profile[key]; }
  // Of the credentials, only what a create takes from a caller (the provider is Okta's to report).
  const credentials = isObject(value.credentials) ? value.credentials : undefined;
  if (credentials && (credentials.password || credentials.recovery_question)) {
    body.credentials = {};
    if (credentials.password) body.credentials.password = credentials.password;
    if (credentials.recovery_question) body.credentials.recovery_question = credentials.recovery_question;
  }
  if (Array.isArray(value.groupIds)) body.groupIds = value.groupIds;
  const login = body.profile.login;
  if (typeof login !== "string" || login.trim() === "") {
    return { line, error: "no profile.login: every user needs a login" };
  }
  return { line, login, body };
}

/** A CSV row as a user object: dotted columns nest, bare ones are profile attributes, empty cells are left out. */
function userOfCells(cells: Record<string, string>): Record<string, unknown> {
  const user: Record<string, unknown> = { profile: {} };
  for (const [column, text] of Object.entries(cells)) {
    if (text === "" || column === "") continue;
    const value = cellValue(text);
    if (column.includes(".")) setPath(user, column, value);
    else if (!READ_ONLY.has(column)) (user.profile as Record<string, unknown>)[column] = value;
  }
  return user;
}

/** The records of the input file, streamed. */
export async function* readRecords(path: string, format: "ndjson" | "csv"): AsyncGenerator<InputRecord> {
  if (format === "csv") {
    for await (const { line, cells } of readCsv(path)) yield bodyOf(line, userOfCells(cells));
    return;
  }
  for await (const { line, text } of readNdjsonLines(path)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { line, error: `not JSON: ${(error as Error).message}` };
      continue;
    }
    yield bodyOf(line, value);
  }
}
