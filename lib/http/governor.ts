/**
 * The rate-limit governor: throttles ahead of a 429. Every Okta response says how many requests its
 * bucket has left (`X-Rate-Limit-Remaining`) and when the bucket resets (`X-Rate-Limit-Reset`, read
 * against the response's `Date`); once a bucket is spent, later calls to it wait for the reset instead
 * of each earning a 429 and a retry.
 *
 * @module
 */
import { rateLimitDelay } from "./retry_policy.ts";

/** What is known of one bucket. */
interface Bucket {
  /** Requests left in the window. */
  remaining: number;
  /** When the window resets, on this machine's clock (ms), plus a second of margin. */
  resetAt: number;
}

/** Okta ids (`00u1abc...`, 20 characters), numbers and logins: path segments that vary within a bucket. */
const VARYING = /^(?:[0-9a-zA-Z]{20}|\d+|[^/]*@[^/]*|[^/]*%40[^/]*)$/;

/**
 * The bucket a call counts against, as well as the client can tell: the method and the path (no query) with ids
 * collapsed (`GET /api/v1/users/{id}`). Okta's real buckets are coarser in places; a finer key only
 * means the governor waits a little less often than it could.
 */
export function bucketKey(method: string, path: string): string {
  return `${method} ${path.split("/").map((s) => (VARYING.test(s) ? "{id}" : s)).join("/")}`;
}

/** Tracks buckets from response headers and says how long a call must wait before it is sent. */
export class RateLimitGovernor {
  #buckets = new Map<string, Bucket>();
  #now: () => number;

  /** Creates a governor; `now` is the local clock in ms. */
  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Milliseconds a call to `key` should wait now (0 when the bucket has requests left or is unknown). */
  waitFor(key: string): number {
    const bucket = this.#buckets.get(key);
    if (!bucket) return 0;
    const wait = bucket.resetAt - this.#now();
    if (wait <= 0) {
      this.#buckets.delete(key);
      return 0;
    }
    if (bucket.remaining > 0) {
      bucket.remaining--; // this call spends one; concurrent calls then see the bucket run out
      return 0;
    }
    return wait;
  }

  /** Records what a response says about its bucket. The concurrent-request limit (`Limit: 0`) is not a bucket. */
  observe(key: string, headers: Headers): void {
    const limit = headers.get("x-rate-limit-limit");
    const remaining = Number(headers.get("x-rate-limit-remaining"));
    const wait = rateLimitDelay(headers, this.#now);
    if (limit === "0" || limit === null || !Number.isFinite(remaining) || wait === undefined) return;
    this.#buckets.set(key, { remaining, resetAt: this.#now() + wait });
  }
}
