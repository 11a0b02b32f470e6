/**
 * Scheduled failures: the next matching requests answer 429/500/503 (or any status), or fail
 * as a network error, before the org looks at them.
 *
 * @module
 */

/** One scheduled failure. */
export interface Fault {
  /**
   * Which requests: a path (`"/api/v1/users"`), a glob with `*` (`"/api/v1/users*"`), either
   * prefixed with a method (`"GET /api/v1/users"`), a `RegExp` tested against the path, or a
   * predicate. Absent: every request.
   */
  match?: string | RegExp | ((request: Request) => boolean);
  /** Status to answer (ignored with `networkError`). Default 500. */
  status?: number;
  /** How many matching requests fail. Default 1. */
  times?: number;
  /** Response body (JSON-encoded unless a string); default an Okta error body for the status. */
  body?: unknown;
  /** Extra response headers. */
  headers?: Record<string, string>;
  /**
   * Fail like a dropped connection: `org.fetch` rejects with a `TypeError`. Served over HTTP, the
   * handler throws instead and the server does what it does with a crashing handler (Deno and Bun
   * answer 500).
   */
  networkError?: boolean;
  /** For a 429: report the concurrency limit (`X-Rate-Limit-Limit: 0`) instead of the bucket's. */
  concurrency?: boolean;
  /**
   * For a 429: seconds from the org clock's now to `X-Rate-Limit-Reset`. Default 0, so a client
   * following Okta's policy retries after its safety margin rather than a whole window.
   */
  resetInSeconds?: number;
}

/** Test controls over faults (`org.faults`). */
export interface FaultControls {
  /** Schedules a fault; faults are tried in the order pushed. */
  push(fault: Fault): void;
  /** Drops every pending fault. */
  clear(): void;
  /** Faults that still have matches left. */
  pending(): readonly Fault[];
}

/** The fault list the pipeline consults. */
export interface FaultSchedule extends FaultControls {
  /** Takes one use of the first fault matching `request`, if any. */
  take(request: Request, path: string): Fault | undefined;
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
}

function matches(fault: Fault, request: Request, path: string): boolean {
  const { match } = fault;
  if (match === undefined) return true;
  if (typeof match === "function") return match(request);
  if (match instanceof RegExp) return match.test(path);
  const space = match.indexOf(" ");
  const method = space > 0 ? match.slice(0, space).toUpperCase() : undefined;
  const pattern = space > 0 ? match.slice(space + 1) : match;
  return (method === undefined || method === request.method) && globToRegExp(pattern).test(path);
}

/** Creates an empty schedule. */
export function createFaults(): FaultSchedule {
  const list: { fault: Fault; left: number }[] = [];
  return {
    push(fault) {
      const left = fault.times ?? 1;
      if (!Number.isInteger(left) || left < 1) throw new RangeError("fault.times must be a positive integer");
      list.push({ fault, left });
    },
    clear() {
      list.length = 0;
    },
    pending: () => list.map((entry) => entry.fault),
    take(request, path) {
      const index = list.findIndex((entry) => matches(entry.fault, request, path));
      if (index < 0) return undefined;
      const entry = list[index];
      if (--entry.left === 0) list.splice(index, 1);
      return entry.fault;
    },
  };
}
