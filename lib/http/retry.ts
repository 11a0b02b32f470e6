/**
 * Okta's retry policy, as one pure function: what happened to an attempt, the call's counts so far, its
 * method and the limits in; another attempt (with its wait and reason) or a stop out. The attempt loop
 * (`attempts.ts`) is its only caller, for API calls and the token endpoint alike.
 *
 * - A 429 is retried for any method (the request was refused, not processed) after the bucket's reset read
 *   against the server's `Date`, or `Retry-After`, or backoff. Okta's concurrent-request limit is told apart:
 *   its reset is the window's and says nothing of when a slot frees, so it gets a short backoff, which the
 *   loop ends early when a request of the client ends.
 * - A 502/503/504, a network failure, a per-attempt timeout and a connection lost mid-body may have reached
 *   the server: retried only for idempotent methods, after `Retry-After` or backoff.
 * - A 400 or 401 the auth strategy can mend (a refreshed token, a DPoP nonce) is sent again at once, at most
 *   {@linkcode MAX_AUTH_RETRIES} times.
 * 429s and failures are counted apart, each up to `maxRetries`.
 *
 * @module
 */
import { isConcurrencyLimit, rateLimitDelay, retryAfterDelay } from "./rate_limit/headers.ts";

/** Methods whose repetition cannot change the outcome; only these are retried after ambiguous failures. */
export const IDEMPOTENT_METHODS: readonly string[] = ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"];

/** Statuses that mean "the server could not handle it now" and are retried for idempotent methods. */
export const RETRYABLE_STATUSES: readonly number[] = [502, 503, 504];

/** At most this many retries per call are driven by the auth strategy (token refresh, DPoP nonce). */
export const MAX_AUTH_RETRIES = 2;

/** The longest backoff between two attempts, in milliseconds. */
export const MAX_BACKOFF_MS = 30_000;

/**
 * The longest the client waits before one attempt (a rate-limit reset, a `Retry-After`), in milliseconds:
 * two minutes, twice Okta's one-minute window. A longer wait fails at once with a `RateLimitError`.
 */
export const MAX_WAIT_MS = 120_000;

/** What happened to one attempt. */
export type Outcome =
  /** An HTTP answer; `mended` when the auth strategy asked for the call again. */
  | { readonly kind: "answer"; readonly status: number; readonly headers: Headers; readonly mended?: boolean }
  /** No answer: the connection failed, or the per-attempt timeout ran out. */
  | { readonly kind: "no-answer"; readonly why: "network" | "timeout" }
  /** The answer's headers came, then the connection failed while its body was read. */
  | { readonly kind: "body-lost"; readonly message: string };

/** The retries a call has made so far, by kind. */
export interface RetryCounts {
  /** After a 429. */
  readonly rateLimited: number;
  /** After a 5xx, a network failure, a timeout or a lost body. */
  readonly failed: number;
  /** Asked for by the auth strategy. */
  readonly auth: number;
}

/** What bounds the retries of one call. */
export interface RetryLimits {
  /** Retries allowed per kind (429s; failures). */
  readonly maxRetries: number;
  /** Treat the call as idempotent whatever its method (a token request). */
  readonly idempotent?: boolean;
  /** The clock `Retry-After` and resets are read against when the answer has no `Date`. */
  readonly now?: () => number;
  /** The jitter source of backoff. */
  readonly random?: () => number;
}

/** The policy's verdict. */
export type Decision =
  | {
    readonly retry: true;
    /** Which count the retry adds to. */
    readonly count: keyof RetryCounts;
    /** Milliseconds to wait first. */
    readonly wait: number;
    /** Why, for the log: `Rate limited`, `HTTP 503`, `NetworkError`... */
    readonly reason: string;
    /** Set for a 429: a bucket's limit, or Okta's concurrent-request limit (for `onRateLimit`). */
    readonly rateLimit?: "429" | "concurrency";
  }
  | { readonly retry: false };

const STOP: Decision = { retry: false };

/** Whether `method` may be sent again after a failure that may have reached the server. */
export function isIdempotent(method: string): boolean {
  return IDEMPOTENT_METHODS.includes(method.toUpperCase());
}

/** Okta's retry policy for one attempt's `outcome`; see the module documentation. */
export function decide(outcome: Outcome, counts: RetryCounts, method: string, limits: RetryLimits): Decision {
  const { maxRetries } = limits;
  const now = limits.now ?? Date.now;
  if (outcome.kind === "answer") {
    const { status, headers } = outcome;
    if (outcome.mended) {
      return counts.auth < MAX_AUTH_RETRIES
        ? { retry: true, count: "auth", wait: 0, reason: `HTTP ${status} mended by the auth strategy` }
        : STOP;
    }
    if (status === 429) {
      if (counts.rateLimited >= maxRetries) return STOP;
      const concurrency = isConcurrencyLimit(headers);
      // The concurrent-request limit frees up as requests end, not at the window's reset: a short backoff
      // (which the attempt loop ends early when one of the client's own requests ends).
      const reset = concurrency ? undefined : rateLimitDelay(headers, now);
      return {
        retry: true,
        count: "rateLimited",
        wait: retryAfterDelay(headers, now) ?? reset ?? backoffDelay(counts.rateLimited + 1, limits.random),
        reason: concurrency ? "Concurrent-request limit" : "Rate limited",
        rateLimit: concurrency ? "concurrency" : "429",
      };
    }
    if (!RETRYABLE_STATUSES.includes(status)) return STOP;
    return failure(counts, method, limits, `HTTP ${status}`, retryAfterDelay(headers, now));
  }
  if (outcome.kind === "no-answer") {
    return failure(counts, method, limits, outcome.why === "timeout" ? "TimeoutError" : "NetworkError");
  }
  return failure(counts, method, limits, `The connection failed mid-body (${outcome.message})`);
}

/** A failure that may have reached the server: retried for idempotent methods while `maxRetries` allows. */
function failure(
  counts: RetryCounts,
  method: string,
  limits: RetryLimits,
  reason: string,
  wait?: number,
): Decision {
  if (!(limits.idempotent || isIdempotent(method)) || counts.failed >= limits.maxRetries) return STOP;
  return {
    retry: true,
    count: "failed",
    wait: wait ?? backoffDelay(counts.failed + 1, limits.random),
    reason,
  };
}

/** Exponential backoff for attempt `n` (1-based): 0.5 s, 1 s, 2 s ... capped, with jitter in [½, 1]. */
export function backoffDelay(n: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, 500 * 2 ** (n - 1));
  return Math.round(ceiling / 2 + random() * ceiling / 2);
}

/** "1 attempt made", "3 attempts made". */
export function attemptsMade(sent: number): string {
  return `${sent} attempt${sent === 1 ? "" : "s"} made`;
}

/**
 * How often a failed call was sent and why not more, for messages: "(3 attempts made)",
 * "(1 attempt made; not retried: POST is not idempotent)", "(1 attempt made; maxRetries is 0)".
 */
export function retryNote(method: string, sent: number, maxRetries: number): string {
  if (!isIdempotent(method)) {
    return `(${attemptsMade(sent)}; not retried: ${method.toUpperCase()} is not idempotent)`;
  }
  return maxRetries === 0 ? `(${attemptsMade(sent)}; maxRetries is 0)` : `(${attemptsMade(sent)})`;
}
