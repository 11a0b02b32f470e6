/**
 * One input line of `oktakit import users`: create the user, or (upsert) update the user with that login
 * when it exists. A user is never created twice: when a create gets no clear answer (a network failure, a
 * timeout, a 5xx) or was sent by an interrupted run, the login is looked up before the create is sent again.
 *
 * @module
 */
import { isOktaApiError } from "../core.ts";
import type { Models, Okta } from "../mod.ts";
import type { Journal, LineResult } from "./import_results.ts";
import type { InputRecord, UserBody } from "./import_records.ts";

/** What every line's work shares. */
export interface ImportContext {
  okta: Okta;
  signal: AbortSignal;
  mode: "create" | "upsert";
  activate: boolean;
  dryRun: boolean;
  journal: Journal | undefined;
  /** Lines whose create an earlier run sent without recording its outcome. */
  sentBefore: ReadonlySet<number>;
}

/** Sends of one create at most: the first, and again when a lookup shows the lost one did not land. */
const CREATE_TRIES = 3;

/** A user as looked up: only its id and profile are read. */
type User = { id?: string; profile?: unknown };

/** The user with `login`, or `undefined`. */
async function findByLogin(ctx: ImportContext, login: string): Promise<User | undefined> {
  // A login with "/" cannot be a path segment (Okta answers 404 for it): search for it instead.
  if (login.includes("/")) {
    const search = `profile.login eq "${login.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
    const [user] = await ctx.okta.user.listUsers({ search, limit: 1 }, { signal: ctx.signal }).toArray({
      max: 1,
    });
    return user;
  }
  try {
    return await ctx.okta.user.getUser(login, undefined, { signal: ctx.signal });
  } catch (error) {
    if (isOktaApiError(error) && error.status === 404) return undefined;
    throw error;
  }
}

/** The profile attributes of `wanted` whose values differ from `current`'s. */
function changes(current: Record<string, unknown>, wanted: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(wanted)) {
    if (JSON.stringify(current[key] ?? null) !== JSON.stringify(value ?? null)) out[key] = value;
  }
  return out;
}

function failure(record: InputRecord, error: unknown): LineResult {
  const base = { line: record.line, login: record.login, result: "failed" as const };
  if (isOktaApiError(error)) {
    const causes = error.errorCauses.map((c) => c?.errorSummary).filter(Boolean);
    return {
      ...base,
      errorCode: error.errorCode,
      errorSummary: `${error.errorSummary}${causes.length ? ` (${causes.join("; ")})` : ""}`,
    };
  }
  return { ...base, errorSummary: (error as Error)?.message ?? String(error) };
}

/** Creates the user, checking by login whenever a create's outcome is unknown. */
async function create(ctx: ImportContext, record: InputRecord, body: UserBody): Promise<LineResult> {
  const { line, login } = record;
  for (let attempt = 1;; attempt++) {
    await ctx.journal?.sending(line, login!);
    try {
      const user = await ctx.okta.user.createUser(body as Models.CreateUserRequestInput, {
        activate: ctx.activate,
      }, {
        signal: ctx.signal,
      });
      return { line, login, result: "created", id: user.id };
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      // A 4xx is Okta's answer: nothing was created (a login already taken, a profile Okta refuses).
      if (isOktaApiError(error) && error.status < 500) return failure(record, error);
      // No answer, or a 5xx: the user may exist now. Look before sending again.
      const found = await findByLogin(ctx, login!);
      if (found) {
        return {
          line,
          login,
          result: "created",
          id: found.id,
          note: "the create's answer was lost; found by login",
        };
      }
      if (attempt >= CREATE_TRIES) return failure(record, error);
    }
  }
}

/** Imports one record and says what happened (errors of a single line are results, not exceptions). */
export async function importUser(ctx: ImportContext, record: InputRecord): Promise<LineResult> {
  const { line, login, body } = record;
  if (!body) return { line, login, result: "failed", errorSummary: record.error };
  try {
    const sentBefore = ctx.sentBefore.has(line);
    const existing = ctx.mode === "upsert" || sentBefore || ctx.dryRun
      ? await findByLogin(ctx, login!)
      : undefined;
    if (existing && sentBefore) {
      return {
        line,
        login,
        result: "created",
        id: existing.id,
        note: "created by the interrupted run; found by login",
      };
    }
    if (existing && ctx.mode === "create") {
      // Only a dry run looks first in create mode: a real run lets Okta answer (and report) the conflict.
      return {
        line,
        login,
        result: "failed",
        id: existing.id,
        errorSummary: "a user with this login exists",
      };
    }
    if (existing) {
      const changed = changes((existing.profile ?? {}) as Record<string, unknown>, body.profile);
      const names = Object.keys(changed);
      if (names.length === 0) return { line, login, result: "skipped", id: existing.id, note: "unchanged" };
      const note = `changed: ${names.join(", ")}`;
      if (ctx.dryRun) return { line, login, result: "would-update", id: existing.id, note };
      // updateUser (POST) is a partial update: the attributes not sent stay as they are.
      await ctx.okta.user.updateUser(
        existing.id!,
        { profile: changed } as Models.UpdateUserRequestInput,
        undefined,
        {
          signal: ctx.signal,
        },
      );
      return { line, login, result: "updated", id: existing.id, note };
    }
    if (ctx.dryRun) return { line, login, result: "would-create" };
    return await create(ctx, record, body);
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    return failure(record, error);
  }
}
