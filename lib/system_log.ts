/**
 * The System Log as a stream. With `since` and no `until`, `GET /api/v1/logs` always answers a next link
 * (Okta keeps the poller's place), so a plain listing would never end; {@linkcode isLogPolling} tells the
 * client to stop such a listing at its first empty page, and {@linkcode tailLogs} keeps polling on purpose.
 *
 * @module
 */
import { sleep } from "./sleep.ts";
import type { RequestOptions, Transport } from "./transport.ts";

/** Options of {@linkcode tailLogs}. */
export interface TailLogsOptions {
  /** Where to start: an ISO 8601 time or a `Date`. Default: now. */
  since?: string | Date;
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
}

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
 * Follows the System Log through `transport`: events from `since` on, then new ones as they arrive,
 * polling every `interval` seconds once caught up. Ends when `signal` aborts. `E` is the event type (the
 * full client gives the generated `LogEvent`).
 *
 * @example
 * ```ts ignore
 * const stop = new AbortController();
 * for await (const event of tailLogs(okta, { interval: 30, signal: stop.signal })) console.log(event.eventType);
 * ```
 */
export async function* tailLogs<E>(
  transport: Transport,
  options: TailLogsOptions = {},
): AsyncGenerator<E> {
  const { signal } = options;
  const since = options.since instanceof Date
    ? options.since.toISOString()
    : options.since ?? new Date().toISOString();
  const intervalMs = Math.max(0, (options.interval ?? 10) * 1000);
  const list = transport.paginate<E>({
    method: "GET",
    path: "/api/v1/logs",
    query: { since, filter: options.filter, q: options.q, limit: options.limit },
    signal,
    operationId: "listLogEvents",
    scopes: ["okta.logs.read"],
  });
  let cursor: string | undefined;
  while (!signal?.aborted) {
    try {
      // Ends at the first empty page (caught up), whose cursor is where to ask next time.
      for await (const page of list.pages({ from: cursor })) {
        if (page.nextCursor !== undefined) cursor = page.nextCursor;
        for (const event of page.items) yield event;
      }
      await sleep(intervalMs, signal);
    } catch (error) {
      if (signal?.aborted) return;
      throw error;
    }
  }
}
