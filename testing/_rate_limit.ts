/**
 * Per-bucket fixed-window rate limits and a concurrency limit, reported on every response with
 * `X-Rate-Limit-Limit`, `X-Rate-Limit-Remaining` and `X-Rate-Limit-Reset` (epoch seconds).
 *
 * @module
 */
import type { FakeClock } from "./_clock.ts";

/** One bucket's limit. */
export interface RateLimitRule {
  /** Requests allowed per window. */
  limit: number;
  /** Window length in seconds (Okta's are 60). Default 60. */
  windowSeconds?: number;
}

/** A bucket's state at one moment. */
export interface RateLimitStatus {
  /** Bucket name such as `/api/v1/users`. */
  bucket: string;
  /** Requests allowed per window (`X-Rate-Limit-Limit`). */
  limit: number;
  /** Requests left in this window (`X-Rate-Limit-Remaining`). */
  remaining: number;
  /** Epoch seconds when the window resets. */
  reset: number;
}

/** Test controls over rate limiting (`org.rateLimits`). */
export interface RateLimitControls {
  /**
   * Sets the limit of a bucket such as `"/api/v1/users"`; `"*"` sets the default for all others
   * (10,000 per 60 s unless set). With the default frozen clock a window never ends on its own:
   * advance the clock, call {@linkcode RateLimitControls.reset}, or raise `"*"` for long runs.
   */
  set(bucket: string, rule: RateLimitRule): void;
  /** Caps requests in flight at once; beyond it, 429 with limit and remaining 0. `undefined` removes it. */
  setConcurrency(limit: number | undefined): void;
  /** Forgets all usage (limits stay). */
  reset(): void;
  /** The bucket's current state without consuming anything. */
  status(bucket: string): RateLimitStatus;
  /** The bucket a method and path count against (`GET /api/v1/users/00u1` → `/api/v1/users/{id}`). */
  bucketFor(path: string): string;
}

/** The default: generous, so ordinary tests and benchmarks never meet it, but real numbers. */
export const DEFAULT_RULE: Required<RateLimitRule> = { limit: 10_000, windowSeconds: 60 };

/** The limiter the pipeline uses. */
export interface RateLimiter extends RateLimitControls {
  /** Counts one request; `ok: false` when over the limit. */
  consume(bucket: string): { ok: boolean; status: RateLimitStatus };
  /** Marks a request as started; false when the concurrency limit is exceeded (not counted then). */
  enter(): boolean;
  /** Marks a request as finished. */
  leave(): void;
}

/** Creates a limiter reading time from `clock`. */
export function createRateLimiter(clock: FakeClock, bucketFor: (path: string) => string): RateLimiter {
  const rules = new Map<string, Required<RateLimitRule>>();
  const usage = new Map<string, { windowStart: number; used: number }>();
  let concurrency: number | undefined;
  let inFlight = 0;

  const ruleOf = (bucket: string) => rules.get(bucket) ?? rules.get("*") ?? DEFAULT_RULE;
  const current = (bucket: string) => {
    const rule = ruleOf(bucket);
    const windowMs = rule.windowSeconds * 1000;
    const windowStart = Math.floor(clock.now() / windowMs) * windowMs;
    let entry = usage.get(bucket);
    if (!entry || entry.windowStart !== windowStart) usage.set(bucket, entry = { windowStart, used: 0 });
    return { rule, entry, reset: Math.ceil((windowStart + windowMs) / 1000) };
  };
  const status = (bucket: string): RateLimitStatus => {
    const { rule, entry, reset } = current(bucket);
    return { bucket, limit: rule.limit, remaining: Math.max(0, rule.limit - entry.used), reset };
  };

  return {
    set(bucket, rule) {
      if (!Number.isInteger(rule.limit) || rule.limit < 0) {
        throw new RangeError("limit must be an integer >= 0");
      }
      const windowSeconds = rule.windowSeconds ?? 60;
      if (!(windowSeconds > 0)) throw new RangeError("windowSeconds must be positive");
      rules.set(bucket, { limit: rule.limit, windowSeconds });
    },
    setConcurrency(limit) {
      concurrency = limit;
    },
    reset() {
      usage.clear();
    },
    status,
    bucketFor,
    consume(bucket) {
      const { rule, entry } = current(bucket);
      if (entry.used >= rule.limit) return { ok: false, status: status(bucket) };
      entry.used++;
      return { ok: true, status: status(bucket) };
    },
    enter() {
      if (concurrency !== undefined && inFlight >= concurrency) return false;
      inFlight++;
      return true;
    },
    leave() {
      inFlight--;
    },
  };
}

/** Writes the three rate-limit headers. */
export function setRateHeaders(
  headers: Headers,
  status: Pick<RateLimitStatus, "limit" | "remaining" | "reset">,
) {
  headers.set("X-Rate-Limit-Limit", String(status.limit));
  headers.set("X-Rate-Limit-Remaining", String(status.remaining));
  headers.set("X-Rate-Limit-Reset", String(status.reset));
}
