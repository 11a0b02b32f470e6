/**
 * The one reader of Okta's rate-limit headers, for the scheduler and the retry policy alike:
 * `X-Rate-Limit-Limit`, `-Remaining` and `-Reset` (joined duplicates read as their smallest value), the
 * concurrent-request limit, and the waits a 429 or 503 asks for (`X-Rate-Limit-Reset` read against the
 * server's `Date`, `Retry-After`).
 *
 * @module
 */

/**
 * The smallest number in a rate-limit header: fetch joins a duplicated header as `"a, b"`, and the smallest
 * value is the safe reading of each (fewest requests left, soonest reset). `undefined` when absent or
 * unreadable.
 */
export function smallestOf(value: string | null): number | undefined {
  if (value === null) return undefined;
  // The common single value is read without splitting: these headers are read on every answer.
  if (!value.includes(",")) return count(value);
  let smallest: number | undefined;
  for (const part of value.split(",")) {
    const n = count(part);
    if (n !== undefined && (smallest === undefined || n < smallest)) smallest = n;
  }
  return smallest;
}

/** A count or a time in a header: a finite number, 0 or more, or `undefined`. */
function count(text: string): number | undefined {
  const n = text.trim() === "" ? NaN : Number(text);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** What a response says about its rate-limit bucket (joined headers read as their smallest value). */
export interface RateLimitHeaders {
  /** `X-Rate-Limit-Limit`: requests per window (0 with `remaining` 0: the concurrent-request limit). */
  limit: number;
  /** `X-Rate-Limit-Remaining`: requests left in the window. */
  remaining: number;
  /** `X-Rate-Limit-Reset`: when the window resets, epoch seconds by the server's clock. */
  reset: number;
}

/** Reads the three rate-limit headers, each `undefined` when it is absent or unreadable. */
export function readRateLimit(headers: Headers): Partial<RateLimitHeaders> {
  const raw = smallestOf(headers.get("x-rate-limit-reset"));
  return {
    limit: smallestOf(headers.get("x-rate-limit-limit")),
    remaining: smallestOf(headers.get("x-rate-limit-remaining")),
    reset: raw === undefined ? undefined : epochSeconds(raw),
  };
}

/**
 * Milliseconds to wait after a 429: until the smallest `X-Rate-Limit-Reset` (epoch seconds; duplicated
 * headers arrive joined as `"a, b"`) as measured against the response's `Date` (the server's clock), plus
 * one second of margin. `undefined` when the header is missing or unreadable (the caller falls back to
 * backoff).
 */
export function rateLimitDelay(headers: Headers, now: () => number = Date.now): number | undefined {
  const raw = smallestOf(headers.get("x-rate-limit-reset"));
  const reset = raw === undefined || raw === 0 ? undefined : epochSeconds(raw);
  if (reset === undefined) return undefined;
  const serverNow = Date.parse(headers.get("date") ?? "");
  const base = Number.isFinite(serverNow) ? serverNow : now();
  return Math.max(0, reset * 1000 - base) + 1000;
}

/**
 * A reset in epoch seconds. A value above 1e11 (the year 5138 in seconds) is read as milliseconds, the
 * unit a proxy or a misconfigured gateway may use. Beyond that (microseconds, nanoseconds, noise) no unit
 * gives a plausible time: `undefined`, read as no reset at all, rather than a wait of thousands of years.
 */
export function epochSeconds(n: number): number | undefined {
  if (n <= 1e11) return n;
  return n <= 1e14 ? n / 1000 : undefined;
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

/**
 * Whether the response is Okta's concurrent-request limit rather than a rate bucket: `X-Rate-Limit-Limit`
 * and `X-Rate-Limit-Remaining` both 0 (joined duplicates such as `"0, 0"` included).
 */
export function isConcurrencyLimit(headers: Headers): boolean {
  return smallestOf(headers.get("x-rate-limit-limit")) === 0 &&
    smallestOf(headers.get("x-rate-limit-remaining")) === 0;
}
