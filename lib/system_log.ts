/**
 * The System Log as a stream. With `since` and no `until`, `GET /api/v1/logs` always answers a next link
 * (Okta keeps the poller's place), so a plain listing would never end; {@linkcode isLogPolling} tells the
 * client to stop such a listing at its first empty page, and {@linkcode tailLogs} keeps polling on purpose.
 *
 * @module
 */
import { isOktaError } from "./error_guards.ts";
import type { OktaError } from "./errors.ts";
import { sleep } from "./sleep.ts";
import type { RequestOptions, Transport } from "./transport.ts";

/** Options of {@linkcode tailLogs}. */
export interface TailLogsOptions {
  /** Where to start: an ISO 8601 time or a `Date`. Default: now. Ignored when `from` is given. */
  since?: string | Date;
  /**
   * Where to go on from: a cursor saved from an earlier tail ({@linkcode LogTail.cursor},
   * {@linkcode LogPage.cursor} or {@linkcode LogTailError.cursor}). The tail then yields exactly the events
   * after the last one handed out, none twice and none skipped. Use the same `filter`, `q` and `limit`.
   */
  from?: string;
  /** Seconds to wait once caught up before asking again. Default 10 (the logs bucket is small). */
  interval?: number;
  /** A SCIM filter on events, as for `listLogEvents`. */
  filter?: string;
  /** Keywords to search for, as for `listLogEvents`. */
  q?: string;
  /** Page size (at most 1000). */
  limit?: number;
  /** Ends the tail (quietly) when it aborts, waits and requests in flight included. */
  signal?: AbortSignal;
  /**
   * Told of each transient failure (a network failure, a timeout, a 429 or a 5xx that outlasted the call's
   * own retries) before the tail waits and asks again from its cursor. Default: nothing (the client's
   * logger, when on, has already logged the failed call).
   */
  onTransientError?: (error: OktaError, retryInMs: number) => void;
}

/** One page of the System Log as a tail reads it. */
export interface LogPage<E> {
  /** The page's events, oldest first (none once caught up). */
  readonly events: E[];
  /** Where to go on from after this page: pass it back as {@linkcode TailLogsOptions.from}. */
  readonly cursor: string;
  /** The response the page was read from. */
  readonly response: Response;
}

/**
 * A running tail: an async generator of events, with the cursor to resume from. Read
 * {@linkcode LogTail.cursor} after handling an event (or after the tail failed) and save it; a later
 * `tailLogs({ from: cursor })` goes on with the very next event.
 */
export interface LogTail<E> extends AsyncGenerator<E, void, undefined> {
  /**
   * Where to resume so that the next event read is the one after the last event handed out (before the first
   * event: where the tail started). A URL on the org, with `#skip=<n>` when the tail stopped inside a page.
   */
  readonly cursor: string;
  /** The same tail as whole pages, each with its cursor. Use either the events or the pages, not both. */
  pages(): AsyncGenerator<LogPage<E>, void, undefined>;
}

/** A tail that failed for good (not a transient failure): the error, and the cursor to resume from. */
export interface LogTailError extends OktaError {
  /** Where to resume: after the last event handed out, as {@linkcode LogTail.cursor}. */
  readonly cursor: string;
}

/** How a tail's cursor marks events of a page already handed out: `<page URL>#skip=<n>`. */
const SKIP = "#skip=";
/** The longest wait between attempts after transient failures. */
const MAX_BACKOFF_MS = 300_000;

/**
 * Whether a list call reads the System Log as a polling stream (`since` without `until`, oldest first),
 * whose next link never runs out.
 */
export function isLogPolling(options: RequestOptions): boolean {
  if (options.method.toUpperCase() !== "GET") return false;
  // The path alone, whether given as a path or as an absolute URL on the org (a `Link` target).
  const path = options.path.replace(/^https?:\/\/[^/]+/i, "").split("?")[0];
  if (path !== "/api/v1/logs") return false;
  const query = options.query ?? {};
  return query.until === undefined || query.until === null || query.until === "";
}

/**
 * Follows the System Log through `transport`: events from `since` (or the cursor `from`) on, then new ones
 * as they arrive, polling every `interval` seconds once caught up. Transient failures (network, timeout, 429,
 * 5xx) do not end it: it waits, backing off, and asks again from its cursor. Ends when `signal` aborts; any
 * other failure is thrown as a {@linkcode LogTailError} carrying the cursor. `E` is the event type (the full
 * client gives the generated `LogEvent`).
 *
 * @example Resuming exactly where the last run stopped
 * ```ts ignore
 * const tail = tailLogs(okta, { from: await loadCursor(), interval: 30 });
 * for await (const event of tail) {
 *   await handle(event);
 *   await saveCursor(tail.cursor);
 * }
 * ```
 */
