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

/** A call that failed. */
export interface Failure {
  /** `false`: `error` is set. */
  readonly ok: false;
  /** No data. */
  readonly data: undefined;
  /** What went wrong; an `OktaApiError` or `HttpError` carries the status, headers and request id. */
  readonly error: OktaError;
  /** No response object (the error carries what there was of it). */
  readonly response: undefined;
}

/** Either the data or the error: check `error` (or `ok`) and TypeScript narrows the rest. */
export type Result<T> = Success<T> | Failure;

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
 */
export function settle<T>(call: OktaCall<T>): Promise<Result<T>>;
/** Collects a list (up to `options.max` items or `options.maxPages` pages) into a {@linkcode Result}. */
export function settle<T>(list: Paginated<T>, options?: CollectOptions): Promise<Result<T[]>>;
export async function settle<T>(
  source: OktaCall<T> | Paginated<T>,
  options?: CollectOptions,
): Promise<Result<T | T[]>> {
  try {
    if ("withResponse" in source) {
      const { data, response } = await source.withResponse();
      return { ok: true, data, error: undefined, response };
    }
    const max = options?.max ?? Infinity;
    const data: T[] = [];
    let response: Response | undefined;
    // At least one page is read, so even `max: 0` answers with a response.
    for await (const page of source.pages({ maxPages: options?.maxPages })) {
      response = page.response;
      for (const item of page.items) if (data.length < max) data.push(item);
      if (data.length >= max) break;
    }
    return { ok: true, data, error: undefined, response: response! };
  } catch (error) {
    if (error instanceof OktaError) return { ok: false, data: undefined, error, response: undefined };
    throw error;
  }
}
