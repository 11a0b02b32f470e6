/**
 * Okta's rate limits, modelled: per-bucket fixed windows grouped as Okta groups endpoints (the table the
 * client uses, `lib/http/rate_limit/buckets.ts`), a concurrent-request limit, and a count of violations, each reported
 * on responses with `X-Rate-Limit-Limit`, `X-Rate-Limit-Remaining` and `X-Rate-Limit-Reset` (epoch
 * seconds) and, for the first violation of a window or burst, in the System Log.
 *
 * @module
 */
import { bucketOf } from "../lib/http/rate_limit/buckets.ts";
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
  /** Bucket name such as `/api/v1/users` or `GET /api/v1/users/{idOrLogin}`. */
  bucket: string;
  /** Requests allowed per window (`X-Rate-Limit-Limit`). */
  limit: number;
  /** Requests left in this window (`X-Rate-Limit-Remaining`). */
  remaining: number;
  /** Epoch seconds when the window resets. */
  reset: number;
}

/** Requests the org refused with 429 (scheduled faults not included). */
export interface RateLimitViolations {
  /** All refused requests. */
  total: number;
  /** Refused because the bucket's window was spent, by bucket. */
  buckets: Record<string, number>;
  /** Refused by the concurrent-request limit. */
  concurrency: number;
}

/** Test controls over rate limiting (`org.rateLimits`). */
export interface RateLimitControls {
  /**
   * Sets the limit of a bucket, named as in Okta's rate-limit reference (`"/api/v1/users"`,
   * `"GET /api/v1/users/{idOrLogin}"`, `"/api/v1/apps"`, the catch-all `"/api/v1"`; see
   * {@linkcode RateLimitControls.bucketFor}); `"*"` sets the default for all others (10,000 per 60 s
   * unless set). With the default frozen clock a window never ends on its own: advance the clock, call
   * {@linkcode RateLimitControls.reset}, or raise `"*"` for long runs.
   */
  set(bucket: string, rule: RateLimitRule): void;
  /**
   * Caps requests in flight at once; beyond it, 429 with `X-Rate-Limit-Limit` and `-Remaining` 0 and a
   * reset estimate at the next whole second, as Okta reports its concurrent limit. `undefined` removes it.
   */
  setConcurrency(limit: number | undefined): void;
  /**
   * Writes `system.operation.rate_limit.warning` to the System Log once per bucket window when more than
   * `percent` of the limit is used (Okta's admin-set warning threshold). `undefined` (the default): never.
   */
  setWarningThreshold(percent: number | undefined): void;
  /** Forgets all usage and violations (limits stay). */
  reset(): void;
  /** The bucket's current state without consuming anything. */
  status(bucket: string): RateLimitStatus;
  /**
   * The bucket a request counts against, grouped as Okta documents (`GET /api/v1/users/00u1` →
   * `GET /api/v1/users/{idOrLogin}`, `/api/v1/apps/0oa1/users` → `/api/v1/apps`). Default method `GET`.
   */
  bucketFor(path: string, method?: string): string;
  /** Requests refused so far (a client that keeps to the limits leaves this at zero). */
  violations(): RateLimitViolations;
  /** Requests being handled right now, and the most there have been at once since the last reset. */
  inFlight(): { now: number; peak: number };
}

/** The default: generous, so ordinary tests and benchmarks never meet it, but real numbers. */
export const DEFAULT_RULE: Required<RateLimitRule> = { limit: 10_000, windowSeconds: 60 };

/** The System Log event a request caused, if any. */
export type RateLimitEvent =
  | "system.operation.rate_limit.violation"
  | "system.operation.rate_limit.warning"
  | "system.operation.concurrency_limit.violation";

/** The limiter the pipeline uses. */
export interface RateLimiter extends RateLimitControls {
  /** Counts one request; `ok: false` when over the limit. `event` is one to write to the System Log. */
  consume(bucket: string): { ok: boolean; status: RateLimitStatus; event?: RateLimitEvent };
  /** Marks a request as started; `ok: false` when the concurrency limit is exceeded (not counted then). */
  enter(): { ok: boolean; event?: RateLimitEvent };
  /** Marks a request as finished. */
  leave(): void;
}

/** Creates a limiter reading time from `clock`. */
export function createRateLimiter(clock: FakeClock): RateLimiter {
  const rules = new Map<string, Required<RateLimitRule>>();
  const usage = new Map<string, { windowStart: number; used: number; violated: boolean; warned: boolean }>();
  let concurrency: number | undefined;
  let warnAbove: number | undefined;
  let inFlight = 0;
  let peak = 0;
  let burst = false; // a concurrency violation has been logged since the count last fell below the limit
  let violations: RateLimitViolations = { total: 0, buckets: {}, concurrency: 0 };

  const ruleOf = (bucket: string) => rules.get(bucket) ?? rules.get("*") ?? DEFAULT_RULE;
  const current = (bucket: string) => {
    const rule = ruleOf(bucket);
    const windowMs = rule.windowSeconds * 1000;
    const windowStart = Math.floor(clock.now() / windowMs) * windowMs;
    let entry = usage.get(bucket);
    if (!entry || entry.windowStart !== windowStart) {
      usage.set(bucket, entry = { windowStart, used: 0, violated: false, warned: false });
    }
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
    setWarningThreshold(percent) {
      warnAbove = percent;
    },
    reset() {
      usage.clear();
      violations = { total: 0, buckets: {}, concurrency: 0 };
      peak = inFlight;
      burst = false;
    },
    status,
    bucketFor: (path, method = "GET") => bucketOf(method.toUpperCase(), path),
    violations: () => structuredClone(violations),
    inFlight: () => ({ now: inFlight, peak }),
    consume(bucket) {
      const { rule, entry } = current(bucket);
      if (entry.used >= rule.limit) {
        violations.total++;
        violations.buckets[bucket] = (violations.buckets[bucket] ?? 0) + 1;
        const first = !entry.violated;
        entry.violated = true;
        return {
          ok: false,
          status: status(bucket),
          event: first ? "system.operation.rate_limit.violation" : undefined,
        };
      }
      entry.used++;
      const warn = warnAbove !== undefined && !entry.warned && entry.used * 100 > rule.limit * warnAbove;
      if (warn) entry.warned = true;
      return {
        ok: true,
        status: status(bucket),
        event: warn ? "system.operation.rate_limit.warning" : undefined,
      };
    },
    enter() {
      if (concurrency !== undefined && inFlight >= concurrency) {
        violations.total++;
        violations.concurrency++;
        const first = !burst;
        burst = true;
        return { ok: false, event: first ? "system.operation.concurrency_limit.violation" : undefined };
      }
      inFlight++;
      if (inFlight > peak) peak = inFlight;
      return { ok: true };
    },
    leave() {
      inFlight--;
      if (concurrency === undefined || inFlight < concurrency) burst = false;
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
