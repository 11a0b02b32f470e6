/**
 * When and how long to wait before retrying, as Okta behaves: a 429 is retried for any method at the time
 * its `X-Rate-Limit-Reset` names (read against the server's `Date`); 502/503/504 and network errors only
 * for idempotent methods, with capped, jittered exponential backoff.
 *
 * @module
 */

/** Methods whose repetition cannot change the outcome; only these are retried after ambiguous failures. */
export const IDEMPOTENT_METHODS: readonly string[] = ["get", "head", "put", "delete", "options"];

/** Statuses that mean "the server could not handle it now" and are retried for idempotent methods. */
export const RETRYABLE_STATUSES: readonly number[] = [502, 503, 504];

/** The longest backoff between two attempts, in milliseconds. */
export const MAX_BACKOFF_MS = 30_000;

/**
 * The longest the client waits before one attempt (a rate-limit reset, a `Retry-After`), in milliseconds:
 * two minutes, twice Okta's one-minute window. A longer wait fails at once with a `RateLimitError`.
 */
export const MAX_WAIT_MS = 120_000;

/**
 * Milliseconds to wait after a 429 (or before calling a spent bucket again): until the smallest
 * `X-Rate-Limit-Reset` (epoch seconds; duplicated headers arrive joined as `"a, b"`) as measured against
 * the response's `Date` (the server's clock), plus one second of margin. `undefined` when the headers are
 * missing or unreadable (the caller falls back to backoff).
 */
export function rateLimitDelay(headers: Headers, now: () => number = Date.now): number | undefined {
  const resets = (headers.get("x-rate-limit-reset") ?? "")
    .split(",")
    .map((part) => epochSeconds(Number(part.trim())))
    .filter((n) => Number.isFinite(n) && n > 0);
  if (resets.length === 0) return undefined;
  const serverNow = Date.parse(headers.get("date") ?? "");
  const base = Number.isFinite(serverNow) ? serverNow : now();
  return Math.max(0, Math.min(...resets) * 1000 - base) + 1000;
}

/**
 * A reset in epoch seconds. A value above 1e11 (the year 5138 in seconds) is read as milliseconds, the
 * unit a proxy or a misconfigured gateway may use.
 */
function epochSeconds(n: number): number {
  return n > 1e11 ? n / 1000 : n;
}

/**
 * Milliseconds `Retry-After` asks for: delay-seconds, or an HTTP-date measured against the response's
 * `Date` when there is one. `undefined` when absent or unreadable.
 */
export function retryAfterDelay(headers: Headers, now: () => number = Date.now): number | undefined {
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  if (!Number.isFinite(at)) return undefined;
  const serverNow = Date.parse(headers.get("date") ?? "");
  return Math.max(0, at - (Number.isFinite(serverNow) ? serverNow : now()));
}

/** Exponential backoff for attempt `n` (1-based): 0.5 s, 1 s, 2 s ... capped, with jitter in [½, 1]. */
export function backoffDelay(n: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, 500 * 2 ** (n - 1));
  return Math.round(ceiling / 2 + random() * ceiling / 2);
}

/** Whether the response is Okta's concurrent-request limit rather than a rate bucket. */
export function isConcurrencyLimit(headers: Headers): boolean {
  return headers.get("x-rate-limit-limit") === "0" && headers.get("x-rate-limit-remaining") === "0";
}
