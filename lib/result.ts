/**
 * The error-returning style: {@linkcode settle} turns a call or a list into a {@linkcode Result}, a union
 * that holds either the data and the response or the error, so failures can be handled without `try`.
 *
 * @module
 */
import type { OktaCall } from "./call.ts";
import { OktaError } from "./errors.ts";
import type { CollectOptions, Paginated } from "./paginate.ts";

/** A call that succeeded: the decoded body and its `Response`. */
export interface Success<T> {
  /** `true`: `data` and `response` are set. */
  readonly ok: true;
  /** The decoded body (for a list, the items collected). */
  readonly data: T;
  /** No error. */
  readonly error: undefined;
  /** The response (for a list, the last page's). */
  readonly response: Response;
}

/** The item type of a list's data: `User` for `User[]`. */
export type ItemOf<T> = T extends readonly (infer I)[] ? I : never;

/** A call that failed. For a list, what was read before the error comes with it. */
export interface Failure<T = unknown> {
  /** `false`: `error` is set. */
  readonly ok: false;
  /** No data. */
  readonly data: undefined;
  /** What went wrong; an `OktaApiError` or `HttpError` carries the status, headers and request id. */
  readonly error: OktaError;
  /** No response object (the error carries what there was of it). */
  readonly response: undefined;
  /**
   * A list only: the items read before the error, in order (none when the first page failed). Absent for a
   * single call.
   */
  readonly items?: ItemOf<T>[];
  /**
   * A list only: where to go on from, for `pages({ from })`: the URL of the page that failed, so nothing is
   * read twice or skipped. `undefined` when the first page failed (start from the beginning).
   */
  readonly resumeCursor?: string;
}

/** Either the data or the error: check `error` (or `ok`) and TypeScript narrows the rest. */
export type Result<T> = Success<T> | Failure<T>;

/**
 * Runs a typed call, or collects a list, and returns a {@linkcode Result} instead of throwing. Every
 * failure of the call itself (`OktaError` and its subclasses) is returned; your own mistakes (a `TypeError`
 * for a bad argument) and your own abort still throw, as they would from any function.
 *
 * @example The seeds' `data, resp, err` style
 * ```ts ignore
 * import { settle } from "@oktakit/management";
 *
 * const { data: user, error } = await settle(okta.user.getUser("ada@example.com"));
 * if (error) console.log("could not read the user:", error.message);
 * else console.log(user.id);
 *
 * const { data: users, error: listError } = await settle(okta.user.listUsers(), { max: 500 });
 * ```
 *
 * @example A list that fails part-way keeps what it read, and where to go on from
 * ```ts ignore
 * const result = await settle(okta.user.listUsers({ limit: 200 }));
 * if (!result.ok) {
 *   console.log(`read ${result.items?.length} users before: ${result.error.message}`);
 *   const rest = okta.user.listUsers({ limit: 200 }).pages({ from: result.resumeCursor });
 * }
 * ```
 */
export function settle<T>(call: OktaCall<T>): Promise<Result<T>>;
/** Collects a list (up to `options.max` items or `options.maxPages` pages) into a {@linkcode Result}. */
export function settle<T>(list: Paginated<T>, options?: CollectOptions): Promise<Result<T[]>>;
export async function settle<T>(
  source: OktaCall<T> | Paginated<T>,
  options?: CollectOptions,
): Promise<Result<T | T[]>> {
  if ("withResponse" in source) {
    try {
      const { data, response } = await source.withResponse();
      return { ok: true, data, error: undefined, response };
    } catch (error) {
      if (error instanceof OktaError) return { ok: false, data: undefined, error, response: undefined };
      throw error;
    }
  }
  const max = options?.max ?? Infinity;
  const data: T[] = [];
  let response: Response | undefined;
  let resumeCursor: string | undefined;
  try {
    // At least one page is read, so even `max: 0` answers with a response.
    for await (const page of source.pages({ maxPages: options?.maxPages })) {
      response = page.response;
      // The page after this one: where a failure of the next read leaves the list.
      resumeCursor = page.resumeCursor;
      for (const item of page.items) if (data.length < max) data.push(item);
      if (data.length >= max) break;
    }
    return { ok: true, data, error: undefined, response: response! };
  } catch (error) {
    if (error instanceof OktaError) {
      // What was read is the caller's: a long export that fails on page 300 resumes from there.
      return { ok: false, data: undefined, error, response: undefined, items: data, resumeCursor };
    }
    throw error;
  }
}
