/**
 * What limits a single rate-limit wait: `rateLimit.maxWait` and `onRateLimit`, applied alike to a bucket's
 * reset in the scheduler's queue and to a retry after a 429.
 *
 * @module
 */
import { RateLimitError } from "../../errors.ts";
import type { RateLimitWait } from "../../seams.ts";

/** `rateLimit.maxWait` and `onRateLimit`. */
export interface WaitPolicy {
  /** The longest single wait allowed, in ms; longer ones fail at once with a {@linkcode RateLimitError}. */
  maxWaitMs?: number;
  /** Told of every wait; returning `false` fails the call at once with a {@linkcode RateLimitError}. */
  onRateLimit?: (wait: RateLimitWait) => boolean | void;
}

const REASONS = {
  bucket: "the bucket has no requests left until its window resets",
  "429": "Okta answered 429 and the retry waits for the reset",
  concurrency: "Okta answered with its concurrent-request limit",
};

/**
 * Throws a {@linkcode RateLimitError} when `wait` is longer than allowed or `onRateLimit` declines it;
 * `attempts` is how many times the call was sent so far.
 */
export function vetWait(
  policy: WaitPolicy,
  wait: RateLimitWait & { reason: Exclude<RateLimitWait["reason"], "store"> },
  attempts = 0,
): void {
  const seconds = (wait.waitMs / 1000).toFixed(1);
  const what = `${wait.bucket}: ${REASONS[wait.reason]}`;
  if (policy.maxWaitMs !== undefined && wait.waitMs > policy.maxWaitMs) {
    throw new RateLimitError(
      `Rate limit: ${what}; waiting ${seconds} s would exceed rateLimit.maxWait (${
        policy.maxWaitMs / 1000
      } s).`,
      { ...wait, attempts, maxWaitMs: policy.maxWaitMs },
    );
  }
  if (policy.onRateLimit?.(wait) === false) {
    throw new RateLimitError(`Rate limit: ${what}; onRateLimit declined to wait ${seconds} s.`, {
      ...wait,
      attempts,
    });
  }
}