export function tailLogs<E>(transport: Transport, options: TailLogsOptions = {}): LogTail<E> {
  const { signal } = options;
  const intervalMs = Math.max(0, (options.interval ?? 10) * 1000);
  const query = {
    // Not with a cursor: the client adds the caller's parameters a next link leaves out, and a `since` of now
    // would drop the events after the cursor that are older than now.
    since: options.from !== undefined
      ? undefined
      : options.since instanceof Date
      ? options.since.toISOString()
      : options.since ?? new Date().toISOString(),
    filter: options.filter,
    q: options.q,
    limit: options.limit,
  };
  const list = transport.paginate<E>({
    method: "GET",
    path: "/api/v1/logs",
    query,
    signal,
    operationId: "listLogEvents",
    scopes: ["okta.logs.read"],
  });
  // The page to read next (the first page's own URL when starting from `since`), and how many of its events
  // were already handed out (a cursor saved in the middle of a page).
  const [saved, savedSkip] = parseCursor(options.from);
  let url = saved ?? `/api/v1/logs?${queryString(query)}`;
  let skip = savedSkip;
  let cursor: string = options.from ?? url;
  const at = (page: string, handed: number) => handed > 0 ? `${page}${SKIP}${handed}` : page;

  /** The pages from the cursor on, each with the URL it was read from and the events skipped on it. */
  async function* read(): AsyncGenerator<{ page: LogPage<E>; from: string; skipped: number }> {
    let failures = 0;
    while (!signal?.aborted) {
      try {
        // Ends at the first empty page (caught up), whose next link is where to ask next time.
        for await (const page of list.pages({ from: url })) {
          failures = 0;
          const from = url, skipped = skip;
          const events = skipped > 0 ? page.items.slice(skipped) : page.items;
          // Without a next link (not Okta's polling), the page itself is read again, past what it held.
          if (page.nextCursor !== undefined) [url, skip] = [page.nextCursor, 0];
          else [url, skip] = [page.resumeCursor ?? from, page.items.length];
          yield { page: { events, cursor: at(url, skip), response: page.response }, from, skipped };
        }
        await sleep(intervalMs, signal);
      } catch (error) {
        if (signal?.aborted) return;
        if (!isTransient(error)) throw withCursor(error, cursor);
        const wait = Math.min(MAX_BACKOFF_MS, Math.max(intervalMs, 100) * 2 ** failures++);
        options.onTransientError?.(error as OktaError, wait);
        try {
          await sleep(wait, signal);
        } catch {
          return; // aborted while waiting
        }
      }
    }
  }

  async function* pages(): AsyncGenerator<LogPage<E>, void, undefined> {
    for await (const { page } of read()) {
      cursor = page.cursor;
      yield page;
    }
  }

  async function* events(): AsyncGenerator<E, void, undefined> {
    for await (const { page, from, skipped } of read()) {
      const { events } = page;
      // The cursor counts the events handed out, so stopping after any of them resumes at the next one.
      for (let i = 0; i < events.length; i++) {
        cursor = i + 1 === events.length ? page.cursor : at(from, skipped + i + 1);
        yield events[i];
      }
      cursor = page.cursor;
    }
  }

  const tail = events() as LogTail<E>;
  Object.defineProperty(tail, "cursor", { get: () => cursor, enumerable: true });
  Object.defineProperty(tail, "pages", { value: pages });
  return tail;
}

/** The query of the first page, as the client would send it (empty values left out). */
function queryString(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  return params.toString();
}

/** A cursor's page URL and the number of that page's events already handed out. */
function parseCursor(cursor: string | undefined): [string | undefined, number] {
  if (cursor === undefined) return [undefined, 0];
  const at = cursor.lastIndexOf(SKIP);
  if (at < 0) return [cursor, 0];
  const skip = Number(cursor.slice(at + SKIP.length));
  return [cursor.slice(0, at), Number.isSafeInteger(skip) && skip > 0 ? skip : 0];
}

/** Failures a later poll may not meet: no answer, a timeout, a rate limit, a server error. */
function isTransient(error: unknown): boolean {
  if (!isOktaError(error)) return false;
  switch (error.code) {
    case "ERR_OKTA_NETWORK":
    case "ERR_OKTA_TIMEOUT":
    case "ERR_OKTA_RATE_LIMIT":
      return true;
  }
  const status = (error as { status?: number }).status;
  return typeof status === "number" && (status === 429 || status >= 500);
}

/** The error, carrying where to resume (oktakit's own errors only: anything else is the caller's). */
function withCursor(error: unknown, cursor: string): unknown {
  if (isOktaError(error)) Object.defineProperty(error, "cursor", { value: cursor, enumerable: true });
  return error;
}
